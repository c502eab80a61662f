// What every fake upstream shares: an HTTP server on 127.0.0.1 (port 0 by
// default), a record of every API request and every callback it sent, a fake
// clock, faults that tests switch on (fail, refuse, slow, rate-limit, down,
// offline) and a JSON control API under /__control/ for tests in other
// processes. Each upstream module supplies its routes and the shape of its
// own errors, so a fault answers exactly as that upstream would.
import http from 'node:http';
import { Faults } from './faults.mjs';

const MAX_BODY_BYTES = 1 << 20;
const CONTROL_PREFIX = '/__control/';

// Starts a fake. `api(request)` answers upstream requests with
// {status, headers?, body} (body: object → JSON, string → as is, null → none)
// or {destroy: true}. `errors` gives the upstream's own answers for faults:
// fail(status), refuse(options), rateLimited(retryAfterSeconds).
// `control` is a list of [method, /regex/, handler(request, match)] whose
// handlers return the JSON to answer. `onReset` clears upstream state.
export async function startFake({ api, errors, control = [], onReset = () => {}, port = 0 }) {
    const fake = new FakeServer(api, errors, control, onReset);
    await fake.listen(port);
    return fake;
}

class FakeServer {
    constructor(api, errors, control, onReset) {
        this.requests = [];
        this.callbacks = [];
        this.clock = new Clock();
        this.faults = new Faults();
        this.timers = new Set();
        this.api = api;
        this.errors = errors;
        this.onReset = onReset;
        this.control = [...commonControl(this), ...control];
        this.server = http.createServer((req, res) => this.route(req, res));
        this.server.keepAliveTimeout = 1000;
    }

    get url() {
        return `http://127.0.0.1:${this.port}`;
    }

    async listen(port) {
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, '127.0.0.1', () => {
                this.server.off('error', reject);
                resolve();
            });
        });
        this.port = this.server.address().port;
    }

    // Stops listening and drops open connections: clients see "connection
    // refused" until online(). With `ms`, comes back by itself.
    async offline(ms) {
        await this.closeListener();
        if (ms !== undefined) this.later(ms, () => this.online());
    }

    async online() {
        if (!this.server.listening) await this.listen(this.port);
    }

    async stop() {
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
        this.stopped = true;
        await this.closeListener();
    }

    async closeListener() {
        if (!this.server.listening) return;
        const closed = new Promise((resolve) => this.server.close(resolve));
        this.server.closeAllConnections();
        await closed;
    }

    // setTimeout that stop() cancels, so a stopped fake sends nothing more.
    later(ms, fn) {
        const timer = setTimeout(() => {
            this.timers.delete(timer);
            fn();
        }, Math.max(0, ms));
        this.timers.add(timer);
        return timer;
    }

    sleep(ms) {
        return new Promise((resolve) => this.later(ms, resolve));
    }

    reset() {
        this.requests.length = 0;
        this.callbacks.length = 0;
        this.faults.clear();
        this.clock.offsetMs = 0;
        this.onReset();
    }

    // Recorded API requests, optionally only those whose path contains `part`.
    requestsTo(part) {
        return this.requests.filter((r) => r.path.includes(part));
    }

    // POSTs one callback (webhook, status report) and records every attempt.
    // Retries answers other than 2xx (or `okStatus`) up to `attempts` times,
    // `retryMs` apart, doubling. Resolves to the callback record.
    async deliver({ url, headers = {}, body, attempts = 1, retryMs = 100, okStatus }) {
        const record = { url, headers, body, attempts: [], delivered: false };
        this.callbacks.push(record);
        for (let i = 0; i < attempts && !this.stopped; ++i) {
            if (i > 0) await this.sleep(retryMs * 2 ** (i - 1));
            const outcome = await post(url, headers, body);
            record.attempts.push(outcome);
            const ok = okStatus ? outcome.status === okStatus : outcome.status >= 200 && outcome.status < 300;
            if (ok) {
                record.delivered = true;
                break;
            }
        }
        return record;
    }

    async route(req, res) {
        let request;
        try {
            request = await readRequest(req);
        } catch (error) {
            return send(res, { status: error.status ?? 400, body: { error: error.message } });
        }
        if (request.path.startsWith(CONTROL_PREFIX)) return this.routeControl(request, res);
        this.requests.push(request);
        const response = await this.answer(request);
        request.response = { status: response.status, body: response.body };
        if (response.destroy) return req.socket.destroy();
        send(res, response);
    }

    async answer(request) {
        const fault = this.faults.take(request.path);
        if (fault.delayMs) await this.sleep(fault.delayMs);
        if (fault.kind === 'down') return { destroy: true };
        if (fault.kind === 'fail') return this.errors.fail(fault.status ?? 500, fault);
        if (fault.kind === 'refuse') return this.errors.refuse(fault);
        if (fault.kind === 'rate_limit') return this.errors.rateLimited(fault.retryAfter ?? 1, fault);
        try {
            return await this.api(request);
        } catch (error) {
            return { status: 500, body: { fake_error: String(error?.stack ?? error) } };
        }
    }

    async routeControl(request, res) {
        if (request.bodyError) return send(res, { status: 400, body: { error: request.bodyError } });
        const path = request.path.slice(CONTROL_PREFIX.length - 1);
        for (const [method, pattern, handler] of this.control) {
            const match = method === request.method && pattern.exec(path);
            if (!match) continue;
            try {
                const body = await handler(request, match);
                return send(res, { status: 200, body: body ?? { ok: true } });
            } catch (error) {
                return send(res, { status: error.status ?? 400, body: { error: error.message } });
            }
        }
        send(res, { status: 404, body: { error: `no control route ${request.method} ${path}` } });
    }
}

