// Operations: /healthz, /readyz, /metrics (Prometheus text that moves with
// the traffic), /openapi.json (the repo's file), the JWKS, the command line
// (--help, bad values exit 2) and shutdown.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { assertSchema } from './contract.mjs';
import { RELAXED_LIMITS, Server, expectProblem, forEachMode, repoRoot, serverFixture } from './harness.mjs';
import { askOn, rawRequest } from './http.mjs';

const run = promisify(execFile);

// Prometheus text exposition format 0.0.4: {families: Map(name -> {type, help}), samples: [{name, labels, value}]}.
function parseMetrics(text) {
    const families = new Map();
    const samples = [];
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (\S+)( -?[0-9]+)?$/;
    for (const line of text.split('\n')) {
        if (line === '') continue;
        const meta = line.match(/^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/);
        if (meta) {
            const family = families.get(meta[2]) ?? {};
            family[meta[1].toLowerCase()] = meta[3];
            families.set(meta[2], family);
            continue;
        }
        assert.ok(!line.startsWith('#') || line.startsWith('# '), `bad comment line: ${line}`);
        if (line.startsWith('#')) continue;
        const m = line.match(sample);
        assert.ok(m, `not a Prometheus sample line: ${line}`);
        const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
        const value = Number(m[3].replace('+Inf', 'Infinity'));
        assert.ok(!Number.isNaN(value) || m[3] === 'NaN', `bad value: ${line}`);
        samples.push({ name: m[1], labels, value });
    }
    for (const { name } of samples) {
        const family = families.get(name) ?? families.get(name.replace(/_(bucket|sum|count)$/, ''));
        assert.ok(family?.type && family.help !== undefined, `${name} has no # TYPE and # HELP`);
    }
    return { families, samples };
}

// The sum of the samples named `name` whose labels include `labels`.
function total(metrics, name, labels = {}) {
    return metrics.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);
}

forEachMode((mode) => {
    describe('operations endpoints', () => {
        const server = serverFixture(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] });
        const metrics = async () => {
            const res = await server().get('/metrics');
            assert.equal(res.status, 200);
            assert.match(res.headers.get('content-type'), /^text\/plain; ?version=0\.0\.4/);
            return parseMetrics(res.text);
        };

        test('GET /healthz answers 200 as openapi.json documents it', async () => {
            const res = await server().get('/healthz');
            assert.equal(res.status, 200);
        });

        test('GET /readyz answers 200 as openapi.json documents it', async () => {
            const res = await server().get('/readyz');
            assert.equal(res.status, 200, res.text);
        });

        test('GET /openapi.json is the repo file', async () => {
            const res = await server().get('/openapi.json');
            assert.equal(res.status, 200);
            assert.equal(res.text, readFileSync(join(repoRoot, 'openapi.json'), 'utf8'));
        });

        test('GET /.well-known/jwks.json publishes Ed25519 public keys only', async () => {
            const res = await server().get('/.well-known/jwks.json');
            assert.equal(res.status, 200);
            assertSchema('Jwks', res.json);
            assert.ok(res.json.keys.length >= 1);
            for (const key of res.json.keys) {
                assert.equal(key.kty, 'OKP');
                assert.equal(key.crv, 'Ed25519');
                assert.equal(key.d, undefined, 'a private key is published');
            }
        });

        test('every answer carries an X-Request-Id', async () => {
            for (const path of ['/healthz', '/nope', '/v1/me']) {
                const res = await server().api('GET', path, { contract: false });
                assert.match(res.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._:-]{1,128}$/, path);
            }
        });

        test('GET /metrics is Prometheus text whose counters move with a login', async () => {
            const before = await metrics();
            const session = await server().login();
            const phone = session.user.phone;
            expectProblem(await server().verify(phone, '000000'), 'no_pending_code');
            assert.equal((await server().refresh(session.refresh_token)).status, 200);
            const other = await server().login(phone);
            await server().api('DELETE', `/v1/sessions/${other.session_id}`, { token: other.access_token });
            const after = await metrics();
            const moved = (name, labels) => total(after, name, labels) - total(before, name, labels);
            assert.equal(moved('sesame_otp_codes_requested_total'), 2, 'codes requested');
            assert.equal(moved('sesame_otp_verifications_total', { result: 'success' }), 2, 'verifications');
            assert.equal(moved('sesame_otp_verifications_total', { result: 'no_pending_code' }), 1, 'failed verifications');
            assert.equal(moved('sesame_token_refreshes_total', { result: 'rotated' }), 1, 'refreshes');
            assert.equal(moved('sesame_http_requests_total', { route: '/v1/otp', method: 'POST', status: '202' }), 2);
            assert.equal(moved('sesame_http_request_duration_seconds_count', { route: '/v1/otp/verify' }), 3);
            // Labels carry route patterns, never ids or phones.
            const text = (await server().get('/metrics')).text;
            assert.ok(!text.includes(other.session_id), 'a session id is a metrics label');
            assert.ok(!text.includes(phone.slice(1)), 'a phone is a metrics label');
            assert.ok(text.includes('route="/v1/sessions/{id}"'));
        });

        test('histograms are cumulative and end in +Inf = _count', async () => {
            const parsed = await metrics();
            const histograms = [...parsed.families].filter(([, f]) => f.type === 'histogram').map(([name]) => name);
            assert.ok(histograms.includes('sesame_http_request_duration_seconds'));
            for (const name of histograms) {
                const series = new Map();
                for (const s of parsed.samples.filter((x) => x.name === `${name}_bucket`)) {
                    const { le, ...rest } = s.labels;
                    const key = JSON.stringify(rest);
                    series.set(key, [...(series.get(key) ?? []), [Number(le.replace('+Inf', 'Infinity')), s.value]]);
                }
                for (const [key, buckets] of series) {
                    const counts = buckets.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
                    assert.deepEqual(counts, [...counts].sort((a, b) => a - b), `${name}${key} is not cumulative`);
                    assert.equal(buckets.at(-1)[0], Infinity);
                    assert.equal(counts.at(-1), total(parsed, `${name}_count`, JSON.parse(key)), `${name}${key}`);
                }
            }
        });

        test('a refused request counts as a rate-limit hit by scope', async () => {
            const flags = ['--per-phone-per-hour', '1', '--per-ip-per-hour', '1000'];
            const s = await Server.start(mode, { flags });
            try {
                const phone = s.newPhone();
                await s.requestCode(phone);
                expectProblem(await s.post('/v1/otp', { phone }), 'rate_limited');
                const hits = parseMetrics((await s.get('/metrics')).text).samples.filter((x) => x.name === 'sesame_rate_limit_hits_total');
                assert.deepEqual(hits.map((x) => [x.labels.scope, x.value]), [['phone', 1]]);
            } finally {
                await s.stop();
            }
        });
    });

    test('SIGTERM with idle keep-alive connections exits 0 at once, not after the grace', async () => {
        const s = await Server.start(mode, { flags: ['--shutdown-grace', '60'] });
        const sockets = [net.connect(s.port, '127.0.0.1'), net.connect(s.port, '127.0.0.1')];
        for (const socket of sockets) assert.equal((await askOn(socket, rawRequest('GET', '/healthz'))).status, 200);
        const closed = sockets.map((socket) => new Promise((resolve) => socket.on('close', resolve)));
        const started = Date.now();
        await s.stop();
        assert.ok(Date.now() - started < 30_000, `shutdown took ${Date.now() - started} ms`);
        await Promise.all(closed);  // the server closed them
    });
});

