// A fake of the Telegram Gateway API, built from
// https://core.telegram.org/gateway/api: /<METHOD> (case-insensitive), GET or
// POST with query/form/JSON parameters, the token as "Authorization: Bearer"
// or the access_token parameter, and {"ok":true,"result"} /
// {"ok":false,"error":"<NAME>"} answers. Methods: checkSendAbility,
// sendVerificationMessage (code, code_length, ttl 30-3600, callback_url
// ≤256 bytes, payload ≤128 bytes, a checkSendAbility request_id used once),
// checkVerificationStatus, revokeVerificationMessage; RequestStatus,
// DeliveryStatus and VerificationStatus objects as documented.
// Delivery reports ("Report delivery"): a POST of the JSON RequestStatus to
// callback_url with X-Request-Timestamp and X-Request-Signature =
// hex(HMAC-SHA-256(key = SHA256(token), timestamp + "\n" + body)); anything
// but 200 is retried, up to 10 times.
// The docs name only ACCESS_TOKEN_INVALID among error strings and give no
// HTTP status for "ok":false answers (the tutorial's client reads "ok" after
// a 200); the other names below are this fake's, and `errorStatus` sets the
// status (200 unless told). callback_url may be plain http here, for local tests.
import crypto from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { controlError, startFake } from './lib/fake-server.mjs';

const DEFAULT_GATEWAY_TOKEN = 'AAFakeGatewayTokenForSesameTests_0123456789';
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_CODE_ATTEMPTS = 3;

// Options: token, balance, cost, errorStatus, reports (statuses reported
// after a send, default sent then delivered), reportDelayMs, reportAttempts,
// reportRetryMs, port.
export async function startGatewayFake(options = {}) {
    const state = {
        token: options.token ?? DEFAULT_GATEWAY_TOKEN,
        cost: options.cost ?? 0.01,
        errorStatus: options.errorStatus ?? 200,
        reports: options.reports ?? ['sent', 'delivered'],
        reportDelayMs: options.reportDelayMs ?? 20,
        reportAttempts: options.reportAttempts ?? 10,
        reportRetryMs: options.reportRetryMs ?? 100,
    };
    const clear = () => Object.assign(state, { balance: options.balance ?? 100, requests: new Map(), unreachable: new Set(), inbox: [] });
    clear();
    const fake = await startFake({
        port: options.port,
        api: (request) => answer(fake, state, request),
        errors: gatewayErrors(state),
        control: controlRoutes(() => fake, state),
        onReset: clear,
    });
    return Object.assign(fake, {
        token: state.token,
        // Messages the Gateway showed in users' Telegram, newest last.
        messagesTo: (phone) => state.inbox.filter((m) => m.phone_number === phone),
        setReachable: (phone, reachable) => (reachable ? state.unreachable.delete(phone) : state.unreachable.add(phone)),
        status: (requestId) => requestStatus(found(state, requestId)),
        report: (requestId, status, how) => sendReport(fake, state, found(state, requestId), status, how),
        calls: (method) => fake.requests.filter((r) => r.path.toLowerCase() === `/${method.toLowerCase()}`),
    });
}

function controlRoutes(fake, state) {
    return [
        ['GET', /^\/messages$/, (r) => ({ messages: r.query.phone ? fake().messagesTo(r.query.phone) : state.inbox })],
        ['POST', /^\/numbers$/, (r) => {
            fake().setReachable(String(r.params.phone), r.params.reachable !== false);
        }],
        ['POST', /^\/reports$/, (r) => fake().report(r.params.request_id, r.params.status, {
            badSignature: r.params.bad_signature === true,
            timestamp: r.params.timestamp,
        })],
        ['POST', /^\/settings$/, (r) => {
            if (r.params.reports !== undefined) state.reports = r.params.reports;
            if (r.params.report_delay_ms !== undefined) state.reportDelayMs = Number(r.params.report_delay_ms);
        }],
    ];
}

function found(state, requestId) {
    const request = state.requests.get(String(requestId));
    if (!request) throw controlError(404, `no Gateway request ${requestId}`);
    return request;
}

