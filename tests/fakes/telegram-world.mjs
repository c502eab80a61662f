// The Telegram side of the fake Bot API: simulated users, each user's private
// chat with the bot and its whole history (deleted messages are kept and
// flagged so tests can assert a deletion), and the queue of updates that
// reaches the bot either by getUpdates or by webhook.
// Object shapes follow https://core.telegram.org/bots/api#available-types
// (User, Chat, Message, MessageEntity, Contact, MessageOriginUser) and
// https://core.telegram.org/bots/api#getting-updates (Update, WebhookInfo).
import { STATUS_CODES } from 'node:http';
import { controlError } from './lib/fake-server.mjs';

// deleteMessage: "A message can only be deleted if it was sent less than 48
// hours ago." (https://core.telegram.org/bots/api#deletemessage)
const DELETE_WINDOW_SECONDS = 48 * 3600;

export class TelegramWorld {
    constructor(fake, botUser, { firstUpdateId = 1000, webhookAttempts = 10, webhookRetryMs = 100 } = {}) {
        this.fake = fake;
        this.botUser = botUser;
        this.webhookAttempts = webhookAttempts;
        this.webhookRetryMs = webhookRetryMs;
        this.firstUpdateId = firstUpdateId;
        this.clear();
    }

    clear() {
        this.users = new Map();
        this.chats = new Map();
        this.pending = [];
        this.history = new Map();
        this.nextUpdateId = this.firstUpdateId;
        this.nextUserId = 700000001;
        this.webhook = { url: '' };
        this.wakePoller({ conflict: true });
    }

    // --- users and chats -------------------------------------------------

    addUser({ id, first_name = 'Test', last_name, username, language_code, phone } = {}) {
        const userId = id === undefined ? this.nextUserId++ : Number(id);
        if (!Number.isSafeInteger(userId) || userId <= 0) throw controlError(400, 'user id must be a positive integer');
        const user = compact({ id: userId, is_bot: false, first_name, last_name, username, language_code });
        this.users.set(userId, { user, phone, blocked: false });
        return { ...user, phone };
    }

    person(userId) {
        const person = this.users.get(Number(userId));
        if (!person) throw controlError(404, `no simulated user ${userId}`);
        return person;
    }

    // A private chat's id is the user's id; it exists once the user wrote to the bot.
    chatOf(userId) {
        const id = Number(userId);
        if (!this.chats.has(id)) {
            const { user } = this.person(id);
            const chat = compact({ id, type: 'private', first_name: user.first_name, last_name: user.last_name, username: user.username });
            this.chats.set(id, { chat, messages: [], nextMessageId: 1 });
        }
        return this.chats.get(id);
    }

    block(userId, blocked) {
        this.person(userId).blocked = blocked;
    }

    // Every message of a chat, oldest first, with what the bot asked for
    // (reply_markup, protect_content) and whether it was deleted.
    messagesOf(chatId) {
        const chat = this.chats.get(Number(chatId));
        if (!chat) throw controlError(404, `no chat ${chatId}`);
        return chat.messages.map(({ message, ...meta }) => ({ ...message, ...meta }));
    }

    // --- what the bot does -------------------------------------------------

    // Returns {message} or {error: [code, description]} as sendMessage answers.
    botSends(chatId, { text, reply_markup, protect_content }) {
        const chat = this.chats.get(chatId);
        if (!chat) return { error: [400, 'Bad Request: chat not found'] };
        if (this.users.get(chatId)?.blocked) return { error: [403, 'Forbidden: bot was blocked by the user'] };
        const message = compact({
            message_id: chat.nextMessageId++,
            from: this.botUser,
            chat: chat.chat,
            date: this.fake.clock.nowSeconds(),
            text,
            has_protected_content: protect_content ? true : undefined,
        });
        chat.messages.push({ message, direction: 'bot', reply_markup, protect_content: Boolean(protect_content), deleted: false });
        return { message };
    }

    // Returns null on success or [code, description] as deleteMessage answers.
    deletes(chatId, messageId) {
        const entry = this.chats.get(chatId)?.messages.find((m) => m.message.message_id === messageId);
        if (!entry || entry.deleted) return [400, 'Bad Request: message to delete not found'];
        if (this.fake.clock.nowSeconds() - entry.message.date >= DELETE_WINDOW_SECONDS) {
            return [400, "Bad Request: message can't be deleted for everyone"];
        }
        entry.deleted = true;
        entry.deleted_at = this.fake.clock.nowSeconds();
        return null;
    }

    // --- what a user does --------------------------------------------------

    userSendsText(userId, text) {
        const fields = { text };
        const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
        if (command) fields.entities = [{ offset: 0, length: command[0].length, type: 'bot_command' }];
        return this.userSends(userId, fields);
    }

    // The deep link t.me/<bot>?start=<nonce> makes the app send "/start <nonce>".
    userStarts(userId, nonce) {
        this.person(userId).blocked = false;
        return this.userSendsText(userId, nonce ? `/start ${nonce}` : '/start');
    }

    // Shares a contact: by default the user's own (what the request_contact
    // button sends). `user_id` another id (or null for none) shares someone
    // else's card; `forwarded_from` forwards it from that simulated user.
    userSendsContact(userId, { phone_number, user_id, first_name, last_name, vcard, forwarded_from } = {}) {
        const { user, phone } = this.person(userId);
        const contact = compact({
            phone_number: phone_number ?? phone,
            first_name: first_name ?? user.first_name,
            last_name: last_name ?? (first_name === undefined ? user.last_name : undefined),
            user_id: user_id === undefined ? user.id : user_id ?? undefined,
            vcard,
        });
        if (!contact.phone_number) throw controlError(400, 'the contact needs a phone_number');
        const fields = { contact };
        if (forwarded_from !== undefined) fields.forward_origin = this.originFrom(forwarded_from);
        return this.userSends(userId, fields);
    }

