// Hostile input on every endpoint: malformed JSON, wrong types, missing
// members, oversized bodies and headers, a slow client, invalid UTF-8, wrong
// media types, unknown routes and methods, injection strings in every string
// field. Each gets a clear 4xx problem (checked against openapi.json) or, where
// the string is a legitimate value, is stored verbatim; the server stays up.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { checkProblem, openapi, pathTemplate } from './contract.mjs';
import { RELAXED_LIMITS, expectProblem, forEachMode, freshPhone, serverFixture, withServer } from './harness.mjs';
import { askOn, parseResponses, rawExchange, rawRequest } from './http.mjs';

const KiB = 1024;

const INJECTIONS = [
    "'; DROP TABLE users;--",
    "1' OR '1'='1",
    '{"$gt":""}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${jndi:ldap://example.com/a}',
    '%00%0d%0a',
    'a\u0000b',
    'a\r\nX-Injected: yes',
    '\u202eevil',
    '\ufeffbom',
    '😀 emoji',
    'x'.repeat(5000),
];

// A deep copy of `body` with the member at `path` ("device.name") set to
// `value`, or removed when value is undefined.
function withMember(body, path, value) {
    const copy = structuredClone(body);
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce((node, key) => node[key], copy);
    if (value === undefined) delete parent[keys.at(-1)];
    else parent[keys.at(-1)] = value;
    return copy;
}

// The endpoints that take a JSON body: a valid body, the types of its
// members, and the members that are required.
const ENDPOINTS = [
    {
        method: 'POST', path: '/v1/otp', auth: false,
        body: () => ({ phone: freshPhone(), region: 'KZ', channel: 'sms', locale: 'ru' }),
        strings: ['phone', 'region', 'channel', 'locale'], objects: [], booleans: [], required: ['phone'],
    },
    {
        method: 'POST', path: '/v1/otp/verify', auth: false,
        body: () => ({ phone: freshPhone(), region: 'KZ', code: '123456', request_id: 'r-1', device: { name: 'n', platform: 'p' } }),
        strings: ['phone', 'region', 'code', 'request_id', 'device.name', 'device.platform'], objects: ['device'], booleans: [],
        required: ['phone', 'code', 'device.name', 'device.platform'],
    },
    {
        method: 'POST', path: '/v1/token/refresh', auth: false,
        body: () => ({ refresh_token: 'abc' }),
        strings: ['refresh_token'], objects: [], booleans: [], required: ['refresh_token'],
    },
    {
        method: 'POST', path: '/v1/logout', auth: true,
        body: () => ({ scope: 'local' }),
        strings: ['scope'], objects: [], booleans: [], required: [],
    },
    {
        method: 'PATCH', path: '/v1/me', auth: true,
        body: () => ({ name: 'A', shop: { name: 'S', language: 'ru', currency: 'KZT' }, consent: { terms_version: '1', marketing: false } }),
        strings: ['name', 'shop.name', 'shop.language', 'shop.currency', 'consent.terms_version'],
        objects: ['shop', 'consent'], booleans: ['consent.marketing'], required: ['consent.terms_version', 'consent.marketing'],
    },
];

// The problems a refused string member may give: invalid_request naming it,
// or the endpoint's own verdict on a well-formed but unusable value.
function refusals(endpoint, member) {
    const codes = ['invalid_request'];
    if (member === 'phone' || member === 'region') codes.push('invalid_phone');
    if (endpoint.path === '/v1/token/refresh') codes.push('invalid_refresh_token');
    if (member.startsWith('device.')) codes.push('no_pending_code');  // a fine name; the phone has no code
    return codes;
}

const WRONG = {
    string: [1, true, [], {}, null],
    object: ['x', 1, true, [], null],
    boolean: ['true', 1, {}, null],
};

// Answers from raw sockets get the same problem+json checks as fetch answers.
function checked(res, where) {
    assert.ok(res, `${where}: no answer`);
    if (res.status >= 400) checkProblem(res, where);
    return res;
}

