// What every fake shares (lib/fake-server.mjs, lib/faults.mjs), checked
// through the MSG91 fake, and run.mjs as the C++ tests start it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { call, control } from './lib/client.mjs';
import { startMsg91Fake } from './msg91.mjs';

const RUN = fileURLToPath(new URL('./run.mjs', import.meta.url));

async function fakeFor(t) {
    const m = await startMsg91Fake();
    t.after(() => m.stop());
    return m;
}

function send(m) {
    return call(`${m.url}/api/v5/otp?template_id=t&mobile=919898989898`, { json: {}, headers: { authkey: m.authkey } });
}

test('a fake listens on 127.0.0.1 on a port of its own', async (t) => {
    const [a, b] = [await fakeFor(t), await fakeFor(t)];
    assert.match(a.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(a.url, b.url);
});

test('requests are recorded with their answers, and reset clears them', async (t) => {
    const m = await fakeFor(t);
    await send(m);
    const [recorded] = (await control(m, '/requests?path=/api/v5/otp')).json.requests;
    assert.equal(recorded.method, 'POST');
    assert.equal(recorded.query.mobile, '919898989898');
    assert.equal(recorded.headers.authkey, m.authkey);
    assert.equal(recorded.response.status, 200);
    assert.equal((await control(m, '/requests?path=/flow')).json.requests.length, 0);
    await control(m, '/reset', {});
    assert.equal((await control(m, '/requests')).json.requests.length, 0);
    assert.equal(m.messagesTo().length, 0, 'state cleared too');
});

test('a fault applies only to matching paths and for its count', async (t) => {
    const m = await fakeFor(t);
    await control(m, '/faults', { kind: 'fail', status: 500, count: 2, path: '/api/v5/otp' });
    await control(m, '/faults', { kind: 'fail', path: '/api/v5/flow' });
    assert.equal((await control(m, '/faults')).json.faults.length, 2);
    assert.deepEqual([(await send(m)).status, (await send(m)).status, (await send(m)).status], [500, 500, 200]);
    await control(m, '/faults', { kind: 'clear' });
    assert.equal((await control(m, '/faults')).json.faults.length, 0);
    assert.equal((await control(m, '/faults', { kind: 'explode' })).status, 400);
    assert.equal((await control(m, '/faults', { kind: 'slow' })).status, 400, 'slow needs ms');
    assert.equal((await control(m, '/nowhere')).status, 404);
    assert.equal((await control(m, '/clock', { advance_seconds: 'soon' })).status, 400);
    const broken = await call(`${m.url}/__control/faults`, { body: '{', headers: { 'content-type': 'application/json' } });
    assert.equal(broken.status, 400);
});

test('slow delays the answer by at least its ms', async (t) => {
    const m = await fakeFor(t);
    m.faults.add({ kind: 'slow', ms: 200, count: 1 });
    const started = performance.now();
    assert.equal((await send(m)).status, 200);
    assert.ok(performance.now() - started >= 195, 'delayed');
});

test('down resets the connection while the control API still answers', async (t) => {
    const m = await fakeFor(t);
    await control(m, '/faults', { kind: 'down', count: 1 });
    await assert.rejects(send(m), TypeError);
    assert.equal((await control(m, '/requests')).status, 200);
    assert.equal((await send(m)).status, 200);
});

test('offline closes the port until online; through control it comes back after ms', async (t) => {
    const m = await fakeFor(t);
    await m.offline();
    await assert.rejects(send(m), (error) => error.cause?.code === 'ECONNREFUSED');
    await m.online();
    assert.equal((await send(m)).status, 200);
    assert.equal((await control(m, '/faults', { kind: 'offline' })).status, 400, 'offline through control needs ms');
    assert.equal((await control(m, '/faults', { kind: 'offline', ms: 300 })).status, 200);
    // Bounded wait for the fake's own timer to reopen the port.
    let back = false;
    for (let i = 0; i < 100 && !back; ++i) {
        back = await send(m).then(() => true, () => false);
        if (!back) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(back, 'listening again');
});

test('oversized and malformed bodies are refused without reaching the upstream logic', async (t) => {
    const m = await fakeFor(t);
    const huge = await call(`${m.url}/api/v5/flow/`, { body: 'x'.repeat((1 << 20) + 1), headers: { authkey: m.authkey, 'content-type': 'application/json' } });
    assert.equal(huge.status, 413);
    const broken = await call(`${m.url}/api/v5/flow/`, { body: '{"flow_id":', headers: { authkey: m.authkey, 'content-type': 'application/json' } });
    assert.equal(broken.json.type, 'error');
    assert.equal(m.messagesTo().length, 0);
});

async function startCli(args) {
    const child = spawn(process.execPath, [RUN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const line = await new Promise((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    return { child, started: JSON.parse(line) };
}

test('run.mjs prints one JSON line with the URL and credentials, and stops on SIGTERM', async () => {
    for (const upstream of ['telegram', 'gateway', 'twilio', 'msg91']) {
        const { child, started } = await startCli([upstream, '--config', '{"token":"77:abc"}']);
        assert.equal(started.upstream, upstream);
        assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal((await call(`${started.url}/__control/requests`, { method: 'GET' })).status, 200);
        if (upstream === 'telegram') {
            assert.equal(started.token, '77:abc');
            assert.equal((await call(`${started.api_url}/getMe`, { method: 'GET' })).json.result.id, 77);
        }
        child.kill('SIGTERM');
        const [code] = await once(child, 'exit');
        assert.equal(code, 0, upstream);
    }
});

test('run.mjs with --exit-with-stdin stops when its parent closes stdin; bad arguments exit 2', async () => {
    const { child } = await startCli(['msg91', '--exit-with-stdin']);
    child.stdin.end();
    assert.deepEqual(await once(child, 'exit'), [0, null]);
    for (const args of [[], ['sms'], ['msg91', '--config', '{'], ['msg91', '--bogus']]) {
        const bad = spawn(process.execPath, [RUN, ...args], { stdio: 'ignore' });
        assert.equal((await once(bad, 'exit'))[0], 2, args.join(' '));
    }
});
