// The fake Twilio against its docs: the Messages create request and answer,
// the error shape, and status callbacks whose X-Twilio-Signature this test
// checks with its own implementation of the documented algorithm (itself
// checked against the worked example of Twilio's "Webhooks security" page).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { call, control } from './lib/client.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startTwilioFake } from './twilio.mjs';

const TO = '+15558675310';
const FROM = '+15557122661';

async function fakeFor(t, options) {
    const tw = await startTwilioFake({ callbackDelayMs: 1, ...options });
    t.after(() => tw.stop());
    return tw;
}

function basic(user, password) {
    return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

function create(tw, form, headers = basic(tw.accountSid, tw.authToken)) {
    return call(tw.messagesUrl, { form, headers });
}

// The URL, then each POST parameter's name and value sorted by name, HMAC-SHA1
// with the auth token, base64.
function expectedSignature(authToken, url, params) {
    const data = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
    return crypto.createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

test('the signature algorithm used here reproduces Twilio\'s documented example', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(expectedSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
});

test('creating a message answers 201 with the Message resource, status queued', async (t) => {
    const tw = await fakeFor(t, { statuses: [] });
    const { status, json } = await create(tw, { To: TO, From: FROM, Body: 'Your code is 123456' });
    assert.equal(status, 201);
    assert.match(json.sid, /^SM[0-9a-f]{32}$/);
    assert.equal(json.account_sid, tw.accountSid);
    assert.equal(json.api_version, '2010-04-01');
    assert.equal(json.body, 'Your code is 123456');
    assert.equal(json.status, 'queued');
    assert.equal(json.direction, 'outbound-api');
    assert.equal(json.to, TO);
    assert.equal(json.from, FROM);
    assert.equal(json.num_segments, '1');
    assert.equal(json.num_media, '0');
    assert.equal(json.price, null);
    assert.equal(json.price_unit, 'USD');
    assert.equal(json.error_code, null);
    assert.equal(json.error_message, null);
    assert.equal(json.messaging_service_sid, null);
    assert.equal(json.date_sent, null);
    assert.match(json.date_created, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(json.uri, `/2010-04-01/Accounts/${tw.accountSid}/Messages/${json.sid}.json`);
    assert.equal(json.subresource_uris.media, `/2010-04-01/Accounts/${tw.accountSid}/Messages/${json.sid}/Media.json`);
    const fetched = await call(`${tw.url}${json.uri}`, { method: 'GET', headers: basic(tw.accountSid, tw.authToken) });
    assert.equal(fetched.json.sid, json.sid);
});

test('a Messaging Service answers status accepted with no sender yet; segments follow the encoding', async (t) => {
    const tw = await fakeFor(t, { statuses: [] });
    const viaService = (await create(tw, { To: TO, MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef', Body: 'hi' })).json;
    assert.equal(viaService.status, 'accepted');
    assert.equal(viaService.from, null);
    assert.equal(viaService.num_segments, '0');
    assert.equal((await create(tw, { To: TO, From: FROM, Body: 'a'.repeat(161) })).json.num_segments, '2');
    assert.equal((await create(tw, { To: TO, From: FROM, Body: 'я'.repeat(70) })).json.num_segments, '1');
    assert.equal((await create(tw, { To: TO, From: FROM, Body: 'я'.repeat(71) })).json.num_segments, '2');
});

test('authentication failures answer 401 with code 20003', async (t) => {
    const tw = await fakeFor(t);
    const expected = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };
    for (const headers of [{}, basic(tw.accountSid, 'wrong'), basic('ACffffffffffffffffffffffffffffffff', tw.authToken), { authorization: 'Bearer x' }]) {
        const { status, json } = await create(tw, { To: TO, From: FROM, Body: 'x' }, headers);
        assert.deepEqual({ status, json }, { status: 401, json: expected });
    }
    assert.equal(tw.messagesTo().length, 0);
});

test('invalid requests answer 400 with Twilio\'s error codes', async (t) => {
    const tw = await fakeFor(t);
    const cases = [
        [{ From: FROM, Body: 'x' }, 21604],
        [{ To: TO, Body: 'x' }, 21603],
        [{ To: TO, From: FROM }, 21602],
        [{ To: '5558675310', From: FROM, Body: 'x' }, 21211],
        [{ To: '+1 555 867', From: FROM, Body: 'x' }, 21211],
        [{ To: TO, From: FROM, Body: 'x'.repeat(1601) }, 21617],
        [{ To: TO, From: FROM, Body: 'x', StatusCallback: 'not a url' }, 21609],
    ];
    for (const [form, code] of cases) {
        const { status, json } = await create(tw, form);
        assert.equal(status, 400, JSON.stringify(form));
        assert.deepEqual(Object.keys(json).sort(), ['code', 'message', 'more_info', 'status']);
        assert.equal(json.code, code, JSON.stringify(form));
        assert.equal(json.more_info, `https://www.twilio.com/docs/errors/${code}`);
        assert.equal(json.status, 400);
    }
    const asJson = await call(tw.messagesUrl, { json: { To: TO, From: FROM, Body: 'x' }, headers: basic(tw.accountSid, tw.authToken) });
    assert.equal(asJson.json.code, 21604, 'Twilio reads form fields only');
    tw.setNumber('+15550000002', { refuse_code: 21610, refuse_message: 'Attempt to send to unsubscribed recipient' });
    assert.equal((await create(tw, { To: '+15550000002', From: FROM, Body: 'x' })).json.code, 21610);
    assert.equal(tw.messagesTo().length, 0);
});

test('status callbacks: sent then delivered, form-encoded, signed over the exact StatusCallback URL', async (t) => {
    const tw = await fakeFor(t);
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const callback = `${receiver.url}/v1/sms/twilio/status?request=abc`;
    const message = (await create(tw, { To: TO, From: FROM, Body: 'code', StatusCallback: callback })).json;
    const reports = await receiver.received(2);
    const statuses = [];
    for (const report of reports) {
        assert.equal(report.method, 'POST');
        assert.equal(report.headers['content-type'], 'application/x-www-form-urlencoded');
        const params = Object.fromEntries(new URLSearchParams(report.body));
        assert.equal(report.headers['x-twilio-signature'], expectedSignature(tw.authToken, callback, params));
        assert.equal(params.MessageSid, message.sid);
        assert.equal(params.SmsSid, message.sid);
        assert.equal(params.AccountSid, tw.accountSid);
        assert.equal(params.From, FROM);
        assert.equal(params.To, TO);
        assert.equal(params.ApiVersion, '2010-04-01');
        assert.equal(params.SmsStatus, params.MessageStatus);
        assert.equal(params.ErrorCode, undefined);
        statuses.push(params.MessageStatus);
    }
    assert.deepEqual(statuses, ['sent', 'delivered']);
    assert.match(Object.fromEntries(new URLSearchParams(reports[1].body)).RawDlrDoneDate, /^\d{10}$/);
    const fetched = await call(`${tw.url}${message.uri}`, { method: 'GET', headers: basic(tw.accountSid, tw.authToken) });
    assert.equal(fetched.json.status, 'delivered');
    assert.notEqual(fetched.json.date_sent, null);
});

test('a number can be made to fail; a callback can be forged on demand', async (t) => {
    const tw = await fakeFor(t);
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    await control(tw, '/numbers', { phone: '+15550000003', outcome: 'undelivered', error_code: 30005 });
    const callback = `${receiver.url}/status`;
    const message = (await create(tw, { To: '+15550000003', From: FROM, Body: 'code', StatusCallback: callback })).json;
    const [sent, undelivered] = (await receiver.received(2)).map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    assert.equal(sent.MessageStatus, 'sent');
    assert.equal(undelivered.MessageStatus, 'undelivered');
    assert.equal(undelivered.ErrorCode, '30005');
    assert.equal((await control(tw, '/messages?to=%2B15550000003')).json.messages[0].error_code, 30005);

    await control(tw, '/status', { sid: message.sid, status: 'delivered', bad_signature: true });
    const [, , forged] = await receiver.received(3);
    const params = Object.fromEntries(new URLSearchParams(forged.body));
    assert.notEqual(forged.headers['x-twilio-signature'], expectedSignature(tw.authToken, callback, params));
    assert.equal((await control(tw, '/status', { sid: 'SMnope', status: 'sent' })).status, 404);
});

test('faults: 5xx and 429 in Twilio\'s error shape', async (t) => {
    const tw = await fakeFor(t);
    await control(tw, '/faults', { kind: 'fail', status: 503, count: 1 });
    await control(tw, '/faults', { kind: 'rate_limit', count: 1 });
    const failed = await create(tw, { To: TO, From: FROM, Body: 'x' });
    assert.deepEqual({ status: failed.status, json: failed.json }, {
        status: 503, json: { code: 20503, message: 'Service Unavailable', more_info: 'https://www.twilio.com/docs/errors/20503', status: 503 },
    });
    const limited = await create(tw, { To: TO, From: FROM, Body: 'x' });
    assert.deepEqual(limited.json, { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 });
    assert.equal((await create(tw, { To: TO, From: FROM, Body: 'x' })).status, 201);
});
