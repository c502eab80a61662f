// A fake of MSG91's SMS APIs. Send SMS via Flow follows
// https://control.msg91.com/apidoc/textsms/send-sms-flow.php: POST
// /api/v5/flow/ with the "authkey" header and a JSON body {flow_id (newer
// docs: template_id), sender, recipients: [{mobiles, VAR...}]}, mobiles in
// international format without "+", answered {"message":"<id>","type":"success"}.
// SendOTP v5 (POST /api/v5/otp; template_id, mobile, optional otp,
// otp_length 4-9, otp_expiry in minutes, as the OTP API documents them at
// https://world.msg91.com/apidoc/otp/otp.php) answers
// {"request_id","type":"success"} as MSG91's v5 clients read it;
// GET /api/v5/otp/verify takes otp and mobile. Errors are {"type":"error",
// "message"} as in MSG91's examples ("Missing Authentication Key", code 106).
// The documentation gives no HTTP status for them: this fake answers 401 for
// a missing or wrong authkey and `errorStatus` (200 unless told) otherwise;
// its other error messages are its own.
import crypto from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { startFake } from './lib/fake-server.mjs';

const DEFAULT_AUTHKEY = '412345AbCdEfGhIjKlMnOpQr';
const MOBILE = /^[1-9]\d{9,14}$/;

// Options: authkey, errorStatus, port.
export async function startMsg91Fake(options = {}) {
    const state = { authkey: options.authkey ?? DEFAULT_AUTHKEY, errorStatus: options.errorStatus ?? 200 };
    const clear = () => Object.assign(state, { inbox: [], otps: new Map() });
    clear();
    const fake = await startFake({
        port: options.port,
        api: (request) => answer(fake, state, request),
        errors: msg91Errors(state),
        control: [['GET', /^\/messages$/, (r) => ({ messages: messagesTo(state, r.query.mobile) })]],
        onReset: clear,
    });
    return Object.assign(fake, {
        authkey: state.authkey,
        // SMS that MSG91 sent to `mobile` (all when absent), oldest first.
        messagesTo: (mobile) => messagesTo(state, mobile),
    });
}

function messagesTo(state, mobile) {
    return state.inbox.filter((m) => mobile === undefined || m.mobile === mobile);
}

function answer(fake, state, request) {
    const key = request.headers.authkey ?? request.params.authkey;
    if (!key) return error(401, 'Missing Authentication Key', '106');
    if (key !== state.authkey) return error(401, 'Invalid Authentication Key');
    if (request.bodyError) return error(state.errorStatus, 'Invalid request body');
    const path = request.path.replace(/\/+$/, '');
    if (path === '/api/v5/otp' && request.method === 'POST') return sendOtp(fake, state, request.params);
    if (path === '/api/v5/otp/verify') return verifyOtp(fake, state, request.params);
    if (path === '/api/v5/flow' && request.method === 'POST') return sendFlow(fake, state, request.json);
    return error(404, 'Not Found');
}

function sendOtp(fake, state, p) {
    const mobile = String(p.mobile ?? '');
    if (!p.template_id) return error(state.errorStatus, 'template_id is required');
    if (!MOBILE.test(mobile)) return error(state.errorStatus, 'Mobile no. is not valid');
    const length = Number(p.otp_length ?? 4);
    if (p.otp !== undefined && !/^\d{4,9}$/.test(String(p.otp))) return error(state.errorStatus, 'OTP is not valid');
    if (p.otp === undefined && !(Number.isInteger(length) && length >= 4 && length <= 9)) {
        return error(state.errorStatus, 'otp_length is not valid');
    }
    const expiryMinutes = Number(p.otp_expiry ?? 1440);
    if (!(Number.isInteger(expiryMinutes) && expiryMinutes >= 1)) return error(state.errorStatus, 'otp_expiry is not valid');
    const otp = p.otp === undefined ? digits(length) : String(p.otp);
    const requestId = crypto.randomBytes(12).toString('hex');
    state.otps.set(mobile, { otp, expires: fake.clock.nowSeconds() + expiryMinutes * 60, verified: false });
    state.inbox.push({ kind: 'otp', request_id: requestId, mobile, otp, template_id: String(p.template_id), sender: p.sender });
    return { status: 200, body: { request_id: requestId, type: 'success' } };
}

function verifyOtp(fake, state, p) {
    const entry = state.otps.get(String(p.mobile ?? ''));
    if (!entry) return error(state.errorStatus, 'OTP not found');
    if (entry.verified) return error(state.errorStatus, 'Mobile no. already verified');
    if (fake.clock.nowSeconds() > entry.expires) return error(state.errorStatus, 'OTP expired');
    if (String(p.otp ?? '') !== entry.otp) return error(state.errorStatus, 'OTP not match');
    entry.verified = true;
    return { status: 200, body: { message: 'OTP verified success', type: 'success' } };
}

function sendFlow(fake, state, body) {
    const template = body?.template_id ?? body?.flow_id;
    if (!template) return error(state.errorStatus, 'template_id or flow_id is required');
    const recipients = body.recipients;
    if (!Array.isArray(recipients) || recipients.length === 0) return error(state.errorStatus, 'recipients are required');
    const bad = recipients.find((r) => !MOBILE.test(String(r?.mobiles ?? '')));
    if (bad !== undefined) return error(state.errorStatus, 'Mobile no. is not valid');
    const id = crypto.randomBytes(12).toString('hex');
    for (const { mobiles, ...vars } of recipients) {
        state.inbox.push({ kind: 'flow', request_id: id, mobile: String(mobiles), template_id: String(template), sender: body.sender, vars });
    }
    return { status: 200, body: { message: id, type: 'success' } };
}

function msg91Errors(state) {
    return {
        fail: (status) => error(status, STATUS_CODES[status] ?? 'Internal Server Error'),
        refuse: ({ status = state.errorStatus, message = 'Mobile no. is blocked' }) => error(status, message),
        rateLimited: () => error(429, 'Too Many Requests'),
    };
}

function error(status, message, code) {
    return { status, body: code === undefined ? { type: 'error', message } : { type: 'error', message, code } };
}

function digits(length) {
    return Array.from({ length }, () => crypto.randomInt(10)).join('');
}
