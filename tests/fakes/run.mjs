#!/usr/bin/env node
// Starts one fake upstream for tests in another process (the C++ suites):
//   node tests/fakes/run.mjs telegram|gateway|twilio|msg91 [--port N]
//        [--config '<JSON options>'] [--exit-with-stdin]
// Prints one JSON line to stdout once listening, e.g.
//   {"upstream":"telegram","url":"http://127.0.0.1:40123","token":"…",…}
// and runs until SIGTERM/SIGINT, or until stdin closes with --exit-with-stdin
// (so a crashed parent leaves no fake behind). Tests drive it through the
// control API under <url>/__control/ (see README.md).
import { parseArgs } from 'node:util';
import { startGatewayFake } from './gateway.mjs';
import { startMsg91Fake } from './msg91.mjs';
import { startTelegramFake } from './telegram.mjs';
import { startTwilioFake } from './twilio.mjs';

const UPSTREAMS = {
    telegram: async (options) => {
        const fake = await startTelegramFake(options);
        return { fake, details: { token: fake.token, bot_username: fake.botUser.username, api_url: fake.apiUrl } };
    },
    gateway: async (options) => {
        const fake = await startGatewayFake(options);
        return { fake, details: { token: fake.token } };
    },
    twilio: async (options) => {
        const fake = await startTwilioFake(options);
        return { fake, details: { account_sid: fake.accountSid, auth_token: fake.authToken, messages_url: fake.messagesUrl } };
    },
    msg91: async (options) => {
        const fake = await startMsg91Fake(options);
        return { fake, details: { authkey: fake.authkey } };
    },
};

function usage(message) {
    process.stderr.write(`${message}\nusage: node run.mjs ${Object.keys(UPSTREAMS).join('|')} [--port N] [--config JSON] [--exit-with-stdin]\n`);
    process.exit(2);
}

async function main() {
    let parsed;
    try {
        parsed = parseArgs({
            allowPositionals: true,
            options: { port: { type: 'string' }, config: { type: 'string' }, 'exit-with-stdin': { type: 'boolean' } },
        });
    } catch (error) {
        usage(error.message);
    }
    const [upstream, ...extra] = parsed.positionals;
    if (!UPSTREAMS[upstream] || extra.length > 0) usage(`unknown upstream: ${parsed.positionals.join(' ') || '(none)'}`);
    let options = {};
    try {
        options = parsed.values.config ? JSON.parse(parsed.values.config) : {};
    } catch (error) {
        usage(`--config is not JSON: ${error.message}`);
    }
    if (parsed.values.port !== undefined) options.port = Number(parsed.values.port);
    const { fake, details } = await UPSTREAMS[upstream](options);
    const stop = async () => {
        await fake.stop();
        process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    if (parsed.values['exit-with-stdin']) {
        process.stdin.on('end', stop);
        process.stdin.resume();
    }
    process.stdout.write(`${JSON.stringify({ upstream, url: fake.url, ...details })}\n`);
}

main().catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
});
