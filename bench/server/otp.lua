-- POST /v1/otp, a new phone (+7700 and 7 digits) for every request.
-- Args: the first phone index; each thread counts up from its own block of
-- 1,000,000 so no two requests share a phone.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
    next_phone = tonumber(args[1]) + thread_index * 1000000
end

function request()
    local phone = string.format("+7700%07d", next_phone)
    next_phone = next_phone + 1
    return json_post("/v1/otp", '{"phone":"' .. phone .. '"}')
end
