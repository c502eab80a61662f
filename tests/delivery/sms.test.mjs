// The twilio and msg91 channels against their fakes, in mock and full mode:
// Twilio's form-encoded create with basic auth and StatusCallback, signed
// status callbacks (bad signatures refused), MSG91's SendOTP with our code.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { RELAXED_LIMITS, expectProblem, forEachMode, freshPhone, serverFixture } from '../api/harness.mjs';
import {
    MSG91_TEMPLATE, TWILIO_FROM, codeIn, configure, deliveryOf, deliveryReaches, freePort, startUpstreams, upstreamFlags,
} from './sms-fixtures.mjs';

forEachMode((mode) => {
    describe('twilio', () => {
        let upstreams;
        before(async () => {
            upstreams = await startUpstreams(['twilio']);
        });
        after(() => upstreams.stop());
        const server = serverFixture(mode, async () => ({
            flags: [...RELAXED_LIMITS, ...upstreamFlags(upstreams, await freePort())],
        }));
        beforeEach(() => upstreams.reset());
        const twilio = () => upstreams.twilio;

        async function requestBySms(phone, extra = {}) {
            const answer = await server().requestCode(phone, { channel: 'sms', ...extra });
            assert.equal(answer.channel, 'sms');
            const [message] = twilio().messagesTo(phone);
            assert.ok(message, 'Twilio created a message');
            const code = codeIn(message.body);
            server().secrets.addCode(code);
            return { answer, message, code };
        }

        test('sends the code text from our number with a status callback, then reports delivered', async () => {
            const phone = freshPhone();
            const { answer, message, code } = await requestBySms(phone, { locale: 'ru' });
            assert.equal(message.from, TWILIO_FROM);
            assert.match(message.body, /^Ваш код Sesame: \d{6}\./);
            assert.match(message.status_callback, /\/v1\/delivery\/twilio\/status$/);
            const [create] = twilio().requestsTo('/Messages.json');
            assert.equal(create.contentType, 'application/x-www-form-urlencoded');
            assert.match(create.headers.authorization, /^Basic /);
            const status = await deliveryReaches(server(), answer.request_id, 'delivered');
            assert.equal(status.channel, 'twilio');
            assert.equal(status.upstream_id, message.sid);
            const verified = await server().verify(phone, code);
            assert.equal(verified.status, 200, verified.text);
        });

        test('status callbacks with a bad or missing signature are refused and change nothing', async () => {
            await configure(twilio(), { statuses: [] });
            const { answer, message } = await requestBySms(freshPhone());
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'sent');

            const forged = await twilio().sendStatus(message.sid, 'delivered', { badSignature: true });
            assert.deepEqual(forged.attempts.map((a) => a.status), [403]);
            const unsigned = await server().post('/v1/delivery/twilio/status', undefined, {
                body: `MessageSid=${message.sid}&MessageStatus=delivered`,
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
                contract: false,
            });
            expectProblem(unsigned, 'forbidden');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'sent');

            const failed = await twilio().sendStatus(message.sid, 'undelivered', { errorCode: 30005 });
            assert.deepEqual(failed.attempts.map((a) => a.status), [204]);
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'failed');
        });

        test('a number Twilio refuses (unsubscribed, 21610) fails the request when it is the only channel', async () => {
            const phone = freshPhone();
            twilio().setNumber(phone, { refuse_code: 21610 });
            expectProblem(await server().post('/v1/otp', { phone }), 'delivery_unavailable');
            assert.equal((await server().verify(phone, '123456')).json.code, 'no_pending_code');
        });

        test('a client asking for telegram is not served by SMS', async () => {
            expectProblem(await server().post('/v1/otp', { phone: freshPhone(), channel: 'telegram' }),
                'delivery_unavailable');
            assert.equal(twilio().messagesTo().length, 0);
        });
    });

    describe('msg91', () => {
        let upstreams;
        before(async () => {
            upstreams = await startUpstreams(['msg91']);
        });
        after(() => upstreams.stop());
        const server = serverFixture(mode, async () => ({
            flags: [...RELAXED_LIMITS, '--code-ttl', '120', ...upstreamFlags(upstreams, await freePort())],
        }));
        beforeEach(() => upstreams.reset());

        test('sends our own code with the template, the mobile without +, the expiry in minutes', async () => {
            const phone = freshPhone();
            const answer = await server().requestCode(phone, { channel: 'sms' });
            assert.equal(answer.channel, 'sms');
            const [sms] = upstreams.msg91.messagesTo(phone.slice(1));
            assert.ok(sms, 'MSG91 sent an OTP');
            assert.equal(sms.kind, 'otp');
            assert.equal(sms.template_id, MSG91_TEMPLATE);
            server().secrets.addCode(sms.otp);
            const [call] = upstreams.msg91.requestsTo('/api/v5/otp');
            assert.equal(call.headers.authkey, upstreams.msg91.authkey);
            assert.equal(call.params.otp_expiry, '2');
            assert.equal((await deliveryOf(server(), answer.request_id)).json.status, 'sent');
            const verified = await server().verify(phone, sms.otp);
            assert.equal(verified.status, 200, verified.text);
        });

        test('type:error fails the request when it is the only channel', async () => {
            upstreams.msg91.faults.add({ kind: 'refuse' });
            expectProblem(await server().post('/v1/otp', { phone: freshPhone() }), 'delivery_unavailable');
        });
    });
});
