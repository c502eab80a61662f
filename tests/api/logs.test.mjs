// The server log: one JSON line per request, and no phone (in any spelling),
// code or token in it after a full flow with its errors, at the most verbose
// level. (Every other suite's servers are held to the same on stop.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RELAXED_LIMITS, Server, forEachMode, freshPhone, nationalForm, wrongCode } from './harness.mjs';
import { Secrets } from './secrets.mjs';

// Drives every endpoint, failures included, tagging each request with an
// X-Request-Id; returns the ids in order.
async function fullFlow(s) {
    const ids = [];
    const tagged = () => {
        ids.push(`logs-${ids.length}`);
        return { headers: { 'x-request-id': ids.at(-1) } };
    };
    const phone = s.newPhone();
    await s.post('/v1/otp', { phone: nationalForm(phone), region: 'KZ' }, tagged());
    const code = await s.codeFor(phone);
    await s.post('/v1/otp/verify', { phone, code: wrongCode(code) }, tagged());
    const session = (await s.post('/v1/otp/verify', { phone, code, device: { name: 'Laptop', platform: 'linux' } }, tagged())).json;
    await s.post('/v1/otp/verify', { phone, code }, tagged());
    await s.api('GET', '/v1/me', { ...tagged(), token: session.access_token });
    await s.api('PATCH', '/v1/me', { ...tagged(), token: session.access_token, json: { name: `Name ${phone}` } });
    await s.api('GET', '/v1/sessions', { ...tagged(), token: session.access_token });
    const next = (await s.post('/v1/token/refresh', { refresh_token: session.refresh_token }, tagged())).json;
    await s.post('/v1/token/refresh', { refresh_token: session.refresh_token }, tagged());
    await s.post('/v1/token/refresh', { refresh_token: `${session.refresh_token}x` }, tagged());
    await s.api('GET', '/v1/me', { ...tagged(), token: `${session.access_token}x` });
    await s.api('DELETE', `/v1/sessions/${session.session_id}-other`, { ...tagged(), token: next.access_token });
    await s.post('/v1/logout', { scope: 'global' }, { ...tagged(), token: next.access_token });
    await s.post('/v1/otp', { phone: `${phone}0` }, tagged());
    return { ids, phone, session };
}

forEachMode((mode) => {
    test('a full flow at --log-level debug logs one JSON line per request and no phone, code or token', async () => {
        const s = await Server.start(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0', '--log-level', 'debug'] });
        let flow;
        try {
            flow = await fullFlow(s);
            // A phone no test number covers: full mode delivers it through the log channel.
            await s.post('/v1/otp', { phone: freshPhone() });
        } finally {
            await s.stop();  // asserts exit 0 and the secret-free log
        }
        const lines = s.logLines();
        for (const id of flow.ids) {
            const logged = lines.filter((l) => l.event === 'request' && l.request_id === id);
            assert.equal(logged.length, 1, `request ${id} was logged ${logged.length} times`);
            assert.equal(typeof logged[0].status, 'number');
            assert.equal(typeof logged[0].route, 'string');
        }
        assert.ok(s.secrets.phones.has(flow.phone) && s.secrets.tokens.size >= 4, 'the secrets were not collected');
        assert.deepEqual(s.secrets.findIn(s.logText), []);
        for (const line of lines) {
            for (const [key, value] of Object.entries(line)) {
                if (/^(code|phone)$|token/i.test(key) && typeof value === 'string') {
                    assert.doesNotMatch(value, /[0-9]{5}/, `log member ${key} holds digits: ${JSON.stringify(line)}`);
                }
            }
        }
    });
});

describe('the log check itself', () => {
    test('finds a phone in any spelling, a code and a token', () => {
        const secrets = new Secrets();
        const phone = '+77015550123';
        secrets.addPhone(phone);
        secrets.addCode('493817');
        secrets.addToken('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ');
        for (const leak of ['"phone":"+77015550123"', 'to 8 (701) 555-01-23', '7015550123', '"x":"+7 701 555 01 23"']) {
            assert.deepEqual(secrets.findIn(leak), [`phone ${phone}`], leak);
        }
        assert.deepEqual(secrets.findIn('{"code":"493817"}'), ['code 493817']);
        assert.deepEqual(secrets.findIn('id a493817b'), [], 'a code inside a longer token is a false alarm');
        assert.equal(secrets.findIn('Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ').length, 2);
        assert.deepEqual(secrets.findIn('+7701***0123 masked'), []);
    });
});
