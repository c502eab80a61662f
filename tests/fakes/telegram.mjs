// A fake of the Telegram Bot API for one bot, built from
// https://core.telegram.org/bots/api ("Making requests": /bot<token>/<METHOD>,
// GET or POST, query/form/JSON parameters, case-insensitive method names, the
// {"ok","result"} / {"ok":false,"error_code","description","parameters"}
// envelope, ResponseParameters.retry_after on flood control).
// Methods: getMe, sendMessage, deleteMessage, getUpdates (offset, limit,
// long-poll timeout), setWebhook, deleteWebhook, getWebhookInfo.
// Flood control follows the Bots FAQ ("avoid sending more than one message
// per second" to a chat; bulk "about 30 messages per second",
// https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)
// and answers as the Bot API server does: 429, "Too Many Requests: retry
// after N", parameters.retry_after = N (tdlib/telegram-bot-api Query.cpp).
// Webhook URLs may be plain http on any port, as with a local Bot API server
// ("Using a Local Bot API Server").
import { STATUS_CODES } from 'node:http';
import { controlError, startFake } from './lib/fake-server.mjs';
import { RateWindow } from './lib/rate-window.mjs';
import { TelegramWorld } from './telegram-world.mjs';

const DEFAULT_TOKEN = '123456789:AAF-fakeTokenForSesameTests_0123456';
const MAX_TEXT = 4096;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

// Starts the fake. Options: token, botUsername, botName, limits {perBot,
// perChat, windowMs}, maxPollSeconds (caps getUpdates' timeout),
// firstUpdateId, webhookAttempts, webhookRetryMs, port.
export async function startTelegramFake(options = {}) {
    const { token = DEFAULT_TOKEN, botUsername = 'sesame_test_bot', botName = 'Sesame Test', port } = options;
    const botUser = { id: Number(token.split(':')[0]), is_bot: true, first_name: botName, username: botUsername };
    const state = { limits: limitsFrom(options.limits) };
    const fake = await startFake({
        port,
        api: (request) => answer(fake, state, request),
        errors: telegramErrors,
        control: controlRoutes(state),
        onReset: () => {
            state.world.clear();
            state.limits = limitsFrom(options.limits);
        },
    });
    state.world = new TelegramWorld(fake, botUser, options);
    state.token = token;
    state.botUser = botUser;
    state.maxPollSeconds = options.maxPollSeconds ?? 50;
    return Object.assign(fake, telegramApi(fake, state));
}

// The in-process API tests use; the control routes below expose the same.
function telegramApi(fake, state) {
    const world = state.world;
    return {
        token: state.token,
        botUser: state.botUser,
        world,
        apiUrl: `${fake.url}/bot${state.token}`,
        // Recorded calls of one Bot API method (any letter case).
        calls: (method) => fake.requests.filter((r) => r.path.toLowerCase().endsWith(`/${method.toLowerCase()}`)),
        addUser: (user) => world.addUser(user),
        userStarts: (userId, nonce) => world.userStarts(userId, nonce),
        userSendsText: (userId, text) => world.userSendsText(userId, text),
        userSendsContact: (userId, contact) => world.userSendsContact(userId, contact),
        userForwardsText: (userId, text, fromUserId) => world.userForwardsText(userId, text, fromUserId),
        blockBot: (userId, blocked = true) => world.block(userId, blocked),
        pushUpdate: (update) => world.enqueue(update),
        redeliver: (updateId) => world.redeliver(updateId),
        chatMessages: (chatId) => world.messagesOf(chatId),
        setLimits: (limits) => {
            state.limits = limitsFrom(limits);
        },
    };
}

