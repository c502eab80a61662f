-- POST /v1/token/refresh, each refresh token once: every answer's token goes
-- back to the thread's pool and a later request of the thread takes it.
-- A request is sent only after its connection's previous answer, so a pool
-- that starts with at least one token per connection never runs dry.
-- Args: a file of "access_token refresh_token" lines, the thread count.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

function init(args)
    pool = {}
    for _, line in ipairs(thread_lines(args[1], tonumber(args[2]))) do
        pool[#pool + 1] = line:match(" (%S+)$")
    end
end

function request()
    -- An empty pool (chains broken by failed answers) sends an unknown token: a counted 401.
    local token = table.remove(pool) or "exhausted"
    return json_post("/v1/token/refresh", '{"refresh_token":"' .. token .. '"}')
end

function response(status, headers, body)
    if status == 200 then
        table.insert(pool, 1, body:match('"refresh_token":"([^"]+)"'))
    end
end
