// A fake of Twilio's Programmable Messaging REST API, built from
// https://www.twilio.com/docs/messaging/api/message-resource (create: POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From or
// MessagingServiceSid, Body, StatusCallback; HTTP Basic auth with the
// Account SID and Auth Token; 201 with the Message resource, status "queued",
// or "accepted" with a Messaging Service) and
// https://www.twilio.com/docs/usage/twilios-response (errors carry code,
// message, more_info and status).
// Status callbacks follow
// https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
// (none for the initial status; then sent → delivered, undelivered or failed)
// and https://www.twilio.com/docs/usage/webhooks/messaging-webhooks (form
// fields MessageSid, SmsSid, MessageStatus, SmsStatus, AccountSid, From, To,
// ApiVersion, ErrorCode, RawDlrDoneDate), signed as
// https://www.twilio.com/docs/usage/webhooks/webhooks-security describes:
// X-Twilio-Signature = base64(HMAC-SHA1(auth token, URL + each POST
// parameter's name and value, sorted by name)). Twilio does not retry them.
import crypto from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { controlError, startFake } from './lib/fake-server.mjs';

const DEFAULT_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const DEFAULT_AUTH_TOKEN = 'fa4e0f3c2b1d4e5f8a9b0c1d2e3f4a5b';
const API_VERSION = '2010-04-01';
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;
// The GSM 03.38 basic character set: outside it a message is sent as UCS-2.
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

// Options: accountSid, authToken, statuses (callbacks after a create,
// default sent then delivered), callbackDelayMs, port.
export async function startTwilioFake(options = {}) {
    const state = {
        accountSid: options.accountSid ?? DEFAULT_ACCOUNT_SID,
        authToken: options.authToken ?? DEFAULT_AUTH_TOKEN,
        statuses: options.statuses ?? ['sent', 'delivered'],
        callbackDelayMs: options.callbackDelayMs ?? 20,
    };
    const clear = () => Object.assign(state, { messages: new Map(), numbers: new Map() });
    clear();
    const fake = await startFake({
        port: options.port,
        api: (request) => answer(fake, state, request),
        errors: twilioErrors,
        control: controlRoutes(() => fake, state),
        onReset: clear,
    });
    return Object.assign(fake, {
        accountSid: state.accountSid,
        authToken: state.authToken,
        messagesUrl: `${fake.url}/${API_VERSION}/Accounts/${state.accountSid}/Messages.json`,
        // Messages created for `to` (all when absent), oldest first.
        messagesTo: (to) => [...state.messages.values()]
            .filter((m) => to === undefined || m.to === to)
            .map((m) => ({ ...resource(m), status_callback: m.status_callback })),
        // How messages to `phone` end: {outcome: delivered|undelivered|failed,
        // error_code} after sending, or {refuse_code, refuse_message} at once.
        setNumber: (phone, behaviour) => state.numbers.set(phone, behaviour),
        sendStatus: (sid, status, how) => sendStatus(fake, state, found(state, sid), status, how),
    });
}

function controlRoutes(fake, state) {
    return [
        ['GET', /^\/messages$/, (r) => ({ messages: fake().messagesTo(r.query.to) })],
        ['POST', /^\/numbers$/, (r) => {
            const { phone, ...behaviour } = r.params;
            fake().setNumber(String(phone), behaviour);
        }],
        ['POST', /^\/status$/, (r) => fake().sendStatus(r.params.sid, r.params.status, {
            errorCode: r.params.error_code,
            badSignature: r.params.bad_signature === true,
        })],
        ['POST', /^\/settings$/, (r) => {
            if (r.params.statuses !== undefined) state.statuses = r.params.statuses;
            if (r.params.callback_delay_ms !== undefined) state.callbackDelayMs = Number(r.params.callback_delay_ms);
        }],
    ];
}

function found(state, sid) {
    const message = state.messages.get(String(sid));
    if (!message) throw controlError(404, `no message ${sid}`);
    return message;
}

async function answer(fake, state, request) {
    const base = `/${API_VERSION}/Accounts/${state.accountSid}/Messages`;
    if (!authorized(state, request.headers.authorization) || !request.path.startsWith(`/${API_VERSION}/Accounts/${state.accountSid}/`)) {
        return error(401, 20003, 'Authenticate');
    }
    if (request.method === 'POST' && request.path === `${base}.json`) return create(fake, state, request.form ?? {});
    const fetched = new RegExp(`^${base}/(SM[0-9a-f]{32})\\.json$`).exec(request.path);
    if (request.method === 'GET' && fetched && state.messages.has(fetched[1])) return { status: 200, body: resource(state.messages.get(fetched[1])) };
    return error(404, 20404, `The requested resource ${request.path} was not found`);
}

