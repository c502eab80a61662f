// Tokens: refresh rotation, the reuse grace (parallel replays, reuse after
// it), invalid refresh tokens; access tokens checked independently with the
// npm `jose` library against the JWKS, and forged or expired ones refused.
import assert from 'node:assert/strict';
import { createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SignJWT, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, importPKCS8, jwtVerify } from 'jose';
import { RELAXED_LIMITS, expectProblem, forEachMode, newSigningKey, serverFixture, withServer } from './harness.mjs';

const flags = [...RELAXED_LIMITS, '--resend-cooldown', '0'];
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

// The token with one character of segment `index` changed (not the last one,
// whose low bits may be padding).
function tamper(token, index) {
    const parts = token.split('.');
    const chars = [...parts[index]];
    const at = Math.floor(chars.length / 2);
    chars[at] = chars[at] === 'A' ? 'B' : 'A';
    parts[index] = chars.join('');
    return parts.join('.');
}

forEachMode((mode) => {
    describe('with a reuse grace', () => {
        // Mock mode is given a key file too, so the tests can sign tokens as the server would.
        const server = serverFixture(mode, async () => ({
            flags: [...flags, '--reuse-grace', '60'], signingKey: await newSigningKey(),
        }));

        test('the access token verifies with jose against /.well-known/jwks.json', async () => {
            const session = await server().login();
            const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', server().base));
            const { payload, protectedHeader } = await jwtVerify(session.access_token, jwks, {
                algorithms: ['EdDSA'], issuer: 'sesame', audience: 'sesame-api',
            });
            assert.equal(protectedHeader.alg, 'EdDSA');
            assert.equal(payload.sub, session.user.id);
            assert.equal(payload.sid, session.session_id);
            assert.equal(payload.shop_id, session.shop.id);
            assert.equal(payload.exp - payload.iat, 900);
            assert.ok(Math.abs(payload.iat - now()) < 60, `iat ${payload.iat}`);
            assert.equal(typeof payload.jti, 'string');
            const keys = (await server().get('/.well-known/jwks.json')).json.keys;
            const key = keys.find((k) => k.kid === protectedHeader.kid);
            assert.ok(key, `kid ${protectedHeader.kid} is not in the JWKS`);
            // The published key is the configured one.
            const ours = createPublicKey(readFileSync(server().signingKeyFile)).export({ format: 'jwk' });
            assert.equal(key.x, ours.x);
        });

        test('refresh rotates both tokens of the same session', async () => {
            const session = await server().login();
            const res = await server().refresh(session.refresh_token);
            assert.equal(res.status, 200, res.text);
            const next = res.json;
            assert.notEqual(next.refresh_token, session.refresh_token);
            assert.notEqual(next.access_token, session.access_token);
            assert.equal(next.session_id, session.session_id);
            assert.equal(next.user.id, session.user.id);
            assert.equal(next.is_new_user, false);
            assert.equal((await server().me(next.access_token)).status, 200);
            const third = await server().refresh(next.refresh_token);
            assert.equal(third.status, 200, third.text);
            assert.notEqual(third.json.refresh_token, next.refresh_token);
        });

        test('20 parallel refreshes of one token inside the grace all get the same new pair', async () => {
            const session = await server().login();
            const answers = await Promise.all(Array.from({ length: 20 }, () => server().refresh(session.refresh_token)));
            assert.deepEqual(answers.map((r) => r.status), Array(20).fill(200), answers.map((r) => r.text).join('\n'));
            const pairs = new Set(answers.map((r) => `${r.json.access_token} ${r.json.refresh_token}`));
            assert.equal(pairs.size, 1, 'the replays got different pairs');
            const [pair] = answers.map((r) => r.json);
            assert.equal((await server().me(pair.access_token)).status, 200);
            assert.equal((await server().refresh(pair.refresh_token)).status, 200);
        });

        test('unknown and revoked refresh tokens are invalid_refresh_token', async () => {
            expectProblem(await server().refresh(randomBytes(32).toString('base64url')), 'invalid_refresh_token');
            const session = await server().login();
            assert.equal((await server().post('/v1/logout', {}, { token: session.access_token })).status, 204);
            expectProblem(await server().refresh(session.refresh_token), 'invalid_refresh_token');
            expectProblem(await server().post('/v1/token/refresh', {}), 'invalid_request', { field: 'refresh_token' });
            expectProblem(await server().post('/v1/token/refresh', { refresh_token: 42 }), 'invalid_request', { field: 'refresh_token' });
        });

        test('forged access tokens are invalid_token, a faithful copy is accepted', async () => {
            const session = await server().login();
            const header = decodeProtectedHeader(session.access_token);
            const claims = decodeJwt(session.access_token);
            const key = await importPKCS8(readFileSync(server().signingKeyFile, 'utf8'), 'EdDSA');
            const sign = (changes, head = header, signer = key) =>
                new SignJWT({ ...claims, jti: randomBytes(8).toString('hex'), ...changes }).setProtectedHeader(head).sign(signer);
            const accepted = async (token) => (await server().me(token)).status === 200;
            const refused = async (token, what, code = 'invalid_token') => {
                const res = await server().me(token);
                assert.equal(res.status, 401, `${what} was accepted`);
                expectProblem(res, code);
            };

            assert.ok(await accepted(await sign({})), 'a token signed like the server signs was refused');
            assert.ok(await accepted(await sign({ exp: now() - 10 })), 'within the 60 s leeway');
            await refused(`${b64url({ ...header, alg: 'none' })}.${b64url(claims)}.`, 'alg none');
            const publicJwk = createPublicKey(readFileSync(server().signingKeyFile)).export({ format: 'jwk' });
            const publicPem = createPublicKey(readFileSync(server().signingKeyFile)).export({ type: 'spki', format: 'pem' });
            const hs256 = { ...header, alg: 'HS256' };
            await refused(await sign({}, hs256, Buffer.from(publicJwk.x, 'base64url')), 'HS256 keyed with the public key bytes');
            await refused(await sign({}, hs256, Buffer.from(publicPem)), 'HS256 keyed with the public key PEM');
            await refused(await sign({ aud: 'someone-else' }), 'a wrong aud');
            await refused(await sign({ iss: 'someone-else' }), 'a wrong iss');
            await refused(await sign({ exp: now() - 120, iat: now() - 1000 }), 'an expired token', 'token_expired');
            await refused(await sign({ sid: 'no-such-session' }), 'an unknown session');
            const stranger = await importPKCS8(readFileSync(await newSigningKey(), 'utf8'), 'EdDSA');
            await refused(await sign({}, header, stranger), 'another key with the same kid');
            await refused(tamper(session.access_token, 2), 'a tampered signature');
            await refused(tamper(session.access_token, 1), 'a tampered payload');
            await refused(`${session.access_token.split('.').slice(0, 2).join('.')}.${b64url({ ...claims, sub: 'x' })}`, 'a JSON signature');
        });

        test('requests without a usable bearer token are 401 invalid_token', async () => {
            const session = await server().login();
            const ask = (authorization) => server().get('/v1/me', { headers: authorization === undefined ? {} : { authorization } });
            expectProblem(await ask(undefined), 'invalid_token');
            expectProblem(await ask(`Basic ${b64url('a:b')}`), 'invalid_token');
            expectProblem(await ask('Bearer'), 'invalid_token');
            expectProblem(await ask('Bearer not-a-jwt'), 'invalid_token');
            expectProblem(await ask(`Bearer ${session.refresh_token}`), 'invalid_token');
            assert.equal((await ask(`bearer ${session.access_token}`)).status, 200, 'the scheme is case-insensitive');
        });
    });

    test('the old refresh token after the grace is refresh_token_reused and ends the session', async () => {
        await withServer(mode, { flags: [...flags, '--reuse-grace', '0'] }, async (s) => {
            const session = await s.login();
            const rotated = await s.refresh(session.refresh_token);
            assert.equal(rotated.status, 200, rotated.text);
            expectProblem(await s.refresh(session.refresh_token), 'refresh_token_reused');
            expectProblem(await s.me(rotated.json.access_token), 'invalid_token');
            expectProblem(await s.me(session.access_token), 'invalid_token');
            expectProblem(await s.refresh(rotated.json.refresh_token), 'invalid_refresh_token');
            // Another session of the same user is not touched.
            const other = await s.login(session.user.phone);
            assert.equal((await s.me(other.access_token)).status, 200);
        });
    });

    test('an expired access token is token_expired (--access-ttl 0 --leeway 0), and refresh still works', async () => {
        await withServer(mode, { flags: [...flags, '--access-ttl', '0', '--leeway', '0'] }, async (s) => {
            const phone = s.newPhone();
            await s.requestCode(phone);
            // expires_in 0 is below the schema's minimum of 1, which this configuration cannot meet.
            const res = await s.verify(phone, await s.codeFor(phone), {}, { contract: false });
            assert.equal(res.status, 200, res.text);
            assert.equal(res.json.expires_in, 0);
            const expired = await s.me(res.json.access_token);
            expectProblem(expired, 'token_expired');
            assert.equal(expired.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
            const refreshed = await s.refresh(res.json.refresh_token, { contract: false });
            assert.equal(refreshed.status, 200, refreshed.text);
        });
    });

    test('an expired refresh token is invalid_refresh_token (--refresh-ttl 0)', async () => {
        await withServer(mode, { flags: [...flags, '--refresh-ttl', '0'] }, async (s) => {
            const phone = s.newPhone();
            await s.requestCode(phone);
            const res = await s.verify(phone, await s.codeFor(phone), {}, { contract: false });
            assert.equal(res.status, 200, res.text);
            expectProblem(await s.refresh(res.json.refresh_token), 'invalid_refresh_token');
        });
    });
});
