// The golden request examples of tests/contract/examples sent to the real
// server: every invalid one is 400 invalid_request naming index.json's field,
// every valid one is read (any documented answer but invalid_request).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { examplesDir, readJson } from '../openapi/support.mjs';
import { RELAXED_LIMITS, forEachMode, serverFixture } from './harness.mjs';

// Request type -> the endpoint that takes it.
const ENDPOINT = {
    OtpRequest: { method: 'POST', path: '/v1/otp' },
    VerifyRequest: { method: 'POST', path: '/v1/otp/verify' },
    RefreshRequest: { method: 'POST', path: '/v1/token/refresh' },
    LogoutRequest: { method: 'POST', path: '/v1/logout', auth: true },
    ProfilePatch: { method: 'PATCH', path: '/v1/me', auth: true },
};

const examples = readJson(join(examplesDir, 'index.json')).filter((e) => ENDPOINT[e.type]);

forEachMode((mode) => {
    describe('golden request examples', () => {
        const server = serverFixture(mode, { flags: [...RELAXED_LIMITS, '--resend-cooldown', '0'] });
        const send = async (example) => {
            const { method, path, auth } = ENDPOINT[example.type];
            const token = auth ? (await server().login()).access_token : undefined;
            return server().api(method, path, { json: readJson(join(examplesDir, example.file)), token });
        };

        test('there are examples of every request type, valid and invalid', () => {
            for (const type of Object.keys(ENDPOINT)) {
                assert.ok(examples.some((e) => e.type === type && e.valid), `no valid ${type}`);
            }
            assert.ok(examples.filter((e) => !e.valid).length >= 20);
        });

        test('each invalid example is 400 invalid_request naming its field', async () => {
            const wrong = [];
            for (const example of examples.filter((e) => !e.valid)) {
                const res = await send(example);
                if (res.json?.code !== 'invalid_request' || (res.json.field ?? '') !== example.field) {
                    wrong.push(`${example.file} (field "${example.field}"): ${res.status} ${res.text}`);
                }
            }
            assert.deepEqual(wrong, []);
        });

        test('each valid example is read', async () => {
            const wrong = [];
            for (const example of examples.filter((e) => e.valid)) {
                const res = await send(example);
                if (res.json?.code === 'invalid_request' || res.status >= 500) wrong.push(`${example.file}: ${res.status} ${res.text}`);
            }
            assert.deepEqual(wrong, []);
        });
    });
});
