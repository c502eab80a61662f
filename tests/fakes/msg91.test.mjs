// The fake MSG91 against MSG91's API documentation: the authkey header, the
// Flow API's documented request and answer, SendOTP v5 and its verify step,
// and the {"type":"error","message"} shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, control } from './lib/client.mjs';
import { startMsg91Fake } from './msg91.mjs';

const MOBILE = '919898989898';

async function fakeFor(t, options) {
    const m = await startMsg91Fake(options);
    t.after(() => m.stop());
    return m;
}

function otp(m, query, { authkey = m.authkey, json } = {}) {
    const headers = authkey === null ? {} : { authkey };
    return call(`${m.url}/api/v5/otp?${new URLSearchParams(query)}`, { json: json ?? {}, headers });
}

test('the Flow API takes the documented example body and answers {"message":<id>,"type":"success"}', async (t) => {
    const m = await fakeFor(t);
    const body = {
        flow_id: 'EnterflowID',
        sender: 'SESAME',
        recipients: [{ mobiles: MOBILE, VAR1: '482913', VAR2: 'VALUE 2' }, { mobiles: '918989898989', VAR1: '111111' }],
    };
    const { status, json } = await call(`${m.url}/api/v5/flow/`, { json: body, headers: { authkey: m.authkey } });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(json).sort(), ['message', 'type']);
    assert.equal(json.type, 'success');
    assert.match(json.message, /^[0-9a-f]{24}$/);
    const sms = (await control(m, `/messages?mobile=${MOBILE}`)).json.messages;
    assert.deepEqual(sms.map((s) => [s.kind, s.template_id, s.vars.VAR1]), [['flow', 'EnterflowID', '482913']]);
    const newer = await call(`${m.url}/api/v5/flow`, { json: { template_id: 'tpl', recipients: [{ mobiles: MOBILE }] }, headers: { authkey: m.authkey } });
    assert.equal(newer.json.type, 'success');
});

test('the Flow API refuses bodies without a template or with bad recipients', async (t) => {
    const m = await fakeFor(t);
    const bodies = [
        { recipients: [{ mobiles: MOBILE }] },
        { flow_id: 'f' },
        { flow_id: 'f', recipients: [] },
        { flow_id: 'f', recipients: [{ mobiles: '+919898989898' }] },
        { flow_id: 'f', recipients: [{ mobiles: '98989' }] },
        { flow_id: 'f', recipients: [null] },
        { flow_id: 'f', recipients: 'all' },
    ];
    for (const body of bodies) {
        const { status, json } = await call(`${m.url}/api/v5/flow/`, { json: body, headers: { authkey: m.authkey } });
        assert.equal(status, 200, JSON.stringify(body));
        assert.equal(json.type, 'error', JSON.stringify(body));
        assert.equal(typeof json.message, 'string');
    }
    assert.equal(m.messagesTo().length, 0);
});

test('a missing authkey is "Missing Authentication Key" (code 106), a wrong one refused too', async (t) => {
    const m = await fakeFor(t);
    const missing = await otp(m, { template_id: 't', mobile: MOBILE }, { authkey: null });
    assert.deepEqual({ status: missing.status, json: missing.json }, { status: 401, json: { type: 'error', message: 'Missing Authentication Key', code: '106' } });
    const wrong = await otp(m, { template_id: 't', mobile: MOBILE }, { authkey: 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.type, 'error');
    const inQuery = await otp(m, { template_id: 't', mobile: MOBILE, authkey: m.authkey }, { authkey: null });
    assert.equal(inQuery.json.type, 'success', 'authkey as a query parameter');
});

test('SendOTP sends our code and answers {"request_id","type":"success"}; verify checks it', async (t) => {
    const m = await fakeFor(t);
    const sent = await otp(m, { template_id: 'tpl', mobile: MOBILE, otp: '482913', otp_expiry: '5' });
    assert.equal(sent.status, 200);
    assert.deepEqual(Object.keys(sent.json).sort(), ['request_id', 'type']);
    assert.equal(sent.json.type, 'success');
    assert.deepEqual(m.messagesTo(MOBILE).map((s) => s.otp), ['482913']);
    const verify = (code) => call(`${m.url}/api/v5/otp/verify?${new URLSearchParams({ otp: code, mobile: MOBILE })}`, { method: 'GET', headers: { authkey: m.authkey } });
    assert.deepEqual((await verify('000000')).json, { message: 'OTP not match', type: 'error' });
    assert.deepEqual((await verify('482913')).json, { message: 'OTP verified success', type: 'success' });
    assert.equal((await verify('482913')).json.type, 'error', 'used once');

    await otp(m, { template_id: 'tpl', mobile: MOBILE, otp: '1234', otp_expiry: '1' });
    await control(m, '/clock', { advance_seconds: 61 });
    assert.deepEqual((await verify('1234')).json, { message: 'OTP expired', type: 'error' });

    const generated = await otp(m, { template_id: 'tpl', mobile: '447700900123' }, { json: { otp_length: 6 } });
    assert.equal(generated.json.type, 'success', 'parameters in a JSON body');
    assert.match(m.messagesTo('447700900123')[0].otp, /^\d{6}$/);
});

test('SendOTP refuses bad numbers, codes and missing templates with type error', async (t) => {
    const m = await fakeFor(t);
    const cases = [
        { mobile: MOBILE },
        { template_id: 't' },
        { template_id: 't', mobile: '+919898989898' },
        { template_id: 't', mobile: '98989' },
        { template_id: 't', mobile: '९१९८९८९८९८९८' },
        { template_id: 't', mobile: MOBILE, otp: '12' },
        { template_id: 't', mobile: MOBILE, otp: '12ab' },
        { template_id: 't', mobile: MOBILE, otp_length: '10' },
        { template_id: 't', mobile: MOBILE, otp_expiry: '0' },
    ];
    for (const query of cases) {
        const { status, json } = await otp(m, query);
        assert.deepEqual({ status, type: json.type }, { status: 200, type: 'error' }, JSON.stringify(query));
    }
    assert.equal(m.messagesTo().length, 0);
    assert.equal((await call(`${m.url}/api/v5/nothing`, { json: {}, headers: { authkey: m.authkey } })).status, 404);
});

test('faults answer {"type":"error"} with the status asked for', async (t) => {
    const m = await fakeFor(t);
    await control(m, '/faults', { kind: 'fail', status: 500, count: 1 });
    await control(m, '/faults', { kind: 'rate_limit', count: 1 });
    await control(m, '/faults', { kind: 'refuse', count: 1, status: 400, message: 'DND number' });
    const query = { template_id: 't', mobile: MOBILE };
    assert.deepEqual((await otp(m, query)).json, { type: 'error', message: 'Internal Server Error' });
    const limited = await otp(m, query);
    assert.deepEqual({ status: limited.status, type: limited.json.type }, { status: 429, type: 'error' });
    const refused = await otp(m, query);
    assert.deepEqual({ status: refused.status, json: refused.json }, { status: 400, json: { type: 'error', message: 'DND number' } });
    assert.equal((await otp(m, query)).json.type, 'success');
});
