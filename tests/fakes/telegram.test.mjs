// The fake Bot API against https://core.telegram.org/bots/api: envelopes,
// the objects of the documented examples, getUpdates and webhook delivery,
// the simulated user's linking steps, deletion, and flood control.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, control } from './lib/client.mjs';
import { startReceiver } from './lib/receiver.mjs';
import { startTelegramFake } from './telegram.mjs';

async function fakeFor(t, options) {
    const tg = await startTelegramFake(options);
    t.after(() => tg.stop());
    return tg;
}

// A user who has started the bot, so the bot may write to them.
function startedUser(tg, fields = {}) {
    const user = tg.addUser({ first_name: 'Ann', phone: '+15551234567', ...fields });
    tg.userStarts(user.id, 'nonce');
    return user;
}

const contactKeyboard = { keyboard: [[{ text: 'Share my phone number', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };

test('getMe answers the envelope {"ok":true,"result":User} for the bot', async (t) => {
    const tg = await fakeFor(t, { token: '42:secret-token', botUsername: 'my_bot' });
    const { status, json } = await call(`${tg.apiUrl}/getMe`, { method: 'GET' });
    assert.equal(status, 200);
    assert.equal(json.ok, true);
    assert.deepEqual(
        { id: json.result.id, is_bot: json.result.is_bot, username: json.result.username },
        { id: 42, is_bot: true, username: 'my_bot' },
    );
    assert.equal(typeof json.result.first_name, 'string');
});

test('a wrong token is 401 Unauthorized, an unknown method 404, method names ignore case', async (t) => {
    const tg = await fakeFor(t);
    const wrong = await call(`${tg.url}/bot1:nope/getMe`, { method: 'GET' });
    assert.deepEqual({ status: wrong.status, json: wrong.json }, { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const unknown = await call(`${tg.apiUrl}/sendTelepathy`, { json: {} });
    assert.deepEqual(unknown.json, { ok: false, error_code: 404, description: 'Not Found' });
    assert.equal((await call(`${tg.apiUrl}/GETME`, { method: 'GET' })).json.ok, true);
    const outside = await call(`${tg.url}/getMe`, { method: 'GET' });
    assert.equal(outside.status, 404);
});

test('sendMessage with a one-button request_contact keyboard and protect_content returns the sent Message', async (t) => {
    const tg = await fakeFor(t);
    const user = startedUser(tg);
    // Form-encoded, reply_markup JSON-serialized as the docs require there.
    const { status, json } = await call(`${tg.apiUrl}/sendMessage`, {
        form: { chat_id: String(user.id), text: 'Share your number to link this chat', protect_content: 'true', reply_markup: JSON.stringify(contactKeyboard) },
    });
    assert.equal(status, 200);
    const message = json.result;
    assert.equal(message.chat.id, user.id);
    assert.equal(message.chat.type, 'private');
    assert.equal(message.from.is_bot, true);
    assert.equal(message.text, 'Share your number to link this chat');
    assert.equal(message.has_protected_content, true);
    assert.ok(Number.isInteger(message.message_id) && message.message_id > 0);
    assert.ok(Number.isInteger(message.date));
    // Message.reply_markup only ever holds an inline keyboard: a reply keyboard is not echoed.
    assert.equal(message.reply_markup, undefined);
    const sent = tg.chatMessages(user.id).at(-1);
    assert.deepEqual(sent.reply_markup, contactKeyboard);
    assert.equal(sent.protect_content, true);
    assert.equal(sent.direction, 'bot');
});

test('sendMessage takes a JSON body too and leaves has_protected_content out when not asked', async (t) => {
    const tg = await fakeFor(t);
    const user = startedUser(tg);
    const { json } = await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'Код: 123456 ✅' } });
    assert.equal(json.ok, true);
    assert.equal(json.result.text, 'Код: 123456 ✅');
    assert.equal('has_protected_content' in json.result, false);
});

test('sendMessage refuses hostile or impossible requests with the Bot API descriptions', async (t) => {
    const tg = await fakeFor(t, { limits: { perBot: 1000, perChat: 1000 } });
    const user = startedUser(tg);
    const blocked = startedUser(tg, { first_name: 'Bob' });
    tg.blockBot(blocked.id);
    const stranger = tg.addUser({ first_name: 'Eve' });
    const cases = [
        [{ text: 'x' }, 400, 'Bad Request: chat_id is empty'],
        [{ chat_id: '', text: 'x' }, 400, 'Bad Request: chat_id is empty'],
        [{ chat_id: '@somebody', text: 'x' }, 400, 'Bad Request: chat not found'],
        [{ chat_id: user.id }, 400, 'Bad Request: message text is empty'],
        [{ chat_id: user.id, text: ' \n ' }, 400, 'Bad Request: message text is empty'],
        [{ chat_id: user.id, text: 'é'.repeat(4097) }, 400, 'Bad Request: message is too long'],
        [{ chat_id: user.id, text: 'x', reply_markup: '{"keyboard": [' }, 400, "Bad Request: can't parse reply keyboard markup JSON object"],
        [{ chat_id: user.id, text: 'x', reply_markup: { keyboard: 'not rows' } }, 400, "Bad Request: can't parse reply keyboard markup JSON object"],
        [{ chat_id: stranger.id, text: 'x' }, 400, 'Bad Request: chat not found'],
        [{ chat_id: 999, text: 'x' }, 400, 'Bad Request: chat not found'],
        [{ chat_id: blocked.id, text: 'x' }, 403, 'Forbidden: bot was blocked by the user'],
    ];
    for (const [params, code, description] of cases) {
        const { status, json } = await call(`${tg.apiUrl}/sendMessage`, { json: params });
        assert.deepEqual({ status, json }, { status: code, json: { ok: false, error_code: code, description } }, JSON.stringify(params));
    }
    const invalidJson = await call(`${tg.apiUrl}/sendMessage`, { body: '{', headers: { 'content-type': 'application/json' } });
    assert.equal(invalidJson.status, 400);
    assert.equal(invalidJson.json.ok, false);
    assert.equal(tg.chatMessages(user.id).filter((m) => m.direction === 'bot').length, 0);
    assert.equal(tg.chatMessages(user.id).length, 1, 'only the /start');
    assert.equal((await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'é'.repeat(4096) } })).json.ok, true);
});