    // Forwards a text from another simulated user into the bot chat.
    userForwardsText(userId, text, fromUserId) {
        return this.userSends(userId, { text, forward_origin: this.originFrom(fromUserId) });
    }

    originFrom(userId) {
        return { type: 'user', date: this.fake.clock.nowSeconds() - 60, sender_user: this.person(userId).user };
    }

    userSends(userId, fields) {
        const { user } = this.person(userId);
        const chat = this.chatOf(userId);
        const message = {
            message_id: chat.nextMessageId++,
            from: user,
            chat: chat.chat,
            date: this.fake.clock.nowSeconds(),
            ...fields,
        };
        chat.messages.push({ message, direction: 'user', deleted: false });
        return this.enqueue({ message });
    }

    // --- updates -----------------------------------------------------------

    // Queues an update for the bot (update_id assigned unless given).
    enqueue(update) {
        const full = { update_id: update.update_id ?? this.nextUpdateId++, ...update };
        this.history.set(full.update_id, full);
        this.pending.push(full);
        this.wakePoller({});
        this.pumpWebhook();
        return full;
    }

    // Sends an update again, as Telegram does after a failed or slow webhook.
    redeliver(updateId) {
        const update = this.history.get(Number(updateId));
        if (!update) throw controlError(404, `no update ${updateId}`);
        this.pending.push(update);
        this.wakePoller({});
        this.pumpWebhook();
        return update;
    }

    // getUpdates: confirms below `offset`, then answers at once or after up to
    // `timeoutSeconds`; resolves {updates} or {conflict} when a newer poll
    // took over ("terminated by other getUpdates request").
    async poll({ offset, limit, timeoutSeconds }) {
        this.confirm(offset);
        this.wakePoller({ conflict: true });
        if (this.pending.length === 0 && timeoutSeconds > 0) {
            const outcome = await new Promise((resolve) => {
                const timer = this.fake.later(timeoutSeconds * 1000, () => this.wakePoller({}));
                this.poller = { resolve, timer };
            });
            if (outcome.conflict) return outcome;
        }
        return { updates: this.pending.slice(0, limit) };
    }

    confirm(offset) {
        if (offset === undefined) return;
        if (offset < 0) this.pending = this.pending.slice(offset);
        else this.pending = this.pending.filter((u) => u.update_id >= offset);
    }

    wakePoller(outcome) {
        if (!this.poller) return;
        const { resolve, timer } = this.poller;
        this.poller = undefined;
        clearTimeout(timer);
        this.fake.timers.delete(timer);
        resolve(outcome);
    }

    // --- webhook -----------------------------------------------------------

    setWebhook(webhook, dropPending) {
        if (dropPending) this.pending = [];
        this.webhook = { ...webhook, attempt: 0 };
        this.wakePoller({ conflict: true });
        this.pumpWebhook();
    }

    deleteWebhook(dropPending) {
        if (dropPending) this.pending = [];
        this.webhook = { url: '' };
    }

    webhookInfo() {
        const { url, max_connections, allowed_updates, last_error_date, last_error_message } = this.webhook;
        return compact({
            url,
            has_custom_certificate: false,
            pending_update_count: this.pending.length,
            last_error_date,
            last_error_message,
            max_connections: url ? max_connections : undefined,
            allowed_updates: url ? allowed_updates : undefined,
        });
    }

    // Delivers queued updates one at a time, in order; an update leaves the
    // queue on a 2xx answer, otherwise it is retried, then given up.
    async pumpWebhook() {
        const hook = this.webhook;
        if (!hook.url || hook.busy || this.pending.length === 0 || this.fake.stopped) return;
        hook.busy = true;
        const update = this.pending[0];
        const headers = { 'content-type': 'application/json' };
        if (hook.secret_token) headers['x-telegram-bot-api-secret-token'] = hook.secret_token;
        const record = await this.fake.deliver({ url: hook.url, headers, body: JSON.stringify(update) });
        hook.busy = false;
        if (hook !== this.webhook) return this.pumpWebhook();
        this.afterDelivery(hook, update, record);
    }

    afterDelivery(hook, update, record) {
        const done = record.delivered || ++hook.attempt >= this.webhookAttempts;
        if (!record.delivered) {
            const last = record.attempts.at(-1);
            hook.last_error_date = this.fake.clock.nowSeconds();
            hook.last_error_message = last.error
                ? describeNetworkError(last.error)
                : `Wrong response from the webhook: ${last.status} ${STATUS_CODES[last.status] ?? ''}`.trim();
        }
        if (done) {
            hook.attempt = 0;
            if (this.pending[0] === update) this.pending.shift();
            return this.pumpWebhook();
        }
        this.fake.later(this.webhookRetryMs * 2 ** Math.min(hook.attempt - 1, 5), () => this.pumpWebhook());
    }
}

function describeNetworkError(code) {
    return code === 'ECONNREFUSED' ? 'Connection refused' : `Connection error: ${code}`;
}

// Drops undefined fields: Telegram omits optional fields rather than sending null.
function compact(object) {
    return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
