// GET/PATCH /v1/me, GET /v1/sessions, DELETE /v1/sessions/{id} and the
// three logout scopes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RELAXED_LIMITS, expectProblem, forEachMode, serverFixture } from './harness.mjs';

const LAPTOP = { name: "Aigerim's laptop", platform: 'linux' };
const PHONE = { name: 'Pixel 8', platform: 'android' };

forEachMode((mode) => {
    describe('me, sessions and logout', () => {
        const server = serverFixture(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] });
        const s = () => server();
        const patch = (token, json) => s().api('PATCH', '/v1/me', { json, token });
        const sessions = async (token) => {
            const res = await s().get('/v1/sessions', { token });
            assert.equal(res.status, 200, res.text);
            return res.json.sessions;
        };
        const alive = async (session) => (await s().me(session.access_token)).status === 200;
        // Two sessions of one user, on two devices.
        const twoSessions = async () => {
            const first = await s().login(undefined, { device: LAPTOP });
            const second = await s().login(first.user.phone, { device: PHONE });
            return [first, second];
        };

        test('GET /v1/me describes the user, the shop and this session', async () => {
            const session = await s().login(undefined, { device: LAPTOP });
            const res = await s().me(session.access_token);
            assert.equal(res.status, 200, res.text);
            assert.deepEqual(res.json.user, session.user);
            assert.deepEqual(res.json.shop, session.shop);
            assert.equal(res.json.session.id, session.session_id);
            assert.deepEqual(res.json.session.device, LAPTOP);
            const bare = await s().login();
            assert.equal((await s().me(bare.access_token)).json.session.device, null);
        });

        test('PATCH /v1/me completes the registration and keeps what it does not name', async () => {
            const session = await s().login();
            const full = {
                name: 'Айгерим Сапарова',
                shop: { name: 'Gül & Co', language: 'kk-KZ', currency: 'USD' },
                consent: { terms_version: '2024-06-01', marketing: true },
            };
            const res = await patch(session.access_token, full);
            assert.equal(res.status, 200, res.text);
            assert.equal(res.json.user.name, full.name);
            assert.deepEqual({ ...res.json.shop, id: undefined, plan: undefined }, { ...full.shop, id: undefined, plan: undefined });
            assert.deepEqual((await s().me(session.access_token)).json, res.json);

            const partial = await patch(session.access_token, { shop: { currency: 'KZT' } });
            assert.equal(partial.status, 200, partial.text);
            assert.equal(partial.json.user.name, full.name);
            assert.equal(partial.json.shop.name, full.shop.name);
            assert.equal(partial.json.shop.currency, 'KZT');
            assert.equal((await patch(session.access_token, {})).status, 200);
            // A later login sees the profile (and is not a new user).
            const again = await s().login(session.user.phone);
            assert.equal(again.user.name, full.name);
            assert.equal(again.is_new_user, false);
        });

        test('PATCH /v1/me validation errors name the field', async () => {
            const session = await s().login();
            const cases = [
                [{ name: '' }, 'name'],
                [{ name: 'x'.repeat(101) }, 'name'],
                [{ name: 'a\u0000b' }, 'name'],
                [{ name: 'line\nbreak' }, 'name'],
                [{ name: 42 }, 'name'],
                [{ shop: 'my shop' }, 'shop'],
                [{ shop: { name: '' } }, 'shop.name'],
                [{ shop: { currency: 'usd' } }, 'shop.currency'],
                [{ shop: { currency: 'TENGE' } }, 'shop.currency'],
                [{ shop: { language: 'not a tag' } }, 'shop.language'],
                [{ consent: { terms_version: '2024-06-01' } }, 'consent.marketing'],
                [{ consent: { marketing: true } }, 'consent.terms_version'],
                [{ consent: { terms_version: '2024-06-01', marketing: 'yes' } }, 'consent.marketing'],
                [{ consent: { terms_version: 'has space', marketing: false } }, 'consent.terms_version'],
            ];
            for (const [body, field] of cases) {
                const res = await patch(session.access_token, body);
                assert.equal(res.status, 400, `${JSON.stringify(body)} was accepted: ${res.text}`);
                expectProblem(res, 'invalid_request', { field });
            }
            // Nothing of the refused patches was stored.
            const me = (await s().me(session.access_token)).json;
            assert.equal(me.user.name, null);
            assert.equal(me.shop.currency, 'KZT');
        });

        test("consent.terms_version is held to openapi's 32 characters", async () => {
            const session = await s().login();
            const res = await patch(session.access_token, { consent: { terms_version: 'v'.repeat(33), marketing: false } });
            assert.equal(res.status, 400, `a 33-character terms_version was accepted: ${res.text}`);
            expectProblem(res, 'invalid_request', { field: 'consent.terms_version' });
            assert.equal((await patch(session.access_token, { consent: { terms_version: 'v'.repeat(32), marketing: false } })).status, 200);
        });

        test('GET /v1/sessions lists the sessions of the user, marking the current one', async () => {
            const [first, second] = await twoSessions();
            const other = await s().login();  // another user's session must not show
            const list = await sessions(second.access_token);
            assert.deepEqual(list.map((x) => x.id).sort(), [first.session_id, second.session_id].sort());
            assert.deepEqual(list.filter((x) => x.current).map((x) => x.id), [second.session_id]);
            assert.deepEqual(list.find((x) => x.id === first.session_id).device, LAPTOP);
            assert.deepEqual(list.find((x) => x.id === second.session_id).device, PHONE);
            assert.ok(!list.some((x) => x.id === other.session_id));
        });

        test('DELETE /v1/sessions/{id} ends another session of the user', async () => {
            const [first, second] = await twoSessions();
            const res = await s().api('DELETE', `/v1/sessions/${first.session_id}`, { token: second.access_token });
            assert.equal(res.status, 204, res.text);
            assert.equal(await alive(first), false);
            assert.equal(await alive(second), true);
            expectProblem(await s().refresh(first.refresh_token), 'invalid_refresh_token');
            assert.deepEqual((await sessions(second.access_token)).map((x) => x.id), [second.session_id]);
        });

        test('deleting a session that has already ended is 404', async () => {
            const [first, second] = await twoSessions();
            const path = `/v1/sessions/${first.session_id}`;
            assert.equal((await s().api('DELETE', path, { token: second.access_token })).status, 204);
            // openapi: 404 "no such session of this user"; an ended session is not listed any more.
            expectProblem(await s().api('DELETE', path, { token: second.access_token }), 'not_found');
        });

        test("another user's session id and an unknown id are 404", async () => {
            const mine = await s().login();
            const theirs = await s().login();
            expectProblem(await s().api('DELETE', `/v1/sessions/${theirs.session_id}`, { token: mine.access_token }), 'not_found');
            assert.equal(await alive(theirs), true, "another user's session was ended");
            expectProblem(await s().api('DELETE', '/v1/sessions/00000000-0000-4000-8000-000000000000', { token: mine.access_token }), 'not_found');
        });

        test('DELETE of the current session ends it', async () => {
            const session = await s().login();
            const res = await s().api('DELETE', `/v1/sessions/${session.session_id}`, { token: session.access_token });
            assert.equal(res.status, 204, res.text);
            assert.equal(await alive(session), false);
        });

        test('logout without a body or with scope local ends only this session', async () => {
            for (const options of [{}, { json: { scope: 'local' } }]) {
                const [first, second] = await twoSessions();
                const res = await s().api('POST', '/v1/logout', { ...options, token: second.access_token });
                assert.equal(res.status, 204, res.text);
                assert.equal(await alive(second), false);
                assert.equal(await alive(first), true);
                expectProblem(await s().refresh(second.refresh_token), 'invalid_refresh_token');
                assert.equal((await s().refresh(first.refresh_token)).status, 200);
            }
        });

        test('logout scope others ends every other session of the user', async () => {
            const [first, second] = await twoSessions();
            const third = await s().login(first.user.phone);
            const stranger = await s().login();
            assert.equal((await s().post('/v1/logout', { scope: 'others' }, { token: second.access_token })).status, 204);
            assert.deepEqual([await alive(first), await alive(second), await alive(third), await alive(stranger)], [false, true, false, true]);
            assert.deepEqual((await sessions(second.access_token)).map((x) => x.id), [second.session_id]);
        });

        test('logout scope global ends every session of the user', async () => {
            const [first, second] = await twoSessions();
            const stranger = await s().login();
            assert.equal((await s().post('/v1/logout', { scope: 'global' }, { token: first.access_token })).status, 204);
            assert.deepEqual([await alive(first), await alive(second), await alive(stranger)], [false, false, true]);
            expectProblem(await s().refresh(second.refresh_token), 'invalid_refresh_token');
        });

        test('logout with an unknown scope is invalid_request and ends nothing', async () => {
            const session = await s().login();
            expectProblem(await s().post('/v1/logout', { scope: 'everything' }, { token: session.access_token }), 'invalid_request', { field: 'scope' });
            expectProblem(await s().post('/v1/logout', { scope: 1 }, { token: session.access_token }), 'invalid_request', { field: 'scope' });
            assert.equal(await alive(session), true);
        });

        test('protected endpoints refuse requests without a token', async () => {
            for (const [method, path] of [['GET', '/v1/me'], ['PATCH', '/v1/me'], ['GET', '/v1/sessions'],
                ['DELETE', '/v1/sessions/x'], ['POST', '/v1/logout']]) {
                expectProblem(await s().api(method, path, method === 'GET' ? {} : { json: {} }), 'invalid_token');
            }
        });
    });
});