test('deleteMessage keeps the message in the chat flagged deleted and honours the 48-hour rule', async (t) => {
    const tg = await fakeFor(t, { limits: { perChat: 10 } });
    const user = startedUser(tg);
    const first = (await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'code 1' } })).json.result;
    const second = (await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'code 2' } })).json.result;
    const deleted = await call(`${tg.apiUrl}/deleteMessage`, { form: { chat_id: String(user.id), message_id: String(first.message_id) } });
    assert.deepEqual(deleted.json, { ok: true, result: true });
    const again = await call(`${tg.apiUrl}/deleteMessage`, { json: { chat_id: user.id, message_id: first.message_id } });
    assert.deepEqual(again.json, { ok: false, error_code: 400, description: 'Bad Request: message to delete not found' });
    const missing = await call(`${tg.apiUrl}/deleteMessage`, { json: { chat_id: user.id } });
    assert.equal(missing.json.description, 'Bad Request: message identifier is not specified');
    const history = (await control(tg, `/chats/${user.id}/messages`)).json.messages;
    const byText = Object.fromEntries(history.map((m) => [m.text, m]));
    assert.equal(byText['code 1'].deleted, true);
    assert.ok(Number.isInteger(byText['code 1'].deleted_at));
    assert.equal(byText['code 2'].deleted, false);
    await control(tg, '/clock', { advance_seconds: 48 * 3600 });
    const late = await call(`${tg.apiUrl}/deleteMessage`, { json: { chat_id: user.id, message_id: second.message_id } });
    assert.deepEqual(late.json, { ok: false, error_code: 400, description: "Bad Request: message can't be deleted for everyone" });
});

