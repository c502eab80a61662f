// The fake Gateway API against https://core.telegram.org/gateway/api: the
// token, the four methods, RequestStatus, and delivery reports whose
// signature this test computes itself from "Checking report integrity".
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { startGatewayFake } from './gateway.mjs';
import { call, control } from './lib/client.mjs';
import { startReceiver } from './lib/receiver.mjs';

const PHONE = '+391234567890';

async function fakeFor(t, options) {
    const gw = await startGatewayFake({ reportDelayMs: 1, reportRetryMs: 5, ...options });
    t.after(() => gw.stop());
    return gw;
}

// token: null sends none.
function api(gw, method, params, { token = gw.token, form = false } = {}) {
    const headers = token === null ? {} : { authorization: `Bearer ${token}` };
    return call(`${gw.url}/${method}`, form ? { form: params, headers } : { json: params, headers });
}

// data_check_string = X-Request-Timestamp + '\n' + post_body;
// secret_key = SHA256(api_token); hex(HMAC_SHA256(data_check_string, secret_key)).
function expectedSignature(token, timestamp, body) {
    const secretKey = crypto.createHash('sha256').update(token, 'utf8').digest();
    return crypto.createHmac('sha256', secretKey).update(`${timestamp}\n${body}`, 'utf8').digest('hex');
}

test('the token is required, as a Bearer header or the access_token parameter', async (t) => {
    const gw = await fakeFor(t);
    assert.deepEqual((await api(gw, 'checkSendAbility', { phone_number: PHONE }, { token: null })).json, { ok: false, error: 'ACCESS_TOKEN_INVALID' });
    assert.deepEqual((await api(gw, 'checkSendAbility', { phone_number: PHONE }, { token: 'wrong' })).json, { ok: false, error: 'ACCESS_TOKEN_INVALID' });
    const query = new URLSearchParams({ access_token: gw.token, phone_number: PHONE });
    const viaQuery = await call(`${gw.url}/checkSendAbility?${query}`, { method: 'GET' });
    assert.equal(viaQuery.json.ok, true);
    assert.equal((await api(gw, 'CHECKSENDABILITY', { phone_number: PHONE }, { form: true })).json.ok, true, 'case-insensitive, form-encoded');
    assert.equal((await api(gw, 'sendCarrierPigeon', {})).json.ok, false);
});

test('checkSendAbility charges once; its request_id makes one sendVerificationMessage free', async (t) => {
    const gw = await fakeFor(t, { balance: 1, cost: 0.25 });
    const ability = (await api(gw, 'checkSendAbility', { phone_number: PHONE })).json.result;
    assert.deepEqual(Object.keys(ability).sort(), ['phone_number', 'remaining_balance', 'request_cost', 'request_id']);
    assert.equal(ability.phone_number, PHONE);
    assert.equal(ability.request_cost, 0.25);
    assert.equal(ability.remaining_balance, 0.75);
    const sent = (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, request_id: ability.request_id, code: '1234' })).json.result;
    assert.equal(sent.request_id, ability.request_id);
    assert.equal('remaining_balance' in sent, false, 'returned only for a request that incurs a charge');
    const twice = await api(gw, 'sendVerificationMessage', { phone_number: PHONE, request_id: ability.request_id, code: '1234' });
    assert.deepEqual(twice.json, { ok: false, error: 'REQUEST_ID_INVALID' });
    const otherPhone = await api(gw, 'sendVerificationMessage', { phone_number: '+391234567899', request_id: ability.request_id });
    assert.equal(otherPhone.json.ok, false);
});

test('sendVerificationMessage with our code and ttl returns RequestStatus and shows the code to the user', async (t) => {
    const gw = await fakeFor(t, { reports: [] });
    const { status, json } = await api(gw, 'sendVerificationMessage', {
        phone_number: PHONE, code: '482913', ttl: 300, payload: 'my_payload_here', callback_url: 'http://127.0.0.1:9/auth',
    });
    assert.equal(status, 200);
    assert.equal(json.ok, true);
    const result = json.result;
    assert.match(result.request_id, /^\S+$/);
    assert.equal(result.phone_number, PHONE);
    assert.equal(typeof result.request_cost, 'number');
    assert.equal(typeof result.remaining_balance, 'number');
    assert.equal(result.payload, 'my_payload_here');
    assert.equal(result.delivery_status.status, 'sent');
    assert.ok(Number.isInteger(result.delivery_status.updated_at));
    const inbox = (await control(gw, `/messages?phone=${encodeURIComponent(PHONE)}`)).json.messages;
    assert.deepEqual(inbox.map((m) => [m.request_id, m.code]), [[result.request_id, '482913']]);
    const generated = (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, code_length: 8 })).json.result;
    assert.match(gw.messagesTo(PHONE).find((m) => m.request_id === generated.request_id).code, /^\d{8}$/);
});