function controlRoutes(state) {
    const w = () => state.world;
    const id = (match) => Number(match[1]);
    return [
        ['GET', /^\/bot$/, () => ({ token: state.token, ...state.botUser })],
        ['POST', /^\/users$/, (r) => w().addUser(r.params)],
        ['POST', /^\/users\/(\d+)\/start$/, (r, m) => w().userStarts(id(m), r.params.nonce)],
        ['POST', /^\/users\/(\d+)\/text$/, (r, m) => textFrom(w(), id(m), r.params)],
        ['POST', /^\/users\/(\d+)\/contact$/, (r, m) => w().userSendsContact(id(m), r.params)],
        ['POST', /^\/users\/(\d+)\/block$/, (r, m) => w().block(id(m), r.params.blocked ?? true)],
        ['POST', /^\/updates$/, (r) => w().enqueue(r.params.update ?? r.params)],
        ['POST', /^\/updates\/(\d+)\/redeliver$/, (r, m) => w().redeliver(id(m))],
        ['GET', /^\/chats\/(-?\d+)\/messages$/, (r, m) => ({ messages: w().messagesOf(id(m)) })],
        ['POST', /^\/limits$/, (r) => {
            state.limits = limitsFrom({ perBot: r.params.per_bot, perChat: r.params.per_chat, windowMs: r.params.window_ms });
        }],
    ];
}

function textFrom(world, userId, { text, forwarded_from }) {
    if (typeof text !== 'string') throw Object.assign(new Error('text must be a string'), { status: 400 });
    return forwarded_from === undefined ? world.userSendsText(userId, text) : world.userForwardsText(userId, text, forwarded_from);
}

function limitsFrom({ perBot = 30, perChat = 1, windowMs = 1000 } = {}) {
    const [bot, chat, window] = [perBot, perChat, windowMs].map(Number);
    if (![bot, chat, window].every((n) => Number.isInteger(n) && n > 0)) throw controlError(400, 'limits must be positive integers');
    return { perBot: new RateWindow(bot, window), perChat: new RateWindow(chat, window) };
}

async function answer(fake, state, request) {
    const route = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(request.path);
    if (!route) return failure(404, 'Not Found');
    if (route[1] !== state.token) return failure(401, 'Unauthorized');
    const method = METHODS[route[2].toLowerCase()];
    if (!method) return failure(404, 'Not Found');
    if (request.bodyError) return failure(400, `Bad Request: ${request.bodyError}`);
    return method(fake, state, request.params);
}

