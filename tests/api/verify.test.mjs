// POST /v1/otp/verify: new and returning users, wrong codes and attempts,
// expiry, no pending code, single use, and single use under concurrency.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RELAXED_LIMITS, expectProblem, forEachMode, nationalForm, serverFixture, withServer, wrongCode } from './harness.mjs';

const DEVICE = { name: "Aigerim's laptop", platform: 'linux' };
const THIRTY_DAYS = 30 * 24 * 3600;

forEachMode((mode) => {
    describe('with the default lifetimes', () => {
        // No cooldown: a second login of a phone needs a second code.
        const server = serverFixture(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] });

        test('a first login creates the user and the shop', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const res = await server().verify(phone, await server().codeFor(phone), { device: DEVICE });
            assert.equal(res.status, 200, res.text);
            const session = res.json;
            assert.equal(session.is_new_user, true);
            assert.equal(session.token_type, 'Bearer');
            assert.equal(session.expires_in, 900);
            assert.equal(session.refresh_expires_in, THIRTY_DAYS);
            assert.equal(session.user.phone, phone);
            assert.equal(session.user.name, null);
            assert.equal(session.shop.name, null);
            assert.equal(session.shop.language, 'ru');
            assert.equal(session.shop.currency, 'KZT');
            assert.notEqual(session.access_token, session.refresh_token);
        });

        test('a second login is the same user and shop in a new session', async () => {
            const phone = server().newPhone();
            const first = await server().login(phone);
            assert.equal(first.is_new_user, true);
            const again = await server().login(phone);
            assert.equal(again.is_new_user, false);
            assert.equal(again.user.id, first.user.id);
            assert.equal(again.shop.id, first.shop.id);
            assert.notEqual(again.session_id, first.session_id);
            assert.notEqual(again.refresh_token, first.refresh_token);
        });

        test('a national-form phone with a region verifies', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const res = await server().verify(nationalForm(phone), await server().codeFor(phone), { region: 'KZ' });
            assert.equal(res.status, 200, res.text);
            assert.equal(res.json.user.phone, phone);
        });

        test('wrong codes count down attempts_left, then the code is dead', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const code = await server().codeFor(phone);
            assert.equal(expectProblem(await server().verify(phone, wrongCode(code)), 'invalid_code').attempts_left, 2);
            assert.equal(expectProblem(await server().verify(phone, wrongCode(code)), 'invalid_code').attempts_left, 1);
            expectProblem(await server().verify(phone, wrongCode(code)), 'too_many_attempts');
            // Dead means dead: the right code no longer signs in.
            const res = await server().verify(phone, code);
            assert.notEqual(res.status, 200, 'the right code still worked after three wrong ones');
            expectProblem(res, 'too_many_attempts');
        });

        test('a verify without a pending code is no_pending_code', async () => {
            expectProblem(await server().verify(server().newPhone(), '123456'), 'no_pending_code');
        });

        test('a code verifies once', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const code = await server().codeFor(phone);
            assert.equal((await server().verify(phone, code)).status, 200);
            expectProblem(await server().verify(phone, code), 'no_pending_code');
        });

        test('50 parallel verifies of one code: exactly one 200', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const code = await server().codeFor(phone);
            const answers = await Promise.all(Array.from({ length: 50 }, () => server().verify(phone, code)));
            const ok = answers.filter((r) => r.status === 200);
            assert.equal(ok.length, 1, `statuses: ${answers.map((r) => r.status).join(',')}`);
            for (const r of answers.filter((a) => a.status !== 200)) expectProblem(r, 'no_pending_code');
        });

        test('parallel wrong codes spend exactly the three attempts', async () => {
            const phone = server().newPhone();
            await server().requestCode(phone);
            const code = await server().codeFor(phone);
            const answers = await Promise.all(Array.from({ length: 20 }, () => server().verify(phone, wrongCode(code))));
            const left = answers.filter((r) => r.json.code === 'invalid_code').map((r) => r.json.attempts_left).sort();
            assert.deepEqual(left, [1, 2], answers.map((r) => r.text).join('\n'));
            assert.equal(answers.filter((r) => r.json.code === 'too_many_attempts').length, 18);
            expectProblem(await server().verify(phone, code), 'too_many_attempts');
        });

        test('a wrong-typed or missing member is invalid_request naming it', async () => {
            const phone = server().newPhone();
            expectProblem(await server().post('/v1/otp/verify', { phone }), 'invalid_request', { field: 'code' });
            expectProblem(await server().post('/v1/otp/verify', { code: '123456' }), 'invalid_request', { field: 'phone' });
            expectProblem(await server().post('/v1/otp/verify', { phone, code: 123456 }), 'invalid_request', { field: 'code' });
            expectProblem(await server().post('/v1/otp/verify', { phone, code: '12 34' }), 'invalid_request', { field: 'code' });
            expectProblem(await server().post('/v1/otp/verify', { phone, code: '123456', device: { name: 'x' } }),
                'invalid_request', { field: 'device.platform' });
            expectProblem(await server().post('/v1/otp/verify', { phone, code: '123456', device: { name: 'x'.repeat(101), platform: 'linux' } }),
                'invalid_request', { field: 'device.name' });
        });
    });

    test('an expired code is code_expired (--code-ttl 0)', async () => {
        await withServer(mode, { flags: [...RELAXED_LIMITS, '--code-ttl', '0'] }, async (s) => {
            const phone = s.newPhone();
            const res = await s.post('/v1/otp', { phone }, { contract: false });  // expires_in 0 is below the schema's minimum
            assert.equal(res.status, 202, res.text);
            assert.equal(res.json.expires_in, 0);
            expectProblem(await s.verify(phone, await s.codeFor(phone)), 'code_expired');
        });
    });
});