test('the simulated user: /start <nonce>, own contact, someone else\'s contact, forwarded contact', async (t) => {
    const tg = await fakeFor(t);
    const ann = tg.addUser({ first_name: 'Ann', last_name: 'Lee', phone: '+15551234567' });
    const bob = tg.addUser({ first_name: 'Bob', phone: '+15557654321' });
    const start = tg.userStarts(ann.id, 'n0nce-42').message;
    assert.equal(start.text, '/start n0nce-42');
    assert.deepEqual(start.entities, [{ offset: 0, length: 6, type: 'bot_command' }]);
    assert.deepEqual(start.from, { id: ann.id, is_bot: false, first_name: 'Ann', last_name: 'Lee' });
    assert.deepEqual(start.chat, { id: ann.id, type: 'private', first_name: 'Ann', last_name: 'Lee' });

    const own = tg.userSendsContact(ann.id).message;
    assert.deepEqual(own.contact, { phone_number: '+15551234567', first_name: 'Ann', last_name: 'Lee', user_id: ann.id });
    assert.equal(own.contact.user_id, own.from.id);
    assert.equal(own.forward_origin, undefined);

    const other = tg.userSendsContact(ann.id, { phone_number: '+15557654321', first_name: 'Bob', user_id: bob.id }).message;
    assert.notEqual(other.contact.user_id, other.from.id);

    const forwarded = tg.userSendsContact(ann.id, { forwarded_from: bob.id }).message;
    assert.equal(forwarded.forward_origin.type, 'user');
    assert.equal(forwarded.forward_origin.sender_user.id, bob.id);
    assert.ok(Number.isInteger(forwarded.forward_origin.date));

    const noTelegram = tg.userSendsContact(ann.id, { phone_number: '15550000000', user_id: null }).message;
    assert.equal('user_id' in noTelegram.contact, false);
    assert.equal(noTelegram.contact.phone_number, '15550000000');
    const ids = [start, own, other, forwarded, noTelegram].map((m) => m.message_id);
    assert.deepEqual(ids, [1, 2, 3, 4, 5]);
});

test('the same user steps work through the control API', async (t) => {
    const tg = await fakeFor(t);
    const ann = (await control(tg, '/users', { first_name: 'Ann', phone: '+447700900123' })).json;
    const bob = (await control(tg, '/users', { id: 5005, first_name: 'Bob' })).json;
    assert.equal(bob.id, 5005);
    const start = (await control(tg, `/users/${ann.id}/start`, { nonce: 'abc' })).json;
    assert.equal(start.message.text, '/start abc');
    const contact = (await control(tg, `/users/${ann.id}/contact`, { forwarded_from: bob.id })).json;
    assert.equal(contact.message.forward_origin.sender_user.id, 5005);
    const text = (await control(tg, `/users/${ann.id}/text`, { text: '/stop' })).json;
    assert.deepEqual(text.message.entities, [{ offset: 0, length: 5, type: 'bot_command' }]);
    assert.equal((await control(tg, '/users/999/start', { nonce: 'x' })).status, 404);
    assert.equal((await control(tg, `/users/${ann.id}/text`, { text: 42 })).status, 400);
    const raw = (await control(tg, '/updates', { update: { message: { message_id: 77, text: 'raw' } } })).json;
    assert.ok(Number.isInteger(raw.update_id));
    const updates = (await call(`${tg.apiUrl}/getUpdates`, { json: {} })).json.result;
    assert.equal(updates.length, 4);
    assert.deepEqual((await control(tg, '/bot')).json.token, tg.token);
});

test('getUpdates: offset confirms, limit caps, a negative offset keeps the tail', async (t) => {
    const tg = await fakeFor(t);
    const ann = tg.addUser({ phone: '+15551234567' });
    for (const text of ['a', 'b', 'c', 'd']) tg.userSendsText(ann.id, text);
    const all = (await call(`${tg.apiUrl}/getUpdates`, { json: {} })).json.result;
    assert.deepEqual(all.map((u) => u.message.text), ['a', 'b', 'c', 'd']);
    assert.deepEqual(all.map((u) => u.update_id - all[0].update_id), [0, 1, 2, 3], 'sequential ids');
    const again = (await call(`${tg.apiUrl}/getUpdates`, { method: 'GET' })).json.result;
    assert.equal(again.length, 4, 'nothing confirmed yet');
    const limited = (await call(`${tg.apiUrl}/getUpdates?offset=${all[1].update_id}&limit=2`, { method: 'GET' })).json.result;
    assert.deepEqual(limited.map((u) => u.message.text), ['b', 'c']);
    const tail = (await call(`${tg.apiUrl}/getUpdates`, { json: { offset: -1 } })).json.result;
    assert.deepEqual(tail.map((u) => u.message.text), ['d']);
    const done = (await call(`${tg.apiUrl}/getUpdates`, { json: { offset: all[3].update_id + 1 } })).json.result;
    assert.deepEqual(done, []);
    const clamped = await call(`${tg.apiUrl}/getUpdates`, { json: { limit: 0, offset: 'x' } });
    assert.equal(clamped.json.ok, true);
});

