// The world of the apps' Telegram journey: the fake Telegram Bot API, and
// sesame-server in full mode on the services fixture (its own PostgreSQL
// database and Redis DB) whose bot polls that fake. Then it runs the command
// after `--` (the app test under Xvfb) with SESAME_E2E_SERVER_URL and
// SESAME_E2E_TELEGRAM_URL (the fake's control API: the test plays the
// Telegram user through it), and exits with the command's status.
//   node telegram_world.mjs -- COMMAND [ARGS...]
import { spawn } from 'node:child_process';
import { Server, RELAXED_LIMITS } from '../api/harness.mjs';
import { startTelegramFake } from '../fakes/telegram.mjs';

const command = process.argv.slice(process.argv.indexOf('--') + 1);
if (!process.argv.includes('--') || command.length === 0) {
    console.error('usage: node telegram_world.mjs -- COMMAND [ARGS...]');
    process.exit(2);
}

const telegram = await startTelegramFake();
const server = await Server.start('full', {
    flags: [...RELAXED_LIMITS, '--telegram-bot-token', telegram.token, '--telegram-api-url', telegram.url,
        '--telegram-polling', 'true', '--telegram-chat-interval', '0'],
});
const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, SESAME_E2E_SERVER_URL: server.base, SESAME_E2E_TELEGRAM_URL: `${telegram.url}/__control` },
});
const status = await new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? 9 : 0))));
await server.stop();
await telegram.stop();
process.exit(status);