describe('the command line', () => {
    const bin = () => process.env.SESAME_SERVER_BIN;
    const fails = async (args, env = {}) => {
        const error = await run(bin(), args, { env: { PATH: process.env.PATH, ...env }, timeout: 10_000 }).then(() => undefined, (e) => e);
        assert.ok(error, `${args.join(' ')} started`);
        assert.equal(error.code, 2, `${args.join(' ')}: exit ${error.code}`);
        return error.stderr;
    };

    test('--help lists every option with its variable and exits 0', async () => {
        const { stdout } = await run(bin(), ['--help']);
        for (const option of ['listen', 'mode', 'redis-url', 'postgres-url', 'code-length', 'code-ttl', 'max-attempts',
            'resend-cooldown', 'per-phone-per-hour', 'per-ip-per-hour', 'test-numbers', 'access-ttl', 'refresh-ttl',
            'reuse-grace', 'leeway', 'signing-key', 'pepper-file', 'trusted-proxies']) {
            assert.ok(stdout.includes(`--${option} `), `--help does not list --${option}`);
            assert.ok(stdout.includes(`SESAME_${option.toUpperCase().replaceAll('-', '_')}`), `--help does not name the variable of --${option}`);
        }
    });

    test('a bad value is a clear message and exit code 2', async () => {
        assert.match(await fails(['--code-length', '3']), /--code-length/);
        assert.match(await fails(['--mode', 'fast']), /--mode/);
        assert.match(await fails(['--listen', 'nowhere']), /--listen/);
        assert.match(await fails(['--no-such-option', '1']), /no-such-option/);
        assert.match(await fails(['--trusted-proxies', '10.0.0.0/99']), /--trusted-proxies/);
        assert.match(await fails([], { SESAME_CODE_TTL: 'soon' }), /SESAME_CODE_TTL/);
        assert.match(await fails([], { SESAME_TEST_NUMBERS: '+77010000001=12' }), /test numbers|code-length/i);
        assert.match(await fails(['--mode', 'full']), /pepper/);
    });

    test('an error message never repeats the pepper', async () => {
        const stderr = await fails(['--pepper', 'short-secret']);
        assert.ok(!stderr.includes('short-secret'), stderr);
    });
});