function authorized(state, header = '') {
    const encoded = /^Basic (.+)$/.exec(header)?.[1];
    if (!encoded) return false;
    const [user, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
    return user === state.accountSid && rest.join(':') === state.authToken;
}

// Twilio reads only form fields; a JSON body leaves every parameter missing.
function create(fake, state, p) {
    if (!p.To) return error(400, 21604, "A 'To' phone number is required.");
    if (!p.From && !p.MessagingServiceSid) return error(400, 21603, "A 'From' phone number is required.");
    if (!p.Body && !p.MediaUrl && !p.ContentSid) return error(400, 21602, 'Message body is required.');
    if (!E164.test(p.To)) return error(400, 21211, `The 'To' number ${p.To} is not a valid phone number.`);
    if (p.Body && [...p.Body].length > MAX_BODY) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (p.StatusCallback !== undefined && !isUrl(p.StatusCallback)) return error(400, 21609, 'Invalid StatusCallback url');
    const behaviour = state.numbers.get(p.To) ?? {};
    if (behaviour.refuse_code) return error(400, Number(behaviour.refuse_code), behaviour.refuse_message ?? 'Message cannot be sent to this number.');
    const now = rfc2822(fake.clock.nowMs());
    const message = {
        sid: `SM${crypto.randomBytes(16).toString('hex')}`,
        account_sid: state.accountSid,
        to: p.To,
        from: p.From ?? null,
        messaging_service_sid: p.MessagingServiceSid ?? null,
        body: p.Body ?? '',
        status: p.MessagingServiceSid ? 'accepted' : 'queued',
        date_created: now,
        date_updated: now,
        date_sent: null,
        error_code: null,
        error_message: null,
        status_callback: p.StatusCallback,
    };
    state.messages.set(message.sid, message);
    scheduleStatuses(fake, state, message, behaviour);
    return { status: 201, body: resource(message) };
}

// The Message resource as the API returns it.
function resource(m) {
    const uri = `/${API_VERSION}/Accounts/${m.account_sid}/Messages/${m.sid}`;
    return {
        account_sid: m.account_sid,
        api_version: API_VERSION,
        body: m.body,
        date_created: m.date_created,
        date_sent: m.date_sent,
        date_updated: m.date_updated,
        direction: 'outbound-api',
        error_code: m.error_code,
        error_message: m.error_message,
        from: m.from,
        messaging_service_sid: m.messaging_service_sid,
        num_media: '0',
        num_segments: m.messaging_service_sid && m.status === 'accepted' ? '0' : String(segments(m.body)),
        price: null,
        price_unit: 'USD',
        sid: m.sid,
        status: m.status,
        subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
        to: m.to,
        uri: `${uri}.json`,
    };
}

function scheduleStatuses(fake, state, message, behaviour) {
    const ending = behaviour.outcome;
    const statuses = ending === 'failed' ? ['failed'] : ending === 'undelivered' ? ['sent', 'undelivered'] : state.statuses;
    const errorCode = behaviour.error_code ?? (ending ? 30003 : undefined);
    // One after the other, so callbacks arrive in the order of the statuses.
    const step = (i) => {
        if (i >= statuses.length) return;
        fake.later(state.callbackDelayMs, async () => {
            await sendStatus(fake, state, message, statuses[i], { errorCode });
            step(i + 1);
        });
    };
    step(0);
}

// Moves a message to `status` and, when it has a StatusCallback, POSTs it.
async function sendStatus(fake, state, message, status, { errorCode, badSignature = false } = {}) {
    const now = fake.clock.nowMs();
    message.status = status;
    message.date_updated = rfc2822(now);
    if (status === 'sent') message.date_sent = message.date_updated;
    const failed = status === 'failed' || status === 'undelivered';
    if (failed) {
        message.error_code = Number(errorCode ?? 30003);
        message.error_message = null;
    }
    if (!message.status_callback) return { sent: false };
    const params = {
        AccountSid: state.accountSid,
        ApiVersion: API_VERSION,
        From: message.from ?? '',
        MessageSid: message.sid,
        MessageStatus: status,
        SmsSid: message.sid,
        SmsStatus: status,
        To: message.to,
    };
    if (message.messaging_service_sid) params.MessagingServiceSid = message.messaging_service_sid;
    if (failed) params.ErrorCode = String(message.error_code);
    if (status === 'delivered' || status === 'undelivered') params.RawDlrDoneDate = dlrDate(now);
    const key = badSignature ? `${state.authToken}x` : state.authToken;
    return fake.deliver({
        url: message.status_callback,
        headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilioSignature(key, message.status_callback, params),
        },
        body: new URLSearchParams(params).toString(),
    });
}

function twilioSignature(authToken, url, params) {
    const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
    return crypto.createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const twilioErrors = {
    fail: (status) => error(status, 20000 + status, STATUS_CODES[status] ?? 'Internal Server Error'),
    refuse: ({ status = 400, code = 21610, message = 'Attempt to send to unsubscribed recipient' }) => error(status, Number(code), message),
    rateLimited: () => error(429, 20429, 'Too Many Requests'),
};

function error(status, code, message) {
    return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function segments(body) {
    const length = [...body].length;
    const gsm = GSM7.test(body);
    const single = gsm ? 160 : 70;
    const part = gsm ? 153 : 67;
    return length <= single ? 1 : Math.ceil(length / part);
}

// RFC 2822 dates in GMT, as in date_created: "Thu, 24 Aug 2023 05:01:45 +0000".
function rfc2822(ms) {
    return new Date(ms).toUTCString().replace('GMT', '+0000');
}

// RawDlrDoneDate is YYMMDDhhmm (Twilio changelog, 14 Feb 2023).
function dlrDate(ms) {
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, '0');
    return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}

function isUrl(text) {
    try {
        return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
        return false;
    }
}