const METHODS = {
    getme: (fake, state) => success({ ...state.botUser, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }),
    sendmessage: sendMessage,
    deletemessage: deleteMessage,
    getupdates: getUpdates,
    setwebhook: setWebhook,
    deletewebhook: (fake, state, p) => {
        const had = Boolean(state.world.webhook.url);
        state.world.deleteWebhook(toBool(p.drop_pending_updates));
        return success(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
    },
    getwebhookinfo: (fake, state) => success(state.world.webhookInfo()),
};

function sendMessage(fake, state, p) {
    if (p.chat_id === undefined || p.chat_id === '') return failure(400, 'Bad Request: chat_id is empty');
    const chatId = toInt(p.chat_id);
    if (chatId === undefined) return failure(400, 'Bad Request: chat not found');
    const text = typeof p.text === 'string' ? p.text : p.text === undefined ? '' : String(p.text);
    if (text.trim() === '') return failure(400, 'Bad Request: message text is empty');
    if ([...text].length > MAX_TEXT) return failure(400, 'Bad Request: message is too long');
    const markup = parseMarkup(p.reply_markup);
    if (markup === INVALID) return failure(400, "Bad Request: can't parse reply keyboard markup JSON object");
    const now = fake.clock.nowMs();
    const waitMs = Math.max(state.limits.perChat.waitMs(chatId, now), state.limits.perBot.waitMs('bot', now));
    if (waitMs > 0) return tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
    const sent = state.world.botSends(chatId, { text, reply_markup: markup, protect_content: toBool(p.protect_content) });
    if (sent.error) return failure(...sent.error);
    state.limits.perChat.admit(chatId, now);
    state.limits.perBot.admit('bot', now);
    return success(sent.message);
}

function deleteMessage(fake, state, p) {
    const chatId = toInt(p.chat_id);
    if (chatId === undefined) return failure(400, 'Bad Request: chat_id is empty');
    const messageId = toInt(p.message_id);
    if (messageId === undefined) return failure(400, 'Bad Request: message identifier is not specified');
    const error = state.world.deletes(chatId, messageId);
    return error ? failure(...error) : success(true);
}

async function getUpdates(fake, state, p) {
    if (state.world.webhook.url) {
        return failure(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const limit = Math.min(100, Math.max(1, toInt(p.limit) ?? 100));
    const timeoutSeconds = Math.min(state.maxPollSeconds, Math.max(0, toInt(p.timeout) ?? 0));
    const outcome = await state.world.poll({ offset: toInt(p.offset), limit, timeoutSeconds });
    if (outcome.conflict) {
        return failure(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    }
    return success(outcome.updates);
}

function setWebhook(fake, state, p) {
    const url = p.url === undefined ? '' : String(p.url);
    const world = state.world;
    if (url === '') return METHODS.deletewebhook(fake, state, p);
    if (!isHttpUrl(url)) return failure(400, 'Bad Request: bad webhook: invalid URL specified');
    if (p.secret_token !== undefined && !SECRET_TOKEN.test(String(p.secret_token))) {
        return failure(400, 'Bad Request: secret token contains unallowed characters');
    }
    const maxConnections = toInt(p.max_connections) ?? 40;
    if (maxConnections < 1 || maxConnections > 100) return failure(400, 'Bad Request: bad webhook: max_connections must be between 1 and 100');
    const same = world.webhook.url === url;
    world.setWebhook({
        url,
        secret_token: p.secret_token === undefined ? undefined : String(p.secret_token),
        max_connections: maxConnections,
        allowed_updates: parseList(p.allowed_updates),
    }, toBool(p.drop_pending_updates));
    return success(true, same ? 'Webhook is already set' : 'Webhook was set');
}

// The error envelopes a fault answers with.
const telegramErrors = {
    fail: (status) => failure(status, STATUS_CODES[status] ?? 'Internal Server Error'),
    refuse: ({ status = 403, description = 'Forbidden: bot was blocked by the user' }) => failure(status, description),
    rateLimited: (retryAfter) => tooManyRequests(retryAfter),
};

function success(result, description) {
    return { status: 200, body: description === undefined ? { ok: true, result } : { ok: true, result, description } };
}

function failure(code, description, parameters) {
    const body = { ok: false, error_code: code, description };
    if (parameters) body.parameters = parameters;
    return { status: code, body };
}

function tooManyRequests(retryAfter) {
    return failure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}

const INVALID = Symbol('invalid');

// reply_markup arrives as a JSON-serialized string (query, form) or as an
// object (JSON body). Keeps it when it is one of the four documented kinds:
// InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, ForceReply.
function parseMarkup(value) {
    if (value === undefined || value === '') return undefined;
    let markup = value;
    if (typeof value === 'string') {
        try {
            markup = JSON.parse(value);
        } catch {
            return INVALID;
        }
    }
    if (markup === null || typeof markup !== 'object') return INVALID;
    if ('keyboard' in markup) return isButtonGrid(markup.keyboard, true) ? markup : INVALID;
    if ('inline_keyboard' in markup) return isButtonGrid(markup.inline_keyboard, false) ? markup : INVALID;
    if (markup.remove_keyboard === true || markup.force_reply === true) return markup;
    return INVALID;
}

function isButtonGrid(rows, stringsAllowed) {
    const isButton = (b) => (stringsAllowed && typeof b === 'string') || (b !== null && typeof b === 'object' && typeof b.text === 'string');
    return Array.isArray(rows) && rows.every((row) => Array.isArray(row) && row.every(isButton));
}

function parseList(value) {
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value;
    try {
        const list = JSON.parse(String(value));
        return Array.isArray(list) ? list : undefined;
    } catch {
        return undefined;
    }
}

function toInt(value) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) return Number(value);
    return undefined;
}

function toBool(value) {
    return value === true || value === 'true' || value === '1' || value === 1;
}

function isHttpUrl(text) {
    try {
        const url = new URL(text);
        return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
        return false;
    }
}