test('getUpdates long-polls until an update arrives; a newer poll ends the older with 409', async (t) => {
    const tg = await fakeFor(t);
    const ann = tg.addUser({ phone: '+15551234567' });
    const waiting = call(`${tg.apiUrl}/getUpdates`, { json: { timeout: 30 } });
    // Wait until the fake holds the poll, so the update is not simply queued before it.
    while (tg.calls('getUpdates').length === 0) await new Promise(setImmediate);
    tg.userStarts(ann.id, 'late');
    const woken = await waiting;
    assert.deepEqual(woken.json.result.map((u) => u.message.text), ['/start late']);

    const first = call(`${tg.apiUrl}/getUpdates`, { json: { offset: woken.json.result[0].update_id + 1, timeout: 30 } });
    while (tg.calls('getUpdates').length < 2) await new Promise(setImmediate);
    const second = call(`${tg.apiUrl}/getUpdates`, { json: { timeout: 0 } });
    const ended = await first;
    assert.equal(ended.status, 409);
    assert.deepEqual(ended.json, {
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    assert.deepEqual((await second).json, { ok: true, result: [] });
});

test('webhook: updates are POSTed with the secret token header, retried until 2xx, reported in getWebhookInfo', async (t) => {
    const tg = await fakeFor(t, { webhookRetryMs: 5 });
    const receiver = await startReceiver({ respond: (request, n) => (n === 1 ? 500 : 200) });
    t.after(() => receiver.close());
    const set = await call(`${tg.apiUrl}/setWebhook`, { json: { url: `${receiver.url}/v1/telegram/webhook`, secret_token: 'S3cret_token-1' } });
    assert.deepEqual(set.json, { ok: true, result: true, description: 'Webhook was set' });
    const conflict = await call(`${tg.apiUrl}/getUpdates`, { json: {} });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.description, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");

    const ann = tg.addUser({ phone: '+15551234567' });
    const update = tg.userStarts(ann.id, 'hook');
    const [failed, delivered] = await receiver.received(2);
    for (const request of [failed, delivered]) {
        assert.equal(request.method, 'POST');
        assert.equal(request.url, '/v1/telegram/webhook');
        assert.equal(request.headers['x-telegram-bot-api-secret-token'], 'S3cret_token-1');
        assert.equal(request.headers['content-type'], 'application/json');
        assert.deepEqual(JSON.parse(request.body), update);
    }
    const info = (await call(`${tg.apiUrl}/getWebhookInfo`, { method: 'GET' })).json.result;
    assert.equal(info.url, `${receiver.url}/v1/telegram/webhook`);
    assert.equal(info.has_custom_certificate, false);
    assert.equal(info.pending_update_count, 0);
    assert.equal(info.last_error_message, 'Wrong response from the webhook: 500 Internal Server Error');
    assert.ok(Number.isInteger(info.last_error_date));
    assert.equal(info.max_connections, 40);

    await control(tg, `/updates/${update.update_id}/redeliver`, {});
    const [, , duplicate] = await receiver.received(3);
    assert.equal(JSON.parse(duplicate.body).update_id, update.update_id);
});

test('setWebhook validates the secret token; deleteWebhook returns to getUpdates', async (t) => {
    const tg = await fakeFor(t);
    for (const secret of ['', 'has space', 'ü', 'x'.repeat(257)]) {
        const { json } = await call(`${tg.apiUrl}/setWebhook`, { json: { url: 'http://127.0.0.1:9/hook', secret_token: secret } });
        assert.deepEqual(json, { ok: false, error_code: 400, description: 'Bad Request: secret token contains unallowed characters' }, secret);
    }
    const badUrl = await call(`${tg.apiUrl}/setWebhook`, { json: { url: 'ftp://example' } });
    assert.equal(badUrl.json.error_code, 400);
    assert.equal((await call(`${tg.apiUrl}/getWebhookInfo`, { json: {} })).json.result.url, '');
    await call(`${tg.apiUrl}/setWebhook`, { form: { url: 'http://127.0.0.1:9/hook' } });
    const deleted = await call(`${tg.apiUrl}/deleteWebhook`, { json: { drop_pending_updates: true } });
    assert.deepEqual(deleted.json, { ok: true, result: true, description: 'Webhook was deleted' });
    assert.equal((await call(`${tg.apiUrl}/deleteWebhook`, { json: {} })).json.description, 'Webhook is already deleted');
    assert.deepEqual((await call(`${tg.apiUrl}/getUpdates`, { json: {} })).json, { ok: true, result: [] });
});

test('flood control: about 30 messages per second per bot, 1 per second per chat, 429 with retry_after', async (t) => {
    const tg = await fakeFor(t);
    const users = Array.from({ length: 31 }, (_, i) => startedUser(tg, { first_name: `U${i}` }));
    const answers = [];
    for (const user of users) answers.push(await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'code' } }));
    assert.equal(answers.slice(0, 30).filter((a) => a.json.ok).length, 30);
    const limited = answers[30];
    assert.equal(limited.status, 429);
    assert.equal(limited.json.ok, false);
    assert.equal(limited.json.error_code, 429);
    assert.ok(Number.isInteger(limited.json.parameters.retry_after) && limited.json.parameters.retry_after >= 1);
    assert.equal(limited.json.description, `Too Many Requests: retry after ${limited.json.parameters.retry_after}`);
    assert.equal(tg.chatMessages(users[30].id).filter((m) => m.direction === 'bot').length, 0, 'a refused message is not delivered');

    const sameChat = await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: users[0].id, text: 'second' } });
    assert.deepEqual(sameChat.json, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
});