test('sendVerificationMessage refuses what the documented ranges exclude', async (t) => {
    const gw = await fakeFor(t);
    gw.setReachable('+15550000001', false);
    const cases = [
        [{ phone_number: '391234567890' }, 'PHONE_NUMBER_INVALID'],
        [{ phone_number: '+39 123 456' }, 'PHONE_NUMBER_INVALID'],
        [{ phone_number: '' }, 'PHONE_NUMBER_INVALID'],
        [{ phone_number: '+15550000001' }, 'PHONE_NUMBER_NOT_AVAILABLE'],
        [{ phone_number: PHONE, code: '12a4' }, 'CODE_INVALID'],
        [{ phone_number: PHONE, code: '123' }, 'CODE_INVALID'],
        [{ phone_number: PHONE, code: '123456789' }, 'CODE_INVALID'],
        [{ phone_number: PHONE, code: '１２３４' }, 'CODE_INVALID'],
        [{ phone_number: PHONE, code_length: 9 }, 'CODE_LENGTH_INVALID'],
        [{ phone_number: PHONE, ttl: 29 }, 'TTL_INVALID'],
        [{ phone_number: PHONE, ttl: 3601 }, 'TTL_INVALID'],
        [{ phone_number: PHONE, callback_url: `http://127.0.0.1/${'a'.repeat(240)}` }, 'CALLBACK_URL_INVALID'],
        [{ phone_number: PHONE, callback_url: 'not a url' }, 'CALLBACK_URL_INVALID'],
        [{ phone_number: PHONE, payload: 'p'.repeat(129) }, 'PAYLOAD_INVALID'],
        [{ phone_number: PHONE, payload: 'é'.repeat(65) }, 'PAYLOAD_INVALID'],
    ];
    for (const [params, error] of cases) {
        assert.deepEqual((await api(gw, 'sendVerificationMessage', params)).json, { ok: false, error }, JSON.stringify(params));
    }
    assert.equal((await api(gw, 'sendVerificationMessage', { phone_number: PHONE, ttl: 30, code: '1234', payload: 'p'.repeat(128) })).json.ok, true);
    assert.equal(gw.messagesTo(PHONE).length, 1, 'no refused request reached the user');
    const unreachable = await api(gw, 'checkSendAbility', { phone_number: '+15550000001' });
    assert.deepEqual(unreachable.json, { ok: false, error: 'PHONE_NUMBER_NOT_AVAILABLE' });
});

test('delivery reports are POSTed to callback_url, signed as documented, retried until 200', async (t) => {
    const gw = await fakeFor(t);
    const receiver = await startReceiver({ respond: (request, n) => (n === 1 ? 503 : 200) });
    t.after(() => receiver.close());
    const sent = (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, code: '1234', callback_url: `${receiver.url}/v1/gateway/report?x=1` })).json.result;
    const [retried, first, second] = await receiver.received(3);
    assert.equal(retried.body, first.body, 'the same report again after a 503');
    for (const report of [first, second]) {
        assert.equal(report.method, 'POST');
        assert.equal(report.url, '/v1/gateway/report?x=1');
        assert.equal(report.headers['content-type'], 'application/json');
        const timestamp = report.headers['x-request-timestamp'];
        assert.match(timestamp, /^\d{10}$/);
        assert.equal(report.headers['x-request-signature'], expectedSignature(gw.token, timestamp, report.body));
        const status = JSON.parse(report.body);
        assert.equal(status.request_id, sent.request_id);
        assert.equal(status.phone_number, PHONE);
    }
    assert.deepEqual([first, second].map((r) => JSON.parse(r.body).delivery_status.status), ['sent', 'delivered']);
    const record = gw.callbacks.find((c) => c.attempts.length === 2);
    assert.deepEqual(record.attempts.map((a) => a.status), [503, 200]);
});

