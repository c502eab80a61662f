// The Telegram bot's delivered rate against the fake Bot API's flood limit
// (30 messages/s per bot, 1/s per chat): links N chats, then asks for N codes
// at once and measures, from the fake's record of successful sendMessage
// calls, how fast the codes went out, and how many 429s the server drew.
// Not a test: prints one JSON line.
//
//   SESAME_SERVER_BIN=build/release/server-mock/sesame-server \
//   [SESAME_TEST_SERVICES_ENV=<fixture>/services.env] node bench/delivery/telegram-rate.mjs [N]
import { modes } from '../../tests/api/harness.mjs';
import { codeMessages, newUser, nonceOf, botMessages, waitFor, withBot } from '../../tests/delivery/telegram-support.mjs';

const chats = Number(process.argv[2] ?? 300);
const mode = modes.at(-1);

async function inBatches(items, width, task) {
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(task));
}

await withBot(mode, {}, async ({ fake, server }) => {
    const users = Array.from({ length: chats }, () => newUser(fake));
    await inBatches(users, 25, async (u) => { u.nonce = nonceOf(await server.requestCode(u.phone)); });
    for (const u of users) fake.userStarts(u.id, u.nonce);
    await waitFor('keyboards', () => users.every((u) => botMessages(fake, u.id).length >= 1), 300_000);
    for (const u of users) fake.userSendsContact(u.id);
    await waitFor('link codes', () => users.every((u) => codeMessages(fake, u.id).length === 1), 300_000);

    const first = fake.calls('sendMessage').length;
    const started = Date.now();
    await inBatches(users, 25, (u) => server.requestCode(u.phone));
    const accepted = Date.now();
    await waitFor('codes', () => users.every((u) => codeMessages(fake, u.id).length === 2), 300_000);
    const calls = fake.calls('sendMessage').slice(first);
    const sent = calls.filter((r) => r.response.status === 200).map((r) => r.at);
    const span = (Math.max(...sent) - Math.min(...sent)) / 1000;
    console.log(JSON.stringify({
        mode,
        chats,
        requests_accepted_s: (accepted - started) / 1000,
        delivered: sent.length,
        first_to_last_s: span,
        delivered_per_s: Number(((sent.length - 1) / span).toFixed(2)),
        limit_per_s: 30,
        answered_429: calls.filter((r) => r.response.status === 429).length,
    }));
});