test('flood control limits are configurable and count only accepted messages', async (t) => {
    const tg = await fakeFor(t);
    await control(tg, '/limits', { per_bot: 3, per_chat: 2, window_ms: 60000 });
    const ann = startedUser(tg);
    const bob = startedUser(tg, { first_name: 'Bob' });
    const send = (user) => call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: user.id, text: 'x' } });
    assert.equal((await send(ann)).status, 200);
    assert.equal((await send(ann)).status, 200);
    const third = await send(ann);
    assert.equal(third.status, 429);
    assert.ok(third.json.parameters.retry_after >= 59, 'retry_after is the rest of the window in whole seconds');
    for (const bad of [{ per_bot: 0 }, { per_chat: 'x' }, { window_ms: -1 }]) assert.equal((await control(tg, '/limits', bad)).status, 400);
    assert.equal((await send(bob)).status, 200, 'the refused one did not use the bot budget');
    assert.equal((await send(bob)).status, 429, 'per bot: 3 accepted');
});

test('faults answer in the Bot API envelope and end after their count', async (t) => {
    const tg = await fakeFor(t);
    await control(tg, '/faults', { kind: 'fail', status: 502, count: 1, path: '/getMe' });
    await control(tg, '/faults', { kind: 'rate_limit', retry_after: 7, count: 1, path: '/sendMessage' });
    await control(tg, '/faults', { kind: 'refuse', count: 1, path: '/deleteMessage' });
    const failed = await call(`${tg.apiUrl}/getMe`, { json: {} });
    assert.deepEqual({ status: failed.status, json: failed.json }, { status: 502, json: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    assert.equal((await call(`${tg.apiUrl}/getMe`, { json: {} })).status, 200, 'count 1 is used up');
    const limited = await call(`${tg.apiUrl}/sendMessage`, { json: { chat_id: 1, text: 'x' } });
    assert.deepEqual(limited.json, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    const refused = await call(`${tg.apiUrl}/deleteMessage`, { json: { chat_id: 1, message_id: 1 } });
    assert.deepEqual(refused.json, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    assert.equal(tg.calls('sendMessage').length, 1);
    assert.equal(tg.calls('sendMessage')[0].response.status, 429, 'recorded with the answer');
});
