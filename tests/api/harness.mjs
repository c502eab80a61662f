// Starts the real sesame-server binary for black-box tests, in mock mode and,
// when the services fixture is up, in full mode (a fresh PostgreSQL database
// and Redis DB number per backend), and gives tests a client for it.
//
// Environment: SESAME_SERVER_BIN (the binary, required), SESAME_REPO_ROOT
// (optional), SESAME_TEST_SERVICES_ENV (the fixture's env file; enables full mode).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkAgainstContract, statusOfCode } from './contract.mjs';
import { Secrets } from './secrets.mjs';
import { exchange } from './http.mjs';

const run = promisify(execFile);

export const repoRoot = process.env.SESAME_REPO_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const servicesScript = join(repoRoot, 'tests', 'fixtures', 'services');
const START_TIMEOUT_MS = 60_000;

// Hourly limits high enough that only the tests about them meet them.
export const RELAXED_LIMITS = ['--per-phone-per-hour', '1000000', '--per-ip-per-hour', '1000000000'];

function serverBin() {
    const bin = process.env.SESAME_SERVER_BIN;
    assert.ok(bin && existsSync(bin), `SESAME_SERVER_BIN must name the built sesame-server (got ${bin ?? 'nothing'})`);
    return bin;
}

// ---- process-wide scratch space and cleanup ------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'sesame-api-'));
const children = new Set();
const exitCleanups = new Set();
process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    for (const cleanup of exitCleanups) cleanup();
    rmSync(scratch, { recursive: true, force: true });
});
// Interrupted runs clean up too ('exit' does not run on a signal's default action).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(128 + os.constants.signals[signal]));

let fileCounter = 0;
function scratchFile(stem, content) {
    const path = join(scratch, `${stem}-${++fileCounter}`);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
}

// A fresh Ed25519 private key (PEM) made by openssl, as an operator would.
export async function newSigningKey() {
    const path = join(scratch, `signing-${++fileCounter}.pem`);
    await run('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', path]);
    return path;
}

// ---- phones ----------------------------------------------------------------

// Kazakh mobile numbers (+7 701 ...), unique within this process.
let phoneCounter = randomInt(1_000_000, 5_000_000);
export function freshPhone() {
    return `+7701${String(++phoneCounter).padStart(7, '0')}`;
}

// "+77011234567" -> "8 (701) 123-45-67", the national form with region KZ.
export function nationalForm(e164) {
    const d = e164.slice(2);
    return `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`;
}

// Digits of the same length that are not `code`.
export const wrongCode = (code) => code.split('').map((d) => String((Number(d) + 1) % 10)).join('');

const randomCode = (length) => Array.from({ length }, () => randomInt(10)).join('');

// ---- the services fixture (full mode) -----------------------------------------

export function readServicesEnv(path) {
    return Object.fromEntries(readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

const fixtureEnvPath = process.env.SESAME_TEST_SERVICES_ENV;
export const fixtureServices = fixtureEnvPath && existsSync(fixtureEnvPath) ? readServicesEnv(fixtureEnvPath) : undefined;

// The modes every suite runs in: mock always, full when the fixture is up.
export const modes = fixtureServices ? ['mock', 'full'] : ['mock'];

// describe(`<mode> mode`, ...) once per mode.
export function forEachMode(body) {
    for (const mode of modes) describe(`${mode} mode`, () => body(mode));
}

const REDIS_DBS = 15;  // 1..15; DB 0 is left to the tests that use the fixture's URL as it is

// Claims a Redis DB number no other live test process uses: a lock file per
// number in the fixture's directory; a lock of a dead process is taken over.
function claimRedisDb(services) {
    for (let db = 1; db <= REDIS_DBS; ++db) {
        const lock = join(services.SESAME_TEST_SERVICES_DIR, `api-redis-db-${db}.lock`);
        if (!tryLock(lock)) continue;
        const release = () => rmSync(lock, { force: true });
        exitCleanups.add(release);
        return { db, release: () => { release(); exitCleanups.delete(release); } };
    }
    throw new Error(`all ${REDIS_DBS} Redis DB numbers are in use by live test processes`);
}

function tryLock(lock) {
    for (let attempt = 0; attempt < 2; ++attempt) {
        try {
            const fd = openSync(lock, 'wx');
            writeSync(fd, String(process.pid));
            closeSync(fd);
            return true;
        } catch (error) {
            if (error.code !== 'EEXIST') throw error;
        }
        let owner = 0;
        try {
            owner = Number(readFileSync(lock, 'utf8'));
        } catch { /* released meanwhile: try again */ }
        if (owner === 0 && existsSync(lock)) return false;  // being written by its new owner
        if (owner !== 0 && isAlive(owner)) return false;
        rmSync(lock, { force: true });
    }
    return false;
}

function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return error.code === 'EPERM';
    }
}