async function answer(fake, state, request) {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if ((bearer ?? request.params.access_token) !== state.token) return refusal(state, 'ACCESS_TOKEN_INVALID');
    if (request.bodyError) return refusal(state, 'BAD_REQUEST');
    const method = METHODS[request.path.slice(1).toLowerCase()];
    if (!method) return refusal(state, 'METHOD_NOT_FOUND', 404);
    const p = Object.fromEntries(Object.entries(request.params).filter(([k]) => k !== 'access_token'));
    return method(fake, state, p);
}

const METHODS = {
    checksendability: checkSendAbility,
    sendverificationmessage: sendVerificationMessage,
    checkverificationstatus: checkVerificationStatus,
    revokeverificationmessage: revokeVerificationMessage,
};

function checkSendAbility(fake, state, p) {
    const phone = String(p.phone_number ?? '');
    const problem = phoneProblem(state, phone) ?? (state.balance < state.cost ? 'BALANCE_NOT_ENOUGH' : undefined);
    if (problem) return refusal(state, problem);
    const request = newRequest(fake, state, { phone_number: phone, request_cost: state.cost, kind: 'ability' });
    state.balance -= state.cost;
    return success({ ...requestStatus(request), remaining_balance: round(state.balance) });
}

function sendVerificationMessage(fake, state, p) {
    const phone = String(p.phone_number ?? '');
    const problem = phoneProblem(state, phone) ?? sendProblem(p);
    if (problem) return refusal(state, problem);
    const prepaid = p.request_id === undefined ? undefined : state.requests.get(String(p.request_id));
    if (p.request_id !== undefined && (prepaid?.kind !== 'ability' || prepaid.phone_number !== phone)) {
        return refusal(state, 'REQUEST_ID_INVALID');
    }
    if (!prepaid && state.balance < state.cost) return refusal(state, 'BALANCE_NOT_ENOUGH');
    const code = p.code === undefined ? randomDigits(Number(p.code_length ?? 6)) : String(p.code);
    const fields = {
        phone_number: phone,
        request_cost: state.cost,
        kind: 'sent',
        code,
        ttl: p.ttl === undefined ? undefined : Number(p.ttl),
        callback_url: p.callback_url,
        payload: p.payload,
        attempts: 0,
    };
    const request = prepaid ? Object.assign(prepaid, fields) : newRequest(fake, state, fields);
    request.delivery_status = { status: 'sent', updated_at: fake.clock.nowSeconds() };
    if (!prepaid) state.balance -= state.cost;
    state.inbox.push({ request_id: request.request_id, phone_number: phone, code, sender: p.sender_username, revoked: false });
    scheduleReports(fake, state, request);
    const status = requestStatus(request);
    return success(prepaid ? status : { ...status, remaining_balance: round(state.balance) });
}

function checkVerificationStatus(fake, state, p) {
    const request = state.requests.get(String(p.request_id ?? ''));
    if (!request || request.kind !== 'sent') return refusal(state, 'REQUEST_ID_INVALID');
    if (p.code !== undefined) {
        const entered = String(p.code);
        request.verification_status = {
            status: verificationOutcome(fake, request, entered),
            updated_at: fake.clock.nowSeconds(),
            code_entered: entered,
        };
    }
    return success(requestStatus(request));
}

function verificationOutcome(fake, request, entered) {
    const expired = request.ttl !== undefined && fake.clock.nowSeconds() > request.created + request.ttl;
    if (expired) return 'expired';
    if (request.attempts >= MAX_CODE_ATTEMPTS) return 'code_max_attempts_exceeded';
    if (entered === request.code) return 'code_valid';
    request.attempts += 1;
    return 'code_invalid';
}

// "Returns True if the revocation request was received"; a message already
// delivered or read is not removed.
function revokeVerificationMessage(fake, state, p) {
    const request = state.requests.get(String(p.request_id ?? ''));
    if (!request || request.kind !== 'sent') return refusal(state, 'REQUEST_ID_INVALID');
    if (request.delivery_status?.status === 'sent') {
        request.revoked = true;
        state.inbox.filter((m) => m.request_id === request.request_id).forEach((m) => (m.revoked = true));
        sendReport(fake, state, request, 'revoked');
    }
    return success(true);
}

function phoneProblem(state, phone) {
    if (!E164.test(phone)) return 'PHONE_NUMBER_INVALID';
    if (state.unreachable.has(phone)) return 'PHONE_NUMBER_NOT_AVAILABLE';
    return undefined;
}

