// A sliding-window limit: at most `limit` events in any `windowMs`. Only the
// events a caller admits are counted, as an upstream counts only the messages
// it accepted, not the requests it answered with 429.
export class RateWindow {
    constructor(limit, windowMs) {
        this.limit = limit;
        this.windowMs = windowMs;
        this.events = new Map();
    }

    // Milliseconds until `key` may have another event; 0 when it may now.
    waitMs(key, nowMs) {
        const times = this.recent(key, nowMs);
        if (times.length < this.limit) return 0;
        return times[times.length - this.limit] + this.windowMs - nowMs;
    }

    admit(key, nowMs) {
        this.recent(key, nowMs).push(nowMs);
    }

    recent(key, nowMs) {
        const times = (this.events.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
        this.events.set(key, times);
        return times;
    }
}