// A clock the tests can move forward (48-hour rule, code lifetimes).
class Clock {
    constructor() {
        this.offsetMs = 0;
    }

    nowMs() {
        return Date.now() + this.offsetMs;
    }

    nowSeconds() {
        return Math.floor(this.nowMs() / 1000);
    }

    advance(seconds) {
        this.offsetMs += seconds * 1000;
    }
}

// An error a control handler throws to answer with that status.
export function controlError(status, message) {
    return Object.assign(new Error(message), { status });
}

function commonControl(fake) {
    return [
        ['GET', /^\/requests$/, (r) => ({ requests: fake.requestsTo(r.query.path ?? '') })],
        ['GET', /^\/callbacks$/, () => ({ callbacks: fake.callbacks })],
        ['POST', /^\/reset$/, () => fake.reset()],
        ['POST', /^\/clock$/, (r) => fake.clock.advance(finite(r.params.advance_seconds))],
        ['POST', /^\/faults$/, (r) => controlFault(fake, r.params)],
        ['GET', /^\/faults$/, () => ({ faults: fake.faults.list })],
    ];
}

function finite(value) {
    const n = Number(value);
    if (value === null || value === '' || !Number.isFinite(n)) throw controlError(400, 'a finite number is needed');
    return n;
}

// `down` resets API connections while the control API stays reachable;
// `offline` closes the port itself and needs `ms` to come back.
function controlFault(fake, params) {
    if (params.kind === 'offline') {
        if (!(Number(params.ms) > 0)) throw controlError(400, 'offline needs ms > 0 to come back');
        // Answer first: the control request itself must not be cut off.
        setImmediate(() => fake.offline(Number(params.ms)));
        return { ok: true };
    }
    if (params.kind === 'clear') return fake.faults.clear();
    fake.faults.add(params);
}

async function readRequest(req) {
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
        chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://fake');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const body = parseBody(type, raw);
    return {
        at: Date.now(),
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        raw,
        contentType: type,
        json: body.json,
        form: body.form,
        bodyError: body.error,
        params: { ...Object.fromEntries(url.searchParams), ...(body.form ?? {}), ...(isObject(body.json) ? body.json : {}) },
    };
}

function parseBody(type, raw) {
    if (raw === '') return {};
    if (type === 'application/json') {
        try {
            return { json: JSON.parse(raw) };
        } catch {
            return { error: 'invalid JSON' };
        }
    }
    if (type === 'application/x-www-form-urlencoded') return { form: Object.fromEntries(new URLSearchParams(raw)) };
    return { error: `unsupported content type ${type || '(none)'}` };
}

function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function send(res, { status, headers = {}, body }) {
    const text = body === null || body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
}

async function post(url, headers, body) {
    try {
        const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10000) });
        return { at: Date.now(), status: res.status, body: await res.text() };
    } catch (error) {
        return { at: Date.now(), error: String(error?.cause?.code ?? error?.message ?? error) };
    }
}
