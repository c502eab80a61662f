// The Telegram bot under load and across a crash: 300 codes for 300 linked
// chats against the fake's 30 messages/s limit (and extra 429s) are all
// delivered exactly once; a server killed with deliveries queued and
// deletions pending does all of them after its restart. Full mode when the
// services fixture is up (the durable Redis queue), mock mode otherwise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modes } from '../api/harness.mjs';
import { codeIn, codeMessages, newUser, nonceOf, botMessages, waitFor, withBot } from './telegram-support.mjs';

const mode = modes.at(-1);
const CHATS = 300;

// Runs `task` over `items`, `width` at a time.
async function inBatches(items, width, task) {
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

// Links `users` all at once: every request, every /start, every contact; waits for each link's code.
async function linkAll(fake, server, users) {
    await inBatches(users, 25, async (user) => {
        user.nonce = nonceOf(await server.requestCode(user.phone));
    });
    for (const user of users) fake.userStarts(user.id, user.nonce);
    await waitFor('every keyboard', () => users.every((u) => botMessages(fake, u.id).some((m) => m.reply_markup?.keyboard)), 120_000);
    for (const user of users) fake.userSendsContact(user.id);
    await waitFor('every link code', () => users.every((u) => codeMessages(fake, u.id).length === 1), 120_000);
}

test(`${mode} mode: 300 codes for 300 linked chats at 30/s with 429s: each delivered once`, async () => {
    await withBot(mode, {}, async ({ fake, server }) => {
        const users = Array.from({ length: CHATS }, () => newUser(fake));
        await linkAll(fake, server, users);
        const sendsBefore = fake.calls('sendMessage').length;
        fake.faults.add({ kind: 'rate_limit', retry_after: 1, count: 3, path: 'sendMessage' });
        await inBatches(users, 25, async (user) => {
            const answer = await server.requestCode(user.phone);
            assert.equal(answer.channel, 'telegram');
        });
        await waitFor('300 codes', () => users.every((u) => codeMessages(fake, u.id).length >= 2), 120_000);
        for (const user of users) {
            const codes = codeMessages(fake, user.id);
            assert.equal(codes.length, 2, `chat ${user.id} got ${codes.length} code messages`);
        }
        const sends = fake.calls('sendMessage').slice(sendsBefore);
        const delivered = sends.filter((r) => r.response.status === 200);
        assert.equal(delivered.length, CHATS, 'one successful sendMessage per code');
        assert.ok(sends.some((r) => r.response.status === 429), 'the fake rate-limited some sends');
        for (const user of users.slice(0, 5)) {
            const res = await server.verify(user.phone, codeIn(codeMessages(fake, user.id)[1]));
            assert.equal(res.status, 200, res.text);
        }
    });
});

test(`${mode} mode: kill -9 with deliveries queued and deletions pending; all done after the restart`, {
    skip: mode === 'mock' ? 'mock mode keeps its queue in memory' : false,
}, async () => {
    await withBot(mode, {}, async ({ fake, server }) => {
        const users = Array.from({ length: 5 }, () => newUser(fake));
        await linkAll(fake, server, users);
        const linkMessages = users.map((u) => codeMessages(fake, u.id)[0]);
        // Telegram rate-limits everything: new codes queue, and the deletions
        // of the replaced codes' messages wait behind them.
        fake.faults.add({ kind: 'rate_limit', retry_after: 2 });
        for (const user of users) assert.equal((await server.requestCode(user.phone)).channel, 'telegram');
        await waitFor('a rate-limited send', () => fake.calls('sendMessage').some((r) => r.response.status === 429));
        server.child.kill('SIGKILL');
        await server.exited;
        fake.faults.clear();
        await server.spawn();
        await waitFor('every queued code', () => users.every((u) => codeMessages(fake, u.id).length === 2), 120_000);
        await waitFor('every replaced code deleted', () => users.every((u, i) =>
            fake.chatMessages(u.id).find((m) => m.message_id === linkMessages[i].message_id).deleted), 120_000);
        for (const user of users) assert.equal(codeMessages(fake, user.id).length, 2);
        const res = await server.verify(users[0].phone, codeIn(codeMessages(fake, users[0].id)[1]));
        assert.equal(res.status, 200, res.text);
    });
});
