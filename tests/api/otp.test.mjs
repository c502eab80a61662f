// POST /v1/otp: phone formats, invalid phones, channels, cooldown and
// replacement, hourly limits per phone and per client IP, test numbers,
// enumeration safety, and the mock outbox.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    RELAXED_LIMITS, expectProblem, forEachMode, freshPhone, nationalForm, serverFixture, withServer,
} from './harness.mjs';

const RFC3339_UTC = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$/;

forEachMode((mode) => {
    describe('with the default cooldown', () => {
        const server = serverFixture(mode, { flags: RELAXED_LIMITS });

        test('an E.164 phone gets 202 with the documented defaults', async () => {
            const phone = server().newPhone();
            const before = Date.now();
            const answer = await server().requestCode(phone);
            assert.equal(answer.phone, phone);
            assert.equal(answer.channel, 'sms');
            assert.equal(answer.expires_in, 300);
            assert.equal(answer.resend_in, 60);
            assert.equal(answer.code_length, 6);
            if (!server().readsOutbox) return;
            const messages = await server().outbox(phone);
            assert.equal(messages.length, 1);
            const [message] = messages;
            assert.equal(message.phone, phone);
            assert.equal(message.channel, 'sms');
            assert.match(message.code, /^[0-9]{6}$/);
            assert.ok(message.text.includes(message.code), message.text);
            assert.match(message.sent_at, RFC3339_UTC);
            assert.ok(Math.abs(Date.parse(message.sent_at) - before) < 60_000, message.sent_at);
        });

        test('a national phone with a region hint is answered in E.164', async () => {
            for (const region of ['KZ', 'kz']) {
                const phone = server().newPhone();
                const answer = await server().requestCode(nationalForm(phone), { region });
                assert.equal(answer.phone, phone, `region ${region}`);
            }
            const spaced = server().newPhone();
            const formatted = `+7 (${spaced.slice(2, 5)}) ${spaced.slice(5, 8)}-${spaced.slice(8, 10)}-${spaced.slice(10)}`;
            assert.equal((await server().requestCode(formatted)).phone, spaced);
        });

        test('the code sent to a national-form request verifies with the E.164 phone', async () => {
            const phone = server().newPhone();
            await server().requestCode(nationalForm(phone), { region: 'KZ' });
            const res = await server().verify(phone, await server().codeFor(phone));
            assert.equal(res.status, 200, res.text);
            assert.equal(res.json.user.phone, phone);
        });

        test('invalid phones answer 400 invalid_phone with the reason', async () => {
            const cases = [
                [{ phone: '87011234567' }, 'missing_region'],
                [{ phone: '8 701 123 45 67', region: 'ZZ' }, 'unknown_region'],
                [{ phone: '+999 123 456 789' }, 'invalid_country_code'],
                [{ phone: '+7701' }, 'too_short'],
                [{ phone: '+7 701 123 45 67 89 01 23 45' }, 'too_long_number'],
                [{ phone: '+7 000 123 45 67' }, 'invalid_number'],
                [{ phone: '+7 7172 12 34 56' }, 'not_mobile'],  // an Astana landline
                [{ phone: '+7 701 12a 45 67' }, 'invalid_characters'],
                [{ phone: '+' }, 'empty'],
            ];
            for (const [body, reason] of cases) {
                const res = await server().post('/v1/otp', body);
                const problem = expectProblem(res, 'invalid_phone');
                assert.equal(problem.reason, reason, `${JSON.stringify(body)}: ${res.text}`);
                assert.equal(problem.field, 'phone');
            }
        });

        test('malformed phone and region members are invalid_request naming the member', async () => {
            expectProblem(await server().post('/v1/otp', { phone: '' }), 'invalid_request', { field: 'phone' });
            expectProblem(await server().post('/v1/otp', { phone: `+7${'0'.repeat(63)}` }), 'invalid_request', { field: 'phone' });
            expectProblem(await server().post('/v1/otp', { phone: '+77011234567', region: 'KAZ' }), 'invalid_request', { field: 'region' });
            expectProblem(await server().post('/v1/otp', {}), 'invalid_request', { field: 'phone' });
        });

        test('each channel is answered with the channel that carried the code', async () => {
            for (const [channel, expected] of [['auto', 'sms'], ['sms', 'sms'], ['telegram', 'telegram']]) {
                const phone = server().newPhone();
                const answer = await server().requestCode(phone, { channel });
                assert.equal(answer.channel, expected, channel);
                if (server().readsOutbox) assert.equal((await server().outbox(phone))[0].channel, expected);
            }
            expectProblem(await server().post('/v1/otp', { phone: freshPhone(), channel: 'pigeon' }), 'invalid_request', { field: 'channel' });
            expectProblem(await server().post('/v1/otp', { phone: freshPhone(), channel: 1 }), 'invalid_request', { field: 'channel' });
        });

        test('the locale picks the message language', { skip: mode === 'full' && 'full mode has no outbox' }, async () => {
            const phone = server().newPhone();
            await server().requestCode(phone, { locale: 'ru-KZ' });
            const [message] = await server().outbox(phone);
            assert.match(message.text, /[а-яА-Я]/, message.text);
            assert.ok(message.text.includes(message.code));
            expectProblem(await server().post('/v1/otp', { phone: freshPhone(), locale: 'not a tag' }), 'invalid_request', { field: 'locale' });
        });

        test('asking again within the cooldown is 429 resend_too_soon and keeps the first code', async () => {
            const phone = server().newPhone();
            const first = await server().requestCode(phone);
            const res = await server().post('/v1/otp', { phone });
            const problem = expectProblem(res, 'resend_too_soon');
            assert.ok(problem.retry_after >= 1 && problem.retry_after <= 60, res.text);
            assert.equal(res.headers.get('retry-after'), String(problem.retry_after));
            if (server().readsOutbox) assert.equal((await server().outbox(phone)).length, 1, 'a second code was sent');
            const verified = await server().verify(phone, await server().codeFor(phone), { request_id: first.request_id });
            assert.equal(verified.status, 200, verified.text);
        });

        test('the answer is the same for a known and an unknown phone', async () => {
            // A known user, whose cooldown has to pass first: a server without one.
            await withServer(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] }, async (s) => {
                const known = s.newPhone();
                await s.login(known);
                const unknown = s.newPhone();
                const a = await s.post('/v1/otp', { phone: known });
                const b = await s.post('/v1/otp', { phone: unknown });
                assert.equal(a.status, 202);
                assert.deepEqual(shape(a), shape(b));
                // Verifying without a pending code tells nothing either.
                const c = await s.verify(s.newPhone(), '000000');
                await s.verify(known, await s.codeFor(known));  // spends the known phone's code
                const d = await s.verify(known, '000000');
                assert.deepEqual(shape(c), shape(d));
                expectProblem(d, 'no_pending_code');
            });
        });

        test('the mock outbox answers per phone, and 404 outside mock mode', async () => {
            const phone = server().newPhone();
            if (mode === 'full') {
                expectProblem(await server().get(`/mock/outbox?phone=${encodeURIComponent(phone)}`), 'not_found');
                return;
            }
            assert.deepEqual(await server().outbox(phone), []);
            await server().requestCode(phone);
            // An unescaped "+" reads as a space in a query string; the server takes it as "+".
            const raw = await server().get(`/mock/outbox?phone=${phone}`);
            assert.equal(raw.json.messages.length, 1, raw.text);
            expectProblem(await server().get('/mock/outbox?phone=12345'), 'invalid_phone');
            const missing = await server().get('/mock/outbox');
            assert.equal(missing.status, 400, missing.text);
        });
    });

    test('asking again after the cooldown replaces the code', async () => {
        await withServer(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] }, async (s) => {
            const phone = s.newPhone();
            const first = await s.requestCode(phone);
            assert.equal(first.resend_in, 0);
            const firstCode = await s.codeFor(phone);
            const second = await s.requestCode(phone);
            assert.notEqual(second.request_id, first.request_id);
            if (s.readsOutbox) {
                const messages = await s.outbox(phone);
                assert.equal(messages.length, 2);
                assert.equal(messages[0].code, firstCode, 'the outbox lists the newest last');
                if (messages[1].code !== firstCode) {
                    const old = await s.verify(phone, firstCode);
                    assert.equal(expectProblem(old, 'invalid_code').attempts_left, 2, 'the replaced code still works');
                }
            }
            const res = await s.verify(phone, await s.codeFor(phone), { request_id: second.request_id });
            assert.equal(res.status, 200, res.text);
        });
    });

    test('codes per phone per hour are limited', async () => {
        const flags = ['--per-phone-per-hour', '3', '--per-ip-per-hour', '1000', '--resend-cooldown', '0'];
        await withServer(mode, { flags }, async (s) => {
            const phone = s.newPhone();
            for (let i = 0; i < 3; ++i) await s.requestCode(phone);
            const res = await s.post('/v1/otp', { phone });
            const problem = expectProblem(res, 'rate_limited');
            assert.ok(problem.retry_after >= 1 && problem.retry_after <= 3600, res.text);
            if (s.readsOutbox) assert.equal((await s.outbox(phone)).length, 3, 'a refused request sent a code');
            // The national spelling of the same phone is the same phone.
            expectProblem(await s.post('/v1/otp', { phone: nationalForm(phone), region: 'KZ' }), 'rate_limited');
            await s.requestCode(s.newPhone());
        });
    });

    test('codes per client IP per hour are limited, the IP read from a trusted proxy', async () => {
        const flags = ['--per-ip-per-hour', '3', '--per-phone-per-hour', '100', '--trusted-proxies', '127.0.0.1'];
        await withServer(mode, { flags }, async (s) => {
            const from = (ip) => ({ headers: { 'x-forwarded-for': ip } });
            for (let i = 0; i < 3; ++i) await s.requestCode(s.newPhone(), {}, from('203.0.113.10'));
            const res = await s.post('/v1/otp', { phone: s.newPhone() }, from('203.0.113.10'));
            expectProblem(res, 'rate_limited');
            // A hop the client wrote itself before the proxy's does not change who it is.
            expectProblem(await s.post('/v1/otp', { phone: s.newPhone() }, from('198.51.100.1, 203.0.113.10')), 'rate_limited');
            await s.requestCode(s.newPhone(), {}, from('203.0.113.11'));
            await s.requestCode(s.newPhone());
        });
    });

    test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
        const flags = ['--per-ip-per-hour', '2', '--per-phone-per-hour', '100'];
        await withServer(mode, { flags }, async (s) => {
            await s.requestCode(s.newPhone(), {}, { headers: { 'x-forwarded-for': '203.0.113.20' } });
            await s.requestCode(s.newPhone(), {}, { headers: { 'x-forwarded-for': '203.0.113.21' } });
            const res = await s.post('/v1/otp', { phone: s.newPhone() }, { headers: { 'x-forwarded-for': '203.0.113.22' } });
            expectProblem(res, 'rate_limited');
        });
    });

    test('a test number (SESAME_TEST_NUMBERS) has a fixed code and is never delivered', async () => {
        const phone = freshPhone();
        await withServer(mode, { flags: RELAXED_LIMITS, testNumbers: `${phone}=424242` }, async (s) => {
            const ordinary = await s.requestCode(s.newPhone());
            const answer = await s.requestCode(phone);
            assert.deepEqual(shape({ status: 202, json: answer }), shape({ status: 202, json: ordinary }));
            if (s.readsOutbox) assert.deepEqual(await s.outbox(phone), []);
            expectProblem(await s.verify(phone, '424243'), 'invalid_code');
            const res = await s.verify(phone, '424242');
            assert.equal(res.status, 200, res.text);
            assert.equal(res.json.user.phone, phone);
        });
    });
});

// What a client can tell apart: status and every member except the ones that
// name this request and this phone.
function shape(res) {
    const { request_id: id, phone, ...rest } = res.json;
    return { status: res.status, rest, idType: typeof id, phoneType: typeof phone };
}
