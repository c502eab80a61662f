// Full mode only: two instances on one Redis and one PostgreSQL share codes,
// limits and sessions; sessions survive a restart; a Redis or PostgreSQL
// outage is 503 problem+json, recovers without a restart, and does not
// consume a code. Needs the services fixture (always up under ctest).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Backend, RELAXED_LIMITS, Server, expectProblem, fixtureServices, privateServices, wrongCode } from './harness.mjs';

const NO_COOLDOWN = [...RELAXED_LIMITS, '--resend-cooldown', '0'];

// Two servers of one backend; stopped (and the backend dropped) after `body`.
async function withPair(flags, body) {
    const backend = await Backend.create();
    const servers = [];
    try {
        servers.push(await Server.start('full', { backend, flags }));
        servers.push(await Server.start('full', { backend, flags, secrets: servers[0].secrets }));
        await body(servers[0], servers[1]);
    } finally {
        for (const s of servers) await s.stop();
        await backend.close();
    }
}

// Polls /readyz until it answers `status`: waiting for an outage or a
// recovery to be noticed, not timing.
async function readyzBecomes(server, status) {
    let res;
    for (let attempt = 0; attempt < 300; ++attempt) {
        res = await server.get('/readyz', { contract: false });
        if (res.status === status) return res;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`/readyz still answers ${res.status} ${res.text}`);
}

test('the services fixture is up (SESAME_TEST_SERVICES_ENV)', () => {
    assert.ok(fixtureServices, 'full-mode tests need the services fixture: run them through ctest');
});

describe('two instances on one Redis and PostgreSQL', { skip: !fixtureServices }, () => {
    test('a code requested on one instance verifies on the other, and attempts are shared', async () => {
        await withPair(NO_COOLDOWN, async (a, b) => {
            const phone = a.newPhone();
            await a.requestCode(phone);
            assert.equal(expectProblem(await b.verify(phone, wrongCode(await a.codeFor(phone))), 'invalid_code').attempts_left, 2);
            const res = await b.verify(phone, await a.codeFor(phone));
            assert.equal(res.status, 200, res.text);
            expectProblem(await a.verify(phone, await a.codeFor(phone)), 'no_pending_code');
            // The session is the same on both.
            assert.equal((await a.me(res.json.access_token)).status, 200);
            const refreshed = await a.refresh(res.json.refresh_token);
            assert.equal(refreshed.status, 200, refreshed.text);
            assert.equal((await b.me(refreshed.json.access_token)).status, 200);
        });
    });

    test('the limits count across both instances', async () => {
        const flags = ['--per-phone-per-hour', '2', '--per-ip-per-hour', '3', '--resend-cooldown', '0', '--trusted-proxies', '127.0.0.1'];
        await withPair(flags, async (a, b) => {
            const phone = a.newPhone();
            await a.requestCode(phone);
            await b.requestCode(phone);
            expectProblem(await a.post('/v1/otp', { phone }), 'rate_limited');
            expectProblem(await b.post('/v1/otp', { phone }), 'rate_limited');
            const from = { headers: { 'x-forwarded-for': '203.0.113.30' } };
            await a.requestCode(a.newPhone(), {}, from);
            await b.requestCode(b.newPhone(), {}, from);
            await a.requestCode(a.newPhone(), {}, from);
            expectProblem(await b.post('/v1/otp', { phone: b.newPhone() }, from), 'rate_limited');
        });
        await withPair(RELAXED_LIMITS, async (a, b) => {
            const phone = a.newPhone();
            await a.requestCode(phone);
            expectProblem(await b.post('/v1/otp', { phone }), 'resend_too_soon');
        });
    });

    test('50 parallel verifies split across both instances: exactly one 200', async () => {
        await withPair(NO_COOLDOWN, async (a, b) => {
            const phone = a.newPhone();
            await a.requestCode(phone);
            const code = await a.codeFor(phone);
            const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).verify(phone, code)));
            assert.equal(answers.filter((r) => r.status === 200).length, 1, answers.map((r) => r.status).join(','));
        });
    });

    test('20 parallel refreshes split across both instances get the same pair', async () => {
        await withPair([...NO_COOLDOWN, '--reuse-grace', '60'], async (a, b) => {
            const session = await a.login();
            const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).refresh(session.refresh_token)));
            assert.deepEqual(answers.map((r) => r.status), Array(20).fill(200), answers.map((r) => r.text).join('\n'));
            assert.equal(new Set(answers.map((r) => `${r.json.access_token} ${r.json.refresh_token}`)).size, 1);
        });
    });

    test('sessions and pending codes survive a restart', async () => {
        const s = await Server.start('full', { flags: NO_COOLDOWN });
        try {
            const session = await s.login();
            const phone = s.newPhone();
            await s.requestCode(phone);
            await s.restart();
            assert.equal((await s.me(session.access_token)).status, 200);
            const refreshed = await s.refresh(session.refresh_token);
            assert.equal(refreshed.status, 200, refreshed.text);
            const verified = await s.verify(phone, await s.codeFor(phone));
            assert.equal(verified.status, 200, verified.text);
            assert.equal(verified.json.is_new_user, true);
        } finally {
            await s.stop();
        }
    });
});

describe('outages (a private Redis and PostgreSQL)', () => {
    let services;
    let backend;
    let server;
    before(async () => {
        services = await privateServices();
        backend = await Backend.create({ services: services.services });
        server = await Server.start('full', { backend, flags: NO_COOLDOWN });
    });
    after(async () => {
        await server?.stop().catch(() => {});  // the last test checks how it stops
        await services?.close();
    });

    test('Redis stopped: /v1/otp and /readyz answer 503, and it recovers without a restart', async () => {
        const session = await server.login();
        await services.stopRedis();
        const phone = server.newPhone();
        expectProblem(await server.post('/v1/otp', { phone }), 'service_unavailable');
        expectProblem(await server.verify(phone, await server.codeFor(phone)), 'service_unavailable');
        const readyz = await server.get('/readyz');
        expectProblem(readyz, 'service_unavailable');
        await services.startRedis();
        await readyzBecomes(server, 200);
        await server.requestCode(phone);
        const res = await server.verify(phone, await server.codeFor(phone));
        assert.equal(res.status, 200, res.text);
        assert.equal((await server.refresh(session.refresh_token)).status, 200);
    });

    test('PostgreSQL stopped: verify answers 503 and the code is not consumed', async () => {
        const session = await server.login();
        const phone = server.newPhone();
        await server.requestCode(phone);
        const code = await server.codeFor(phone);
        await services.stopPostgres();
        expectProblem(await server.verify(phone, code), 'service_unavailable');
        // An outage is not a reason to drop a session: 503, never 401.
        expectProblem(await server.me(session.access_token), 'service_unavailable');
        expectProblem(await server.refresh(session.refresh_token), 'service_unavailable');
        expectProblem(await server.get('/readyz'), 'service_unavailable');
        await services.startPostgres();
        await readyzBecomes(server, 200);
        // The failed verify neither used the code nor spent an attempt.
        assert.equal(expectProblem(await server.verify(phone, wrongCode(code)), 'invalid_code').attempts_left, 2);
        const res = await server.verify(phone, code);
        assert.equal(res.status, 200, res.text);
        assert.equal((await server.refresh(session.refresh_token)).status, 200);
    });

    test('after the outages the server stops cleanly (exit 0, no leak, no secret in its log)', async () => {
        await server.stop();
    });
});