function sendProblem(p) {
    if (p.code !== undefined && !/^\d{4,8}$/.test(String(p.code))) return 'CODE_INVALID';
    if (p.code === undefined && p.code_length !== undefined && !inRange(p.code_length, 4, 8)) return 'CODE_LENGTH_INVALID';
    if (p.ttl !== undefined && !inRange(p.ttl, 30, 3600)) return 'TTL_INVALID';
    if (p.callback_url !== undefined && (Buffer.byteLength(String(p.callback_url)) > 256 || !isUrl(p.callback_url))) {
        return 'CALLBACK_URL_INVALID';
    }
    if (p.payload !== undefined && Buffer.byteLength(String(p.payload)) > 128) return 'PAYLOAD_INVALID';
    return undefined;
}

function newRequest(fake, state, fields) {
    const request = { request_id: crypto.randomBytes(8).toString('hex'), created: fake.clock.nowSeconds(), ...fields };
    state.requests.set(request.request_id, request);
    return request;
}

// The documented RequestStatus fields only; optional ones left out when unset.
function requestStatus(r) {
    const status = { request_id: r.request_id, phone_number: r.phone_number, request_cost: r.request_cost };
    if (r.delivery_status) status.delivery_status = r.delivery_status;
    if (r.verification_status) status.verification_status = r.verification_status;
    if (r.payload !== undefined) status.payload = String(r.payload);
    return status;
}

function scheduleReports(fake, state, request) {
    if (!request.callback_url) return;
    state.reports.forEach((status, i) => {
        fake.later(state.reportDelayMs * (i + 1), () => {
            if (!request.revoked) sendReport(fake, state, request, status);
        });
    });
}

// Sends one delivery report after the request's earlier ones (so they
// arrive in order, retries included). `badSignature` signs with the wrong
// key, `timestamp` overrides X-Request-Timestamp (to test stale reports).
function sendReport(fake, state, request, status, how = {}) {
    if (!request.callback_url) throw controlError(400, 'that request has no callback_url');
    const report = (request.reporting ?? Promise.resolve()).then(() => deliverReport(fake, state, request, status, how));
    request.reporting = report.catch(() => {});
    return report;
}

function deliverReport(fake, state, request, status, { badSignature = false, timestamp }) {
    request.delivery_status = { status, updated_at: fake.clock.nowSeconds() };
    const body = JSON.stringify(requestStatus(request));
    const stamp = String(timestamp ?? fake.clock.nowSeconds());
    const signature = gatewaySignature(badSignature ? `${state.token}x` : state.token, stamp, body);
    return fake.deliver({
        url: request.callback_url,
        headers: { 'content-type': 'application/json', 'x-request-timestamp': stamp, 'x-request-signature': signature },
        body,
        attempts: state.reportAttempts,
        retryMs: state.reportRetryMs,
        okStatus: 200,
    });
}

function gatewaySignature(token, timestamp, body) {
    const key = crypto.createHash('sha256').update(token).digest();
    return crypto.createHmac('sha256', key).update(`${timestamp}\n${body}`).digest('hex');
}

function gatewayErrors(state) {
    return {
        fail: (status) => ({ status, body: { ok: false, error: errorName(STATUS_CODES[status] ?? 'Internal Server Error') } }),
        refuse: ({ status, error = 'PHONE_NUMBER_NOT_AVAILABLE' }) => refusal(state, error, status),
        rateLimited: (retryAfter) => ({
            status: 429,
            headers: { 'retry-after': String(retryAfter) },
            body: { ok: false, error: 'TOO_MANY_REQUESTS' },
        }),
    };
}

function errorName(text) {
    return text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function success(result) {
    return { status: 200, body: { ok: true, result } };
}

function refusal(state, error, status = state.errorStatus) {
    return { status, body: { ok: false, error } };
}

function randomDigits(length) {
    const n = Math.min(8, Math.max(4, Number.isInteger(length) ? length : 6));
    return Array.from({ length: n }, () => crypto.randomInt(10)).join('');
}

function inRange(value, low, high) {
    const n = Number(value);
    return Number.isInteger(n) && n >= low && n <= high;
}

function isUrl(text) {
    try {
        return ['http:', 'https:'].includes(new URL(String(text)).protocol);
    } catch {
        return false;
    }
}

function round(value) {
    return Math.round(value * 1e6) / 1e6;
}