forEachMode((mode) => {
    describe('hostile requests', () => {
        const server = serverFixture(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] });
        const s = () => server();
        // A session whose token the protected endpoints take; renewed if a test ended it.
        let session;
        const token = async () => {
            if (!session || (await s().me(session.access_token)).status !== 200) session = await s().login();
            return session.access_token;
        };
        const send = async (endpoint, options) =>
            s().api(endpoint.method, endpoint.path, { ...options, token: endpoint.auth ? await token() : undefined });

        test('malformed JSON is 400 invalid_request on every endpoint', async () => {
            const bodies = ['{', '{"phone":', 'nul', '{"a":1,}', "{'phone':'x'}", '{"phone":"x"} trailing', '[]', '"text"',
                '42', 'null', 'NaN', '{"phone":"\\x41"}', '{"phone":"\\ud800"}', ''];
            for (const endpoint of ENDPOINTS) {
                // The logout body is optional: an empty one is no body, not malformed JSON.
                for (const body of bodies.filter((b) => b !== '' || endpoint.path !== '/v1/logout')) {
                    const res = await send(endpoint, { body, headers: { 'content-type': 'application/json' } });
                    assert.equal(res.status, 400, `${endpoint.path} ${JSON.stringify(body)}: ${res.status} ${res.text}`);
                    expectProblem(res, 'invalid_request');
                }
            }
            assert.equal((await s().me(await token())).status, 200, 'a refused logout body ended the session');
        });

        test('a member of the wrong type is 400 invalid_request naming it', async () => {
            for (const endpoint of ENDPOINTS) {
                const kinds = [['string', endpoint.strings], ['object', endpoint.objects], ['boolean', endpoint.booleans]];
                for (const [kind, members] of kinds) {
                    for (const member of members) {
                        for (const value of WRONG[kind]) {
                            const json = withMember(endpoint.body(), member, value);
                            const res = await send(endpoint, { json });
                            assert.equal(res.status, 400, `${endpoint.path} ${JSON.stringify(json)}: ${res.status} ${res.text}`);
                            expectProblem(res, 'invalid_request', { field: member });
                        }
                    }
                }
            }
        });

        test('a missing required member is 400 invalid_request naming it', async () => {
            for (const endpoint of ENDPOINTS) {
                for (const member of endpoint.required) {
                    const json = withMember(endpoint.body(), member, undefined);
                    const res = await send(endpoint, { json });
                    assert.equal(res.status, 400, `${endpoint.path} ${JSON.stringify(json)}: ${res.status} ${res.text}`);
                    expectProblem(res, 'invalid_request', { field: member });
                }
            }
        });

        test('invalid UTF-8 is 400 invalid_request on every endpoint', async () => {
            const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])];
            for (const endpoint of ENDPOINTS) {
                for (const bytes of bad) {
                    const body = Buffer.concat([Buffer.from(`{"${endpoint.strings[0]}":"`), bytes, Buffer.from('"}')]);
                    const res = await send(endpoint, { body, headers: { 'content-type': 'application/json' } });
                    assert.equal(res.status, 400, `${endpoint.path} ${bytes.toString('hex')}: ${res.status} ${res.text}`);
                    expectProblem(res, 'invalid_request');
                }
            }
        });

        test('a Content-Type other than JSON is 415 on every endpoint', async () => {
            for (const endpoint of ENDPOINTS) {
                const json = JSON.stringify(endpoint.body());
                for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'multipart/form-data; boundary=x', undefined]) {
                    const headers = type ? { 'content-type': type } : {};
                    const res = await send(endpoint, { body: Buffer.from(json), headers });
                    assert.equal(res.status, 415, `${endpoint.path} ${type}: ${res.status} ${res.text}`);
                    expectProblem(res, 'unsupported_media_type');
                }
            }
            // JSON with a charset parameter, in any case, is JSON.
            for (const type of ['application/json; charset=utf-8', 'Application/JSON']) {
                const res = await s().api('POST', '/v1/otp', { body: JSON.stringify({ phone: freshPhone() }), headers: { 'content-type': type } });
                assert.equal(res.status, 202, `${type}: ${res.status} ${res.text}`);
            }
        });

        test('bodies over 16 KiB are 413, exactly 16 KiB is read', async () => {
            const padded = (size) => {
                const head = `{"phone":"${freshPhone()}","pad":"`;
                return `${head}${'x'.repeat(size - head.length - 2)}"}`;
            };
            for (const endpoint of ENDPOINTS) {
                for (const size of [17 * KiB, 1024 * KiB]) {
                    const request = rawRequest(endpoint.method, endpoint.path, {
                        headers: ['Content-Type: application/json', 'Authorization: Bearer x'], body: padded(size),
                    });
                    const [res] = (await rawExchange(s().port, [request])).responses;
                    checked(res, `${endpoint.path} ${size} bytes`);
                    expectProblem(res, 'payload_too_large');
                }
            }
            const chunked = rawRequest('POST', '/v1/otp', {
                headers: ['Content-Type: application/json', 'Transfer-Encoding: chunked'],
                body: `${(17 * KiB).toString(16)}\r\n${padded(17 * KiB)}\r\n0\r\n\r\n`,
            });
            expectProblem(checked((await rawExchange(s().port, [chunked])).responses[0], 'chunked 17 KiB'), 'payload_too_large');
            // The limit is 16 KiB, not less: unknown members are ignored.
            const exact = await s().api('POST', '/v1/otp', { body: padded(16 * KiB), headers: { 'content-type': 'application/json' } });
            assert.equal(exact.status, 202, exact.text);
        });

        test('thousands of headers, or one huge header, are 431', async () => {
            const many = Array.from({ length: 5000 }, (_, i) => `X-Header-${i}: value`);
            const huge = [`X-Huge: ${'h'.repeat(9 * KiB)}`];
            for (const headers of [many, huge]) {
                const [res] = (await rawExchange(s().port, [rawRequest('GET', '/healthz', { headers })])).responses;
                checked(res, `${headers.length} headers`);
                expectProblem(res, 'headers_too_large');
            }
        });

        test('malformed HTTP is 400 invalid_request and closes the connection', async () => {
            for (const bytes of ['GARBAGE\r\n\r\n', 'GET /healthz HTTP/1.1\r\nNo colon here\r\n\r\n',
                'GET /healthz HTTP/1.1\r\nContent-Length: -1\r\n\r\n', 'GET /healthz HTTP/1.1\r\nBad\u0000Name: x\r\n\r\n',
                'POST /v1/otp HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!']) {
                const { responses, closed } = await rawExchange(s().port, [Buffer.from(bytes, 'latin1')], { responses: 2 });
                assert.equal(responses.length, 1, `${JSON.stringify(bytes)}: ${responses.length} answers`);
                checked(responses[0], JSON.stringify(bytes));
                expectProblem(responses[0], 'invalid_request');
                assert.ok(closed, 'the connection stayed open after a malformed request');
            }
        });

        test('unknown paths are 404, known paths with another method 405 with Allow', async () => {
            for (const path of ['/nope', '/v1', '/v1/', '/v1/otp/', '/V1/OTP', '/v1/otp/verify/extra', '/v1/sessions/a/b', '/%2e%2e/etc/passwd']) {
                const res = await s().api('POST', path, { json: {} });
                expectProblem(res, 'not_found');
            }
            const allowed = (path) => Object.keys(openapi.paths[pathTemplate(path)]).map((m) => m.toUpperCase())
                .filter((m) => m !== 'PARAMETERS');
            for (const [method, path] of [['GET', '/v1/otp'], ['PUT', '/v1/me'], ['DELETE', '/v1/me'], ['POST', '/healthz'],
                ['GET', '/v1/otp/verify'], ['POST', '/v1/sessions'], ['GET', '/v1/sessions/abc'], ['PATCH', '/openapi.json']]) {
                const res = await s().api(method, path, method === 'GET' ? {} : { json: {} });
                expectProblem(res, 'method_not_allowed');
                const allow = res.headers.get('allow').split(',').map((m) => m.trim());
                for (const m of allowed(path)) assert.ok(allow.includes(m), `${path}: Allow ${allow} lacks ${m}`);
                for (const m of allow) assert.ok([...allowed(path), 'HEAD', 'OPTIONS'].includes(m), `${path}: Allow names ${m}`);
            }
            const [brew] = (await rawExchange(s().port, [rawRequest('BREW', '/v1/otp')])).responses;
            expectProblem(checked(brew, 'BREW /v1/otp'), 'method_not_allowed');
        });

        test('injection strings in the request strings are refused or stored verbatim', async () => {
            const verbatim = {
                'PATCH /v1/me name': (me) => me.user.name,
                'PATCH /v1/me shop.name': (me) => me.shop.name,
            };
            for (const endpoint of ENDPOINTS) {
                for (const member of endpoint.strings) {
                    for (const value of INJECTIONS) {
                        const json = withMember(endpoint.body(), member, value);
                        const res = await send(endpoint, { json });
                        const where = `${endpoint.method} ${endpoint.path} ${member}=${JSON.stringify(value).slice(0, 40)}`;
                        if (res.status < 300) {
                            const read = verbatim[`${endpoint.method} ${endpoint.path} ${member}`];
                            assert.ok(read, `${where}: accepted (${res.status} ${res.text.slice(0, 300)})`);
                            assert.equal(read((await s().me(await token())).json), value, `${where}: not stored verbatim`);
                            continue;
                        }
                        assert.ok(refusals(endpoint, member).includes(res.json?.code), `${where}: ${res.status} ${res.text}`);
                        if (res.json.code === 'invalid_request') assert.equal(res.json.field, member, `${where}: ${res.text}`);
                    }
                }
            }
        });

        test('injection strings as device names are refused or listed verbatim', async () => {
            for (const member of ['name', 'platform']) {
                for (const value of INJECTIONS) {
                    const phone = s().newPhone();
                    await s().requestCode(phone);
                    const device = { name: 'Laptop', platform: 'linux', [member]: value };
                    const res = await s().verify(phone, await s().codeFor(phone), { device });
                    const where = `device.${member}=${JSON.stringify(value).slice(0, 40)}`;
                    if (res.status === 200) {
                        const listed = await s().get('/v1/sessions', { token: res.json.access_token });
                        assert.deepEqual(listed.json.sessions[0].device, device, `${where}: not stored verbatim`);
                    } else {
                        expectProblem(res, 'invalid_request', { field: `device.${member}` });
                    }
                }
            }
        });

        test('injection strings in the path and the query are 4xx', async () => {
            for (const value of INJECTIONS) {
                // Not checked per operation: openapi lists no 400 for this one, a NUL in a path is one.
                const path = `/v1/sessions/${encodeURIComponent(value)}`;
                const res = await s().api('DELETE', path, { token: await token(), contract: false });
                checked(res, `DELETE ${path}`);
                assert.ok(res.status === 404 || res.status === 400, `session id ${JSON.stringify(value).slice(0, 40)}: ${res.status} ${res.text}`);
                if (mode === 'mock') {
                    const outbox = await s().get(`/mock/outbox?phone=${encodeURIComponent(value)}`);
                    assert.equal(outbox.status, 400, `outbox ${JSON.stringify(value).slice(0, 40)}: ${outbox.text}`);
                }
            }
        });

        test('X-Request-Id is echoed only when harmless; CR, LF and NUL never reach the answer', async () => {
            const echo = async (value) => (await s().get('/healthz', { headers: { 'x-request-id': value }, contract: false })).headers.get('x-request-id');
            assert.equal(await echo('req-123.abc:7'), 'req-123.abc:7');
            for (const value of ['<script>', "'; DROP TABLE users;--", '../../etc/passwd', 'x'.repeat(129), '%0d%0aX-Injected:%20yes']) {
                assert.match(await echo(value), /^[0-9a-f]{32}$/, `X-Request-Id ${value.slice(0, 40)} was echoed`);
            }
            for (const header of ['X-Request-Id: abc\rX-Injected: yes', 'X-Request-Id: abc\u0000X-Injected: yes',
                'X-Request-Id: abc\r\n X-Injected: yes', 'X-Request-Id: abc\nX-Injected: yes']) {
                const { responses } = await rawExchange(s().port, [rawRequest('GET', '/healthz', { headers: [header] })]);
                const [res] = responses;
                assert.ok(res, `${JSON.stringify(header)}: no answer`);
                assert.ok(!res.rawHeaders.some((h) => /^x-injected/i.test(h)), `${JSON.stringify(header)}: injected header answered`);
                const id = res.headers.get('x-request-id');
                if (id !== null) assert.match(id, /^[A-Za-z0-9._:-]{1,128}$/, `${JSON.stringify(header)}: X-Request-Id ${id}`);
                if (res.status >= 400) checked(res, JSON.stringify(header));
            }
        });

        test('deeply nested JSON is refused without harm', async () => {
            const depth = 7000;
            for (const body of ['['.repeat(depth) + ']'.repeat(depth), '{"a":'.repeat(2500) + '1' + '}'.repeat(2500)]) {
                const res = await s().api('POST', '/v1/otp', { body, headers: { 'content-type': 'application/json' } });
                expectProblem(res, 'invalid_request');
            }
        });

        test('pipelined keep-alive requests are answered in order', async () => {
            const requests = ['/healthz', '/nope', '/.well-known/jwks.json'].map((path) => rawRequest('GET', path));
            const { responses } = await rawExchange(s().port, [Buffer.concat(requests)], { responses: 3 });
            assert.deepEqual(responses.map((r) => r.status), [200, 404, 200]);
        });

        test('after all of it the server is healthy and a login works', async () => {
            // contract: false, as the body of /healthz is the ops suite's business.
            assert.equal((await s().get('/healthz', { contract: false })).status, 200);
            const session = await s().login();
            assert.equal((await s().me(session.access_token)).status, 200);
        });
    });

    test('a client sending one byte a second is cut off at the read timeout with 408', async () => {
        await withServer(mode, { flags: ['--read-timeout', '2'] }, async (s) => {
            const request = rawRequest('POST', '/v1/otp', { headers: ['Content-Type: application/json'], body: '{"phone":"+77010000000"}' });
            const { responses, sent } = await trickle(s.port, request, 1000);
            const [res] = responses;
            assert.ok(res, `closed without an answer after ${sent} bytes`);
            checked(res, 'slow client');
            expectProblem(res, 'request_timeout');
            // The timeout covers the whole request, not the gap between two bytes.
            assert.ok(sent <= 5, `the server waited for ${sent} bytes at one a second`);
            assert.equal((await s.get('/healthz', { contract: false })).status, 200);
        });
    });

    test('a connection that never sends a request is closed', async () => {
        await withServer(mode, { flags: ['--read-timeout', '1'] }, async (s) => {
            const { closed, bytes } = await rawExchange(s.port, [], { responses: 1 });
            assert.ok(closed);
            const responses = parseResponses(bytes);
            if (responses.length > 0) expectProblem(checked(responses[0], 'idle'), 'request_timeout');
        });
    });

    test('one connection over the cap is answered 503 and closed; the cap frees up', async () => {
        await withServer(mode, { flags: ['--max-connections', '3'] }, async (s) => {
            const held = [];
            let refused;
            // fetch may hold a keep-alive connection of its own: open until one is refused.
            for (let i = 0; i < 5 && !refused; ++i) {
                const socket = net.connect(s.port, '127.0.0.1');
                held.push(socket);
                const answer = await askOn(socket, rawRequest('GET', '/healthz'));
                if (answer.status === 503) refused = answer;
                else assert.equal(answer.status, 200);
            }
            assert.ok(refused, 'five connections were all served with a cap of 3');
            assert.ok(held.length <= 4, `refused only connection ${held.length}`);
            checked(refused, 'over the cap');
            expectProblem(refused, 'service_unavailable');
            for (const socket of held) socket.destroy();
            // Waiting on an event (the server noticing the closes), polled: setup, not timing.
            let status = 0;
            for (let attempt = 0; attempt < 100 && status !== 200; ++attempt) {
                status = (await rawExchange(s.port, [rawRequest('GET', '/healthz')])).responses[0]?.status;
                if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
            }
            assert.equal(status, 200);
        });
    });
});

// Writes `request` one byte every `intervalMs` until the server closes the
// connection; {responses, sent}.
function trickle(port, request, intervalMs) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let received = Buffer.alloc(0);
        let sent = 0;
        const timer = setInterval(() => {
            if (sent < request.length) socket.write(request.subarray(sent, ++sent));
        }, intervalMs);
        const guard = setTimeout(() => {
            clearInterval(timer);
            socket.destroy();
            reject(new Error(`still open after 30 s and ${sent} bytes`));
        }, 30_000);
        socket.on('connect', () => socket.write(request.subarray(sent, ++sent)));
        socket.on('data', (data) => { received = Buffer.concat([received, data]); });
        socket.on('error', () => {});
        socket.on('close', () => {
            clearInterval(timer);
            clearTimeout(guard);
            resolve({ responses: parseResponses(received), sent });
        });
    });
}
