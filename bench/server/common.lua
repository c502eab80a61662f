-- Shared by the wrk scripts of bench/server (loaded with dofile).

-- Each wrk thread gets its number (0, 1, ...) as the global `thread_index`.
local started = 0
function setup(thread)
    thread:set("thread_index", started)
    started = started + 1
end

-- The lines of `path` that fall to this thread when `threads` threads
-- share the file round robin.
function thread_lines(path, threads)
    local lines, n = {}, 0
    for line in io.lines(path) do
        if n % threads == thread_index then
            lines[#lines + 1] = line
        end
        n = n + 1
    end
    return lines
end

function json_post(path, body)
    return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end

-- One machine-readable line for bench/server/run; errors.status counts
-- answers that were not 2xx/3xx.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "wrk: requests=%d rate=%.0f non2xx=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
        summary.requests, summary.requests / (summary.duration / 1e6), e.status,
        e.connect + e.read + e.write + e.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
