// The faults a test switches on in a fake. Each applies to API requests whose
// path contains `path` (all when absent), for the next `count` of them (all
// when absent). Kinds:
//   fail        answer a 5xx (`status`, default 500) in the upstream's shape
//   refuse      answer a 4xx refusal in the upstream's shape (options passed on)
//   rate_limit  answer the upstream's 429 with `retry_after` seconds
//   slow        delay the answer by `ms` (combines with the others)
//   down        reset the connection without answering
const KINDS = new Set(['fail', 'refuse', 'rate_limit', 'slow', 'down']);

export class Faults {
    constructor() {
        this.list = [];
    }

    // Accepts the control API's snake_case names as well as camelCase.
    add({ kind, count, path = '', status, ms, retry_after, retryAfter = retry_after, ...options }) {
        if (!KINDS.has(kind)) throw Object.assign(new Error(`unknown fault kind ${kind}`), { status: 400 });
        if (kind === 'slow' && !(Number(ms) >= 0)) throw Object.assign(new Error('slow needs ms'), { status: 400 });
        const remaining = count === undefined || count === null ? Infinity : Number(count);
        const fault = { kind, path, remaining, ...options };
        if (status !== undefined) fault.status = Number(status);
        if (ms !== undefined) fault.ms = Number(ms);
        if (retryAfter !== undefined) fault.retryAfter = Number(retryAfter);
        this.list.push(fault);
        return fault;
    }

    clear() {
        this.list.length = 0;
    }

    // The faults that apply to one request: the delay of every matching
    // `slow`, and the first matching other fault. Uses one of each's count.
    take(path) {
        let delayMs = 0;
        let chosen;
        for (const fault of this.list) {
            if (fault.remaining <= 0 || !path.includes(fault.path)) continue;
            if (fault.kind === 'slow') {
                delayMs += fault.ms;
                fault.remaining -= 1;
            } else if (!chosen) {
                chosen = fault;
                fault.remaining -= 1;
            }
        }
        this.list = this.list.filter((fault) => fault.remaining > 0);
        return { ...chosen, delayMs };
    }
}
