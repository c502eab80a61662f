// The Telegram bot end to end against the fake Bot API: linking by deep link
// and shared contact, codes with protect_content, deletion once the code is
// used, refusals, /stop, the webhook's secret and dedupe, and polling mode.
// Runs in mock mode (memory stores) and full mode (PostgreSQL links, Redis
// queue and update log).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachMode, freshPhone } from '../api/harness.mjs';
import {
    botMessages, codeIn, codeMessages, linkUser, newUser, nonceOf, postUpdate, waitFor, withBot, WEBHOOK_SECRET,
} from './telegram-support.mjs';

forEachMode((mode) => {
    test('the whole journey: link, code in the chat, verify, the code message deleted', async () => {
        await withBot(mode, {}, async ({ fake, server }) => {
            const user = newUser(fake);
            const { message, code } = await linkUser(fake, server, user);
            assert.equal(message.protect_content, true);
            assert.deepEqual(message.reply_markup, { remove_keyboard: true });
            const keyboard = botMessages(fake, user.id).find((m) => m.reply_markup?.keyboard).reply_markup;
            assert.equal(keyboard.keyboard.length, 1);
            assert.equal(keyboard.keyboard[0].length, 1);
            assert.equal(keyboard.keyboard[0][0].request_contact, true);
            assert.equal(keyboard.one_time_keyboard, true);

            const res = await server.verify(user.phone, code);
            assert.equal(res.status, 200, res.text);
            await waitFor('the code message deleted', () =>
                fake.chatMessages(user.id).find((m) => m.message_id === message.message_id)?.deleted);
            const deletes = fake.calls('deleteMessage').filter((r) => r.response.status === 200);
            assert.equal(deletes.length, 1);
        });
    });

    test('a linked phone gets its codes directly; /stop unlinks', async () => {
        await withBot(mode, {}, async ({ fake, server }) => {
            const user = newUser(fake);
            const first = await linkUser(fake, server, user);
            const again = await server.requestCode(user.phone);
            assert.equal(again.channel, 'telegram');
            assert.equal(again.link_url, undefined);
            const second = await waitFor('the second code', () => codeMessages(fake, user.id)[1]);
            assert.notEqual(codeIn(second), undefined);
            // The replaced code's message goes.
            await waitFor('the first code deleted', () =>
                fake.chatMessages(user.id).find((m) => m.message_id === first.message.message_id)?.deleted);
            const verified = await server.verify(user.phone, codeIn(second));
            assert.equal(verified.status, 200, verified.text);

            fake.userSendsText(user.id, '/stop');
            await waitFor('the /stop answer', () => botMessages(fake, user.id).some((m) => /no longer/.test(m.text)));
            nonceOf(await server.requestCode(user.phone));
        });
    });

    test("someone else's contact, a forwarded contact and another phone link nothing", async () => {
        await withBot(mode, {}, async ({ fake, server }) => {
            const user = newUser(fake);
            const other = newUser(fake);
            const nonce = nonceOf(await server.requestCode(user.phone));
            fake.userStarts(user.id, nonce);
            await waitFor('the keyboard', () => botMessages(fake, user.id).some((m) => m.reply_markup?.keyboard));
            const attempts = [
                { user_id: other.id, phone_number: user.phone.slice(1) },  // someone else's card with this phone
                { user_id: null },                                         // a card with no Telegram user
                { forwarded_from: other.id },                              // own card, forwarded
                { phone_number: freshPhone().slice(1) },                   // own card, another phone
            ];
            for (const [index, contact] of attempts.entries()) {
                fake.userSendsContact(user.id, contact);
                await waitFor(`refusal ${index + 1}`, () => botMessages(fake, user.id).length >= 2 + index);
            }
            assert.equal(codeMessages(fake, user.id).length, 0, 'no code was sent');
            nonceOf(await server.requestCode(user.phone));  // still not linked
            assert.equal(codeMessages(fake, user.id).length, 0);
        });
    });

    test('a nonce works only in the chat that opened it, and not after its code is replaced', async () => {
        await withBot(mode, {}, async ({ fake, server }) => {
            const user = newUser(fake);
            const stranger = newUser(fake);
            const nonce = nonceOf(await server.requestCode(user.phone));
            // The stranger shares the user's phone as their own card without having opened the link.
            fake.userSendsContact(stranger.id, { phone_number: user.phone.slice(1) });
            await waitFor('the answer to the stranger', () => botMessages(fake, stranger.id).length === 1);
            const replaced = nonceOf(await server.requestCode(user.phone));
            assert.notEqual(replaced, nonce);
            fake.userStarts(user.id, nonce);
            await waitFor('the expired answer', () => botMessages(fake, user.id).some((m) => /expired/.test(m.text)));
            fake.userStarts(user.id, 'not a nonce \u0000 \u00e9');
            await waitFor('the second expired answer', () => botMessages(fake, user.id).length === 2);
            assert.equal(codeMessages(fake, user.id).length + codeMessages(fake, stranger.id).length, 0);
        });
    });

    test('the webhook wants its secret and handles an update once', async () => {
        await withBot(mode, {}, async ({ fake, server }) => {
            const user = newUser(fake);
            const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: user.id, type: 'private' }, from: { id: user.id, is_bot: false, first_name: 'A' }, text: '/start' } };
            const missing = await postUpdate(server, update, null);
            assert.equal(missing.status, 401);
            assert.equal(missing.json.code, 'invalid_token');
            const wrong = await postUpdate(server, update, `${WEBHOOK_SECRET}x`);
            assert.equal(wrong.status, 403);
            assert.equal(wrong.json.code, 'forbidden');
            assert.equal((await postUpdate(server, update, '')).status, 403);
            assert.equal(botMessages(fake, user.id).length, 0);

            for (const body of [[], 'text', 7]) {
                assert.equal((await postUpdate(server, body)).status, 400, JSON.stringify(body));
            }
            for (const body of [{}, { update_id: 'x' }, { update_id: 1e300 }, { update_id: 4, message: 'x' }, { update_id: 2, edited_message: {} },
                { update_id: 3, message: { chat: { id: -100, type: 'group' }, from: { id: 5 }, text: '/stop' } }]) {
                const res = await postUpdate(server, body);
                assert.equal(res.status, 200, `${JSON.stringify(body)}: ${res.text}`);
            }
            const malformed = await fetch(`${server.base}/v1/telegram/webhook`, { method: 'POST',
                headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, body: '{"update_id":' });
            assert.equal(malformed.status, 400);

            // The same update, delivered twice by Telegram, is answered once.
            const nonce = nonceOf(await server.requestCode(user.phone));
            const start = fake.userStarts(user.id, nonce);
            await waitFor('the keyboard', () => botMessages(fake, user.id).length === 1);
            fake.redeliver(start.update_id);
            await waitFor('the redelivery', () => fake.callbacks.filter((c) => c.body.includes(`"update_id":${start.update_id},`) && c.delivered).length === 2);
            fake.userSendsText(user.id, '/stop');
            await waitFor('the /stop answer', () => botMessages(fake, user.id).length >= 2);
            assert.equal(botMessages(fake, user.id).filter((m) => m.reply_markup?.keyboard).length, 1);
        });
    });

    test('polling mode passes the journey', async () => {
        await withBot(mode, { polling: true }, async ({ fake, server }) => {
            const user = newUser(fake);
            const { message, code } = await linkUser(fake, server, user);
            const res = await server.verify(user.phone, code);
            assert.equal(res.status, 200, res.text);
            await waitFor('the code message deleted', () =>
                fake.chatMessages(user.id).find((m) => m.message_id === message.message_id)?.deleted);
            assert.ok(fake.calls('getUpdates').length > 0);
            assert.equal(fake.calls('setWebhook').length, 0);
        });
    });
});