const postgresAdminUrl = (services) => services.SESAME_TEST_POSTGRES_URL;
const redisUrl = (services, db) => `redis://${services.SESAME_TEST_REDIS_HOST}:${services.SESAME_TEST_REDIS_PORT}/${db}`;

async function psql(services, sql) {
    await run('psql', [postgresAdminUrl(services), '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
}

// What several full-mode servers share: one PostgreSQL database (fresh, migrated
// by `sesame-server migrate`), one Redis DB (flushed), pepper, signing key and
// a pool of test numbers (full mode has no outbox, so tests know codes that way).
export class Backend {
    static async create({ services = fixtureServices, codeLength = 6, poolSize = 1000 } = {}) {
        assert.ok(services, 'full mode needs the services fixture (SESAME_TEST_SERVICES_ENV)');
        const backend = new Backend();
        backend.services = services;
        backend.database = `sesame_api_${process.pid}_${++fileCounter}_${randomBytes(3).toString('hex')}`;
        await psql(services, `CREATE DATABASE ${backend.database}`);
        backend.redis = claimRedisDb(services);
        await run('redis-cli', ['-h', services.SESAME_TEST_REDIS_HOST, '-p', services.SESAME_TEST_REDIS_PORT,
            '-n', String(backend.redis.db), 'FLUSHDB']);
        backend.pepperFile = scratchFile('pepper', randomBytes(32).toString('hex'));
        backend.signingKey = await newSigningKey();
        backend.pool = Array.from({ length: poolSize }, () => [freshPhone(), randomCode(codeLength)]);
        backend.codes = new Map(backend.pool);
        backend.migrated = false;
        return backend;
    }

    get postgresUrl() {
        const admin = new URL(postgresAdminUrl(this.services));
        admin.pathname = `/${this.database}`;
        return admin.toString();
    }

    flags() {
        return ['--mode', 'full', '--redis-url', redisUrl(this.services, this.redis.db), '--postgres-url', this.postgresUrl,
            '--pepper-file', this.pepperFile, '--signing-key', this.signingKey];
    }

    testNumbers() {
        return this.pool.map(([phone, code]) => `${phone}=${code}`).join(',');
    }

    // A test number nobody has used yet.
    takePhone() {
        const entry = this.pool.pop();
        assert.ok(entry, 'the test-number pool of this backend is used up');
        return entry[0];
    }

    // `sesame-server migrate` with the flags a server of this backend gets.
    async migrate() {
        if (this.migrated) return;
        await run(serverBin(), ['migrate', ...this.flags()], { env: serverEnv({}) }).catch((error) => {
            throw new Error(`sesame-server migrate failed (${error.code}): ${error.stderr}`);
        });
        this.migrated = true;
    }

    async close() {
        this.redis.release();
        await psql(this.services, `DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`).catch(() => {});
    }
}

// ---- the server process ------------------------------------------------------

// The child's environment: ours without any SESAME_* (they configure the
// server), plus `extra`.
function serverEnv(extra) {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SESAME_')));
    return { ...env, ...extra };
}

// One running sesame-server.
export class Server {
    // options: {flags: [...], env: {...}, backend, signingKey, testNumbers: "+7...=123456,..."}
    static async start(mode, options = {}) {
        const server = new Server(mode, options);
        if (mode === 'full' && !server.backend) {
            server.backend = await Backend.create({ codeLength: codeLengthOf(options.flags ?? []) });
            server.ownsBackend = true;
        }
        try {
            if (server.backend) await server.backend.migrate();
            await server.spawn();
        } catch (error) {
            if (server.ownsBackend) await server.backend.close();
            throw error;
        }
        return server;
    }

    constructor(mode, options) {
        this.mode = mode;
        this.options = options;
        this.backend = options.backend;
        this.ownsBackend = false;
        this.secrets = options.secrets ?? new Secrets();
        this.logText = '';
    }

    args() {
        const args = ['--listen', '127.0.0.1:0', ...(this.backend?.flags() ?? [])];
        if (this.options.signingKey && !this.backend) args.push('--signing-key', this.options.signingKey);
        return [...args, ...(this.options.flags ?? [])];
    }

    // The PEM key file the server signs with, when it was given one.
    get signingKeyFile() {
        return this.backend?.signingKey ?? this.options.signingKey;
    }

    env() {
        const numbers = [this.backend?.testNumbers(), this.options.testNumbers].filter(Boolean).join(',');
        return serverEnv({ ...(numbers ? { SESAME_TEST_NUMBERS: numbers } : {}), ...(this.options.env ?? {}) });
    }

    async spawn() {
        this.logText = '';
        // setpriv execs the server with a parent-death signal: a test process
        // that dies however it dies (SIGKILL, a broken pipe) leaves no server behind.
        const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', serverBin(), ...this.args()],
            { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
        this.child = child;
        children.add(child);
        this.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
            children.delete(child);
            resolve({ code, signal });
        }));
        this.port = await new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                child.kill('SIGKILL');
                reject(new Error(`server did not listen in time:\n${this.tail()}`));
            }, START_TIMEOUT_MS);
            const onData = (data) => {
                this.logText += data.toString('utf8');
                const port = this.logText.match(/"event":"listening".*?"port":([0-9]+)/)?.[1];
                if (port) {
                    clearTimeout(timer);
                    resolve(Number(port));
                }
            };
            child.stdout.on('data', onData);
            child.stderr.on('data', onData);
            this.exited.then(({ code, signal }) => {
                clearTimeout(timer);
                reject(new Error(`sesame-server ${this.args().join(' ')} exited (${code ?? signal}) before listening:\n${this.tail()}`));
            });
        });
        this.base = `http://127.0.0.1:${this.port}`;
        await this.waitForHealth();
    }

    // Setup, not timing: the port is open once "listening" is logged; confirm it answers.
    async waitForHealth() {
        for (let attempt = 0; ; ++attempt) {
            try {
                const res = await exchange(this.base, 'GET', '/healthz');
                if (res.status === 200) return;
            } catch (error) {
                if (attempt >= 50) throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
    }

    // The last lines of the captured log, for failure messages.
    tail(lines = 40) {
        return this.logText.split('\n').slice(-lines).join('\n');
    }

    // Lines of the captured log parsed as JSON (every line must be JSON).
    logLines() {
        return this.logText.split('\n').filter((l) => l.trim() !== '').map((line) => {
            try {
                return JSON.parse(line);
            } catch {
                assert.fail(`log line is not JSON: ${line}`);
            }
        });
    }

    // SIGTERM; asserts exit code 0 and a log free of phones, codes and tokens.
    async stop({ keepBackend = false } = {}) {
        if (!this.child) return;
        const child = this.child;
        this.child = undefined;
        child.kill('SIGTERM');
        const { code, signal } = await this.exited;
        if (this.ownsBackend && !keepBackend) await this.backend.close();
        assert.equal(code, 0, `sesame-server exited with ${code ?? signal} after SIGTERM:\n${this.tail()}`);
        const leaks = this.secrets.findIn(this.logText);
        assert.deepEqual(leaks, [], `the server log holds secrets: ${leaks.join(', ')}`);
    }

    // Stops and starts the same server (same flags and backend) on a new port.
    async restart() {
        await this.stop({ keepBackend: true });
        await this.spawn();
    }

    // ---- requests ----

    // A request; the answer is checked against openapi.json unless contract: false.
    async api(method, path, options = {}) {
        const res = await exchange(this.base, method, path, options);
        this.secrets.collect(options.json, res.json);
        if (options.contract !== false) checkAgainstContract(method, path, res);
        return res;
    }

    post(path, json, options = {}) {
        return this.api('POST', path, { ...options, json });
    }

    get(path, options = {}) {
        return this.api('GET', path, options);
    }

    // A phone whose code this test can learn: fresh in mock mode (the outbox
    // tells), a test number in full mode.
    newPhone() {
        return this.backend ? this.backend.takePhone() : freshPhone();
    }

    // Whether codes are random and readable (mock outbox) rather than fixed test numbers.
    get readsOutbox() {
        return !this.backend;
    }

    async outbox(phone) {
        const res = await this.get(`/mock/outbox?phone=${encodeURIComponent(phone)}`);
        assert.equal(res.status, 200, `outbox: ${res.text}`);
        return res.json.messages;
    }

    // The code last sent to `phone`.
    async codeFor(phone) {
        if (this.backend) return this.backend.codes.get(phone);
        const messages = await this.outbox(phone);
        assert.ok(messages.length > 0, `no code was sent to ${phone}`);
        return messages.at(-1).code;
    }

    // POST /v1/otp, asserting 202; the OtpResponse.
    async requestCode(phone, extra = {}, options = {}) {
        const res = await this.post('/v1/otp', { phone, ...extra }, options);
        assert.equal(res.status, 202, `POST /v1/otp for a phone: ${res.status} ${res.text}`);
        return res.json;
    }

    verify(phone, code, extra = {}, options = {}) {
        return this.post('/v1/otp/verify', { phone, code, ...extra }, options);
    }

    // A complete login (request, code, verify); the Session object.
    async login(phone = this.newPhone(), extra = {}) {
        await this.requestCode(phone);
        const res = await this.verify(phone, await this.codeFor(phone), extra);
        assert.equal(res.status, 200, `verify: ${res.status} ${res.text}`);
        return res.json;
    }

    refresh(refreshToken, options = {}) {
        return this.post('/v1/token/refresh', { refresh_token: refreshToken }, options);
    }

    me(accessToken) {
        return this.get('/v1/me', { token: accessToken });
    }
}

function codeLengthOf(flags) {
    const at = flags.indexOf('--code-length');
    return at >= 0 ? Number(flags[at + 1]) : 6;
}

// Registers before/after hooks that run one server for the enclosing
// describe; returns a getter for it. `options` may be an async function
// returning them (for options that need setup, like a key file).
export function serverFixture(mode, options = {}) {
    let server;
    before(async () => {
        server = await Server.start(mode, typeof options === 'function' ? await options() : options);
    });
    after(async () => {
        await server?.stop();
    });
    return () => server;
}

// Runs `body(server)` against a server of its own, stopped (and checked) after.
export async function withServer(mode, options, body) {
    const server = await Server.start(mode, options);
    try {
        await body(server);
    } catch (error) {
        await server.stop().catch(() => {});
        error.message += `\n--- server log tail ---\n${server.tail(15)}`;
        throw error;
    }
    await server.stop();
}

// Asserts `res` is the problem `code` (with its documented status); returns the body.
export function expectProblem(res, code, { field } = {}) {
    assert.equal(res.json?.code, code, `expected problem ${code}, got ${res.status} ${res.text}`);
    assert.equal(res.status, statusOfCode.get(code));
    if (field !== undefined) assert.equal(res.json.field, field, `problem field: ${res.text}`);
    return res.json;
}

// Starts a private services instance (its own Redis and PostgreSQL, for outage
// tests); {services, dir, stopRedis, startRedis, stopPostgres, startPostgres, close}.
export async function privateServices() {
    const dir = join('/tmp', `sesame-api-${process.pid}-${randomBytes(3).toString('hex')}`);
    const script = (...args) => run('bash', [servicesScript, ...args], { timeout: 120_000 });
    await script('start', dir, '--owner', String(process.pid));
    const stop = () => run('bash', [servicesScript, 'stop', dir]).catch(() => {});
    return {
        dir,
        services: readServicesEnv(join(dir, 'services.env')),
        stopRedis: () => script('stop-redis', dir),
        startRedis: () => script('start-redis', dir),
        stopPostgres: () => script('stop-postgres', dir),
        startPostgres: () => script('start-postgres', dir),
        close: stop,
    };
}