test('a report can be sent on demand with a bad signature or an old timestamp', async (t) => {
    const gw = await fakeFor(t, { reports: [] });
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const sent = (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, code: '1234', callback_url: `${receiver.url}/r` })).json.result;
    await control(gw, '/reports', { request_id: sent.request_id, status: 'read', bad_signature: true });
    await control(gw, '/reports', { request_id: sent.request_id, status: 'read', timestamp: 1000000000 });
    const [forged, stale] = await receiver.received(2);
    assert.notEqual(forged.headers['x-request-signature'], expectedSignature(gw.token, forged.headers['x-request-timestamp'], forged.body));
    assert.equal(stale.headers['x-request-timestamp'], '1000000000');
    assert.equal(stale.headers['x-request-signature'], expectedSignature(gw.token, '1000000000', stale.body));
    assert.equal((await control(gw, '/reports', { request_id: 'nope', status: 'read' })).status, 404);
});

test('checkVerificationStatus: valid, invalid, too many attempts, expired', async (t) => {
    const gw = await fakeFor(t, { reports: [] });
    const send = async () => (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, code: '5555', ttl: 60 })).json.result.request_id;
    const check = async (id, code) => (await api(gw, 'checkVerificationStatus', { request_id: id, code })).json.result.verification_status;
    const id = await send();
    const plain = (await api(gw, 'checkVerificationStatus', { request_id: id })).json.result;
    assert.equal(plain.verification_status, undefined);
    const invalid = await check(id, '1111');
    assert.deepEqual({ status: invalid.status, code_entered: invalid.code_entered }, { status: 'code_invalid', code_entered: '1111' });
    assert.ok(Number.isInteger(invalid.updated_at));
    assert.equal((await check(id, '5555')).status, 'code_valid');

    const busy = await send();
    for (let i = 0; i < 3; ++i) assert.equal((await check(busy, '0000')).status, 'code_invalid');
    assert.equal((await check(busy, '5555')).status, 'code_max_attempts_exceeded');

    const late = await send();
    gw.clock.advance(61);
    assert.equal((await check(late, '5555')).status, 'expired');
    assert.deepEqual((await api(gw, 'checkVerificationStatus', { request_id: 'unknown' })).json, { ok: false, error: 'REQUEST_ID_INVALID' });
});

test('revokeVerificationMessage returns true and reports "revoked" for a message not yet delivered', async (t) => {
    const gw = await fakeFor(t, { reports: [] });
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const sent = (await api(gw, 'sendVerificationMessage', { phone_number: PHONE, code: '1234', callback_url: `${receiver.url}/r` })).json.result;
    assert.deepEqual((await api(gw, 'revokeVerificationMessage', { request_id: sent.request_id })).json, { ok: true, result: true });
    const [report] = await receiver.received(1);
    assert.equal(JSON.parse(report.body).delivery_status.status, 'revoked');
    assert.equal(gw.messagesTo(PHONE)[0].revoked, true);
    assert.deepEqual((await api(gw, 'revokeVerificationMessage', { request_id: 'nope' })).json, { ok: false, error: 'REQUEST_ID_INVALID' });
});

test('faults: a 5xx, a refusal in the ok:false shape, a 429', async (t) => {
    const gw = await fakeFor(t);
    await control(gw, '/faults', { kind: 'fail', status: 503, count: 1 });
    await control(gw, '/faults', { kind: 'refuse', count: 1, status: 400 });
    await control(gw, '/faults', { kind: 'rate_limit', retry_after: 3, count: 1 });
    const failed = await api(gw, 'checkSendAbility', { phone_number: PHONE });
    assert.deepEqual({ status: failed.status, json: failed.json }, { status: 503, json: { ok: false, error: 'SERVICE_UNAVAILABLE' } });
    const refused = await api(gw, 'checkSendAbility', { phone_number: PHONE });
    assert.deepEqual({ status: refused.status, json: refused.json }, { status: 400, json: { ok: false, error: 'PHONE_NUMBER_NOT_AVAILABLE' } });
    const limited = await api(gw, 'checkSendAbility', { phone_number: PHONE });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal((await api(gw, 'checkSendAbility', { phone_number: PHONE })).json.ok, true);
});
