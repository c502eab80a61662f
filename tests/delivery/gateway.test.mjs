// The telegram_gateway channel against the Gateway fake, in mock and full
// mode: our own code and ttl, checkSendAbility first, signed delivery reports
// (bad, stale, missing signatures refused), revocation of a used code, and a
// refused number failing the request when no other channel exists.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { RELAXED_LIMITS, expectProblem, forEachMode, freshPhone, serverFixture } from '../api/harness.mjs';
import { configure, deliveryOf, deliveryReaches, eventually, freePort, startUpstreams, upstreamFlags } from './sms-fixtures.mjs';

const CODE_TTL = 300;

forEachMode((mode) => {
    describe('telegram gateway', () => {
        let upstreams;
        before(async () => {
            upstreams = await startUpstreams(['gateway']);
        });
        after(() => upstreams.stop());
        const server = serverFixture(mode, async () => ({
            flags: [...RELAXED_LIMITS, '--code-ttl', String(CODE_TTL), ...upstreamFlags(upstreams, await freePort())],
        }));
        beforeEach(() => upstreams.reset());
        const gateway = () => upstreams.gateway;

        // Requests a code by the Gateway; {answer, code, send} with the sendVerificationMessage call.
        async function requestByGateway(phone, extra = {}) {
            const answer = await server().requestCode(phone, { channel: 'telegram', ...extra });
            assert.equal(answer.channel, 'telegram');
            const [message] = gateway().messagesTo(phone);
            assert.ok(message, 'the Gateway showed a code');
            server().secrets.addCode(message.code);
            const [send] = gateway().calls('sendVerificationMessage');
            return { answer, code: message.code, send };
        }

        test('sends our own code with the code lifetime as ttl, after a free checkSendAbility', async () => {
            const phone = freshPhone();
            const { answer, code, send } = await requestByGateway(phone);
            const [check] = gateway().calls('checkSendAbility');
            assert.equal(check.params.phone_number, phone);
            assert.equal(check.headers.authorization, `Bearer ${gateway().token}`);
            assert.equal(send.headers.authorization, `Bearer ${gateway().token}`);
            assert.equal(send.params.phone_number, phone);
            assert.equal(send.params.ttl, CODE_TTL);
            assert.equal(send.params.payload, answer.request_id);
            assert.equal(send.params.request_id, check.response.body.result.request_id, 'the check is spent on the send');
            assert.match(send.params.callback_url, /\/v1\/delivery\/telegram-gateway$/);
            assert.match(code, /^\d{6}$/);
            assert.equal(send.params.code, code);

            const verified = await server().verify(phone, code);
            assert.equal(verified.status, 200, verified.text);
        });

        test('signed reports move the status to delivered', async () => {
            const { answer, send } = await requestByGateway(freshPhone());
            const status = await deliveryReaches(server(), answer.request_id, 'delivered');
            assert.equal(status.channel, 'telegram_gateway');
            assert.equal(status.upstream_id, send.response.body.result.request_id);
        });

        test('reports with a bad, stale or missing signature are refused and change nothing', async () => {
            await configure(gateway(), { reports: [] });
            const { answer, send } = await requestByGateway(freshPhone());
            const upstreamId = send.response.body.result.request_id;
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'sent');

            const forged = await gateway().report(upstreamId, 'delivered', { badSignature: true });
            assert.ok(forged.attempts.length >= 1 && forged.attempts.every((a) => a.status === 403), JSON.stringify(forged.attempts));
            const stale = await gateway().report(upstreamId, 'delivered', { timestamp: Math.floor(Date.now() / 1000) - 3600 });
            assert.ok(stale.attempts.every((a) => a.status === 403), JSON.stringify(stale.attempts));
            const body = JSON.stringify({ request_id: upstreamId, delivery_status: { status: 'delivered' } });
            const unsigned = await server().post('/v1/delivery/telegram-gateway', undefined,
                { body, headers: { 'content-type': 'application/json' }, contract: false });
            expectProblem(unsigned, 'forbidden');
            const noBody = await server().post('/v1/delivery/telegram-gateway', undefined, {
                body: 'x'.repeat(10_000),
                headers: { 'x-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-request-signature': 'f'.repeat(64) },
                contract: false,
            });
            expectProblem(noBody, 'forbidden');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'sent');

            const genuine = await gateway().report(upstreamId, 'delivered');
            assert.equal(genuine.delivered, true);
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'delivered');
        });

        test('a used code is revoked at the Gateway', async () => {
            await configure(gateway(), { reports: [] });  // still "sent": a revocation removes it
            const phone = freshPhone();
            const { code, send } = await requestByGateway(phone);
            const verified = await server().verify(phone, code);
            assert.equal(verified.status, 200, verified.text);
            const revoked = await eventually(() => gateway().calls('revokeVerificationMessage')[0], 'revokeVerificationMessage');
            assert.equal(revoked.params.request_id, send.response.body.result.request_id);
            assert.equal(gateway().messagesTo(phone)[0].revoked, true);
        });

        test('a number the Gateway cannot reach fails the request when it is the only channel', async () => {
            const phone = freshPhone();
            gateway().setReachable(phone, false);
            const res = await server().post('/v1/otp', { phone, channel: 'telegram' });
            expectProblem(res, 'delivery_unavailable');
            assert.equal(gateway().calls('sendVerificationMessage').length, 0);
            assert.equal((await server().verify(phone, '123456')).json.code, 'no_pending_code');
        });

        test('a Gateway that is down or failing fails the request at once', async () => {
            for (const fault of [{ kind: 'down' }, { kind: 'fail', status: 502 }]) {
                gateway().faults.add(fault);
                const res = await server().post('/v1/otp', { phone: freshPhone(), channel: 'telegram' });
                expectProblem(res, 'delivery_unavailable');
                gateway().faults.clear();
            }
        });

        test('a client asking for sms is not served by the Gateway', async () => {
            const res = await server().post('/v1/otp', { phone: freshPhone(), channel: 'sms' });
            expectProblem(res, 'delivery_unavailable');
            assert.equal(gateway().calls('checkSendAbility').length, 0);
        });
    });
});
