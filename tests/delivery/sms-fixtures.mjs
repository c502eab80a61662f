// What the Gateway, SMS and fallback suites share: the fakes of the Telegram
// Gateway, Twilio and MSG91 started in this process, the server flags that
// point sesame-server at them, and waiting on conditions with a deadline.
import assert from 'node:assert/strict';
import net from 'node:net';
import { startGatewayFake } from '../fakes/gateway.mjs';
import { control } from '../fakes/lib/client.mjs';
import { startMsg91Fake } from '../fakes/msg91.mjs';
import { startTwilioFake } from '../fakes/twilio.mjs';

export const TWILIO_FROM = '+15005550006';
export const MSG91_TEMPLATE = 'sesame-otp-template';

// A port free right now, so the server's public callback URLs can be named
// before it starts (the fakes call them).
export function freePort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

// Reports and status callbacks follow each send after this delay.
const CALLBACK_DELAY_MS = 5;
// What reset() restores: the fakes' callbacks after each send.
const DEFAULT_SETTINGS = {
    gateway: { reports: ['sent', 'delivered'], report_delay_ms: CALLBACK_DELAY_MS },
    twilio: { statuses: ['sent', 'delivered'], callback_delay_ms: CALLBACK_DELAY_MS },
};

// Changes a fake's settings through its control API (reports, statuses, delays).
export async function configure(fake, settings) {
    const res = await control(fake, '/settings', settings);
    assert.equal(res.status, 200, res.text);
}

// Starts the fakes named in `names` ("gateway", "twilio", "msg91").
// reset() forgets their requests, faults and state and restores their
// callbacks (reports and statuses after each send).
export async function startUpstreams(names) {
    const starters = { gateway: startGatewayFake, twilio: startTwilioFake, msg91: startMsg91Fake };
    // A refused report is retried twice, quickly, rather than the Gateway's ten times.
    const options = { gateway: { reportAttempts: 2, reportRetryMs: 10 } };
    const fakes = {};
    for (const name of names) fakes[name] = await starters[name](options[name] ?? {});
    return {
        ...fakes,
        reset: async () => {
            for (const [name, fake] of Object.entries(fakes)) {
                fake.reset();
                if (DEFAULT_SETTINGS[name]) await configure(fake, DEFAULT_SETTINGS[name]);
            }
        },
        stop: () => Promise.all(Object.values(fakes).map((fake) => fake.stop())),
    };
}

// The flags that configure every started fake as an upstream, with this
// server's callback URLs on `port` (and --listen on it). Each lane's pace is
// high, so requests in quick succession are each tried at once (a paced lane
// queues them instead; that is the pacing suite's subject, not ours).
export function upstreamFlags(upstreams, port) {
    const base = `http://127.0.0.1:${port}`;
    const flags = ['--listen', `127.0.0.1:${port}`];
    if (upstreams.gateway) {
        flags.push('--telegram-gateway-token', upstreams.gateway.token,
            '--telegram-gateway-api-url', upstreams.gateway.url,
            '--telegram-gateway-callback-url', `${base}/v1/delivery/telegram-gateway`,
            '--telegram-gateway-rate', '1000');
    }
    if (upstreams.twilio) {
        flags.push('--twilio-account-sid', upstreams.twilio.accountSid,
            '--twilio-auth-token', upstreams.twilio.authToken,
            '--twilio-from', TWILIO_FROM,
            '--twilio-api-url', upstreams.twilio.url,
            '--twilio-status-callback-url', `${base}/v1/delivery/twilio/status`,
            '--twilio-rate', '1000');
    }
    if (upstreams.msg91) {
        flags.push('--msg91-authkey', upstreams.msg91.authkey,
            '--msg91-template-id', MSG91_TEMPLATE,
            '--msg91-api-url', upstreams.msg91.url,
            '--msg91-rate', '1000');
    }
    return flags;
}

// Polls `probe` until it returns something truthy; fails after `timeoutMs`
// with `what` and the last value seen.
export async function eventually(probe, what, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
        last = await probe();
        if (last) return last;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}

// GET /v1/otp/{request_id}/delivery.
export function deliveryOf(server, requestId) {
    return server.get(`/v1/otp/${encodeURIComponent(requestId)}/delivery`);
}

// Waits until the request's delivery status is `status`; its body.
export async function deliveryReaches(server, requestId, status) {
    let seen;
    await eventually(async () => {
        const res = await deliveryOf(server, requestId);
        seen = res.json;
        return res.status === 200 && res.json.status === status;
    }, `delivery of ${requestId} to become ${status} (last ${JSON.stringify(seen)})`);
    return seen;
}

// The code in an SMS text ("Your Sesame code: 123456. ...").
export function codeIn(text, length = 6) {
    const found = new RegExp(`\\b(\\d{${length}})\\b`).exec(text);
    assert.ok(found, 'the message holds a code');
    return found[1];
}
