// What the Telegram bot suites share: a fake Bot API in this process, a
// sesame-server pointed at it (webhook registered with setWebhook at start,
// or polling), simulated users, and waits on what the fake recorded.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { exchange } from '../api/http.mjs';
import { RELAXED_LIMITS, Server, freshPhone } from '../api/harness.mjs';
import { startTelegramFake } from '../fakes/telegram.mjs';

export const WEBHOOK_SECRET = 'sesame-webhook-secret_0123456789';
const WAIT_MS = 60_000;

// Waits until `probe()` returns a truthy value (checked every 20 ms); that value.
export async function waitFor(what, probe, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

// A port nobody listens on now, for a server whose webhook URL must be known before it starts.
export async function freePort() {
    const probe = createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    return port;
}

// Flags for a server of `fake`: webhook mode (setWebhook at start) unless polling.
export async function botFlags(fake, { polling = false, extra = [] } = {}) {
    const flags = ['--telegram-bot-token', fake.token, '--telegram-api-url', fake.url,
        '--resend-cooldown', '0', ...RELAXED_LIMITS];
    if (polling) {
        flags.push('--telegram-polling', 'true');
    } else {
        const port = await freePort();
        flags.push('--listen', `127.0.0.1:${port}`, '--telegram-webhook-secret', WEBHOOK_SECRET,
            '--telegram-webhook-url', `http://127.0.0.1:${port}/v1/telegram/webhook`);
    }
    return [...flags, ...extra];
}

// A fake Telegram and a server using it; `body({fake, server})`; both stopped after.
export async function withBot(mode, options, body) {
    const fake = await startTelegramFake(options.fake ?? {});
    let server;
    try {
        server = await Server.start(mode, { ...options.server, flags: await botFlags(fake, options) });
        if (!options.polling) await waitFor('setWebhook', () => fake.world.webhook.url);
        await body({ fake, server });
        await server.stop();
    } catch (error) {
        await server?.stop().catch(() => {});
        if (server) error.message += `\n--- server log tail ---\n${server.tail(20)}`;
        throw error;
    } finally {
        await fake.stop();
    }
}

export const botMessages = (fake, chatId) => {
    try {
        return fake.chatMessages(chatId).filter((m) => m.direction === 'bot');
    } catch {
        return [];  // no chat yet
    }
};

export const codeMessages = (fake, chatId) => botMessages(fake, chatId).filter((m) => m.protect_content);

export const codeIn = (message) => /\b(\d{6})\b/.exec(message.text)?.[1];

// The nonce of a telegram_link answer.
export function nonceOf(answer) {
    assert.equal(answer.channel, 'telegram_link', JSON.stringify(answer));
    const url = new URL(answer.link_url);
    assert.equal(url.origin, 'https://t.me');
    assert.equal(url.pathname, '/sesame_test_bot');
    const nonce = url.searchParams.get('start');
    assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
    return nonce;
}

// A simulated user with a fresh phone.
export function newUser(fake) {
    const phone = freshPhone();
    return { ...fake.addUser({ phone: phone.slice(1), first_name: 'Alice' }), phone };
}

// The whole link: request, /start, own contact; returns the code delivered in the chat.
export async function linkUser(fake, server, user) {
    const nonce = nonceOf(await server.requestCode(user.phone));
    const before = codeMessages(fake, user.id).length;
    fake.userStarts(user.id, nonce);
    await waitFor('the contact keyboard', () => botMessages(fake, user.id).some((m) => m.reply_markup?.keyboard));
    fake.userSendsContact(user.id);
    const message = await waitFor('the code message', () => codeMessages(fake, user.id)[before]);
    return { message, code: codeIn(message) };
}

// POST an update to the server's webhook directly; `secret` null sends no secret header.
export function postUpdate(server, update, secret = WEBHOOK_SECRET) {
    const headers = secret === null ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret };
    return exchange(server.base, 'POST', '/v1/telegram/webhook', { json: update, headers });
}
