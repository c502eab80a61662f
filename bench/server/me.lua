-- GET /v1/me with the sessions' access tokens, round robin.
-- Args: a file of "access_token refresh_token" lines, the thread count.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
    tokens = {}
    for _, line in ipairs(thread_lines(args[1], tonumber(args[2]))) do
        tokens[#tokens + 1] = line:match("^(%S+) ")
    end
    used = 0
end

function request()
    used = used + 1
    return wrk.format("GET", "/v1/me", { Authorization = "Bearer " .. tokens[used % #tokens + 1] })
end
