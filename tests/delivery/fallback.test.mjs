// The channel policy falling through real upstreams (fakes), in mock and full
// mode: the bot down → the Gateway; the Gateway refuses a number → Twilio; Twilio down too → MSG91;
// everything down → 503 delivery_unavailable with no code stored and the
// per-phone rate-limit slot given back; --delivery-order and --delivery-regions.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { expectProblem, forEachMode, freshPhone, serverFixture } from '../api/harness.mjs';
import { codeIn, deliveryOf, freePort, startUpstreams, upstreamFlags } from './sms-fixtures.mjs';
import { linkUser, newUser, withBot } from './telegram-support.mjs';

// One code per phone per window, as the test asks: only a returned
// slot lets the same phone ask again.
const ONE_PER_PHONE = ['--per-phone-per-hour', '1', '--per-ip-per-hour', '1000000', '--resend-cooldown', '0'];

forEachMode((mode) => {
    describe('fallback across upstreams', () => {
        let upstreams;
        before(async () => {
            upstreams = await startUpstreams(['gateway', 'twilio', 'msg91']);
        });
        after(() => upstreams.stop());
        const server = serverFixture(mode, async () => ({
            flags: [...ONE_PER_PHONE, ...upstreamFlags(upstreams, await freePort())],
        }));
        beforeEach(() => upstreams.reset());
        const { gateway, twilio, msg91 } = new Proxy({}, { get: (_, name) => () => upstreams[name] });

        async function verifies(phone, code) {
            server().secrets.addCode(code);
            const res = await server().verify(phone, code);
            assert.equal(res.status, 200, res.text);
        }

        test('the Gateway goes first when it can reach the number', async () => {
            const phone = freshPhone();
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'telegram');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.channel, 'telegram_gateway');
            assert.equal(twilio().messagesTo().length, 0);
            await verifies(phone, gateway().messagesTo(phone)[0].code);
        });

        test('the Gateway refuses the number → Twilio sends it by SMS', async () => {
            const phone = freshPhone();
            gateway().setReachable(phone, false);
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'sms');
            assert.equal(gateway().calls('sendVerificationMessage').length, 0);
            const [sms] = twilio().messagesTo(phone);
            assert.ok(sms, 'Twilio got the code');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.channel, 'twilio');
            await verifies(phone, codeIn(sms.body));
        });

        test('the Gateway refuses and Twilio is down → MSG91 sends it', async () => {
            const phone = freshPhone();
            gateway().setReachable(phone, false);
            twilio().faults.add({ kind: 'down' });
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'sms');
            assert.equal(twilio().messagesTo().length, 0);
            const [otp] = msg91().messagesTo(phone.slice(1));
            assert.ok(otp, 'MSG91 got the code');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.channel, 'msg91');
            await verifies(phone, otp.otp);
        });

        test('everything down → 503, no code stored, the rate-limit slot given back', async () => {
            const phone = freshPhone();
            gateway().faults.add({ kind: 'fail', status: 500 });
            twilio().faults.add({ kind: 'down' });
            msg91().faults.add({ kind: 'fail', status: 503 });
            const refused = await server().post('/v1/otp', { phone });
            expectProblem(refused, 'delivery_unavailable');
            for (const code of ['000000', '123456']) {
                expectProblem(await server().verify(phone, code), 'no_pending_code');
            }
            assert.equal(twilio().messagesTo(phone).length, 0);

            gateway().faults.clear();
            twilio().faults.clear();
            msg91().faults.clear();
            // The limit is one code per phone: this succeeds only if the failed request gave its slot back.
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'telegram');
            await verifies(phone, gateway().messagesTo(phone)[0].code);
            // And the limit itself still holds.
            expectProblem(await server().post('/v1/otp', { phone }), 'rate_limited');
        });
    });

    describe('delivery order and regions', () => {
        let upstreams;
        before(async () => {
            upstreams = await startUpstreams(['gateway', 'twilio', 'msg91']);
        });
        after(() => upstreams.stop());
        const server = serverFixture(mode, async () => ({
            flags: [...ONE_PER_PHONE, ...upstreamFlags(upstreams, await freePort()),
                '--delivery-order', 'msg91,twilio,telegram_gateway', '--delivery-regions', 'msg91=IN'],
        }));
        beforeEach(() => upstreams.reset());

        test('a Kazakh number skips msg91 (India only) and goes to Twilio first', async () => {
            const phone = freshPhone();
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'sms');
            assert.equal(upstreams.msg91.messagesTo().length, 0);
            const [sms] = upstreams.twilio.messagesTo(phone);
            assert.ok(sms);
            server().secrets.addCode(codeIn(sms.body));
        });

        test('an Indian number goes to msg91 first', async () => {
            const phone = `+9198${String(Date.now() % 1e8).padStart(8, '0')}`;
            const answer = await server().requestCode(phone);
            assert.equal(answer.channel, 'sms');
            const [otp] = upstreams.msg91.messagesTo(phone.slice(1));
            assert.ok(otp, 'MSG91 got the code');
            server().secrets.addCode(otp.otp);
            assert.equal(upstreams.twilio.messagesTo().length, 0);
        });
    });

    describe('bot down', () => {
        // No per-chat interval: the link's own code went to this chat moments
        // before, and a paced (queued) code never falls through.
        test('a linked phone whose bot cannot be reached gets its code from the Gateway', async () => {
            const upstreams = await startUpstreams(['gateway']);
            try {
                const flags = [...upstreamFlags(upstreams, await freePort()), '--telegram-chat-interval', '0'];
                await withBot(mode, { polling: true, extra: flags }, async ({ fake, server }) => {
                    const user = newUser(fake);
                    server.secrets.addCode((await linkUser(fake, server, user)).code);
                    fake.faults.add({ kind: 'down', path: 'sendMessage' });
                    const answer = await server.requestCode(user.phone);
                    assert.equal(answer.channel, 'telegram');
                    assert.equal((await deliveryOf(server, answer.request_id)).json.channel, 'telegram_gateway');
                    const code = upstreams.gateway.messagesTo(user.phone)[0]?.code;
                    assert.ok(code, 'the Gateway showed the code');
                    server.secrets.addCode(code);
                    const res = await server.verify(user.phone, code);
                    assert.equal(res.status, 200, res.text);
                });
            } finally {
                await upstreams.stop();
            }
        });
    });
});
