-- POST /v1/otp/verify, each pending code once.
-- Args: a file of "phone code" lines (one pending code each), the thread count.
-- A thread that runs out starts over: those answers are 400 no_pending_code
-- and show up as non-2xx, so the run is flagged rather than silently wrong.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
    pending = thread_lines(args[1], tonumber(args[2]))
    used = 0
end

function request()
    local line = pending[used % #pending + 1]
    used = used + 1
    local phone, code = line:match("^(%S+) (%S+)$")
    return json_post("/v1/otp/verify", '{"phone":"' .. phone .. '","code":"' .. code ..
        '","device":{"name":"bench","platform":"linux"}}')
end
