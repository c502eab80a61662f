// The golden examples shared with the C++ contract tests match the component
// schemas: valid ones validate, invalid ones fail for exactly the field that
// index.json names (errors elsewhere would mean a second, unintended reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorField, examplesDir, loadOpenApi, readJson, schemaValidators, snakeName } from './support.mjs';

const doc = loadOpenApi();
const schemaNames = Object.keys(doc.components.schemas);
const index = readJson(join(examplesDir, 'index.json'));
const validatorFor = schemaValidators(doc);

// The contract's types, as sdk/contract/include/sesame/contract/messages.h names them.
const CONTRACT_TYPES = ['OtpRequest', 'VerifyRequest', 'RefreshRequest', 'LogoutRequest', 'ProfilePatch', 'ShopPatch',
    'OtpResponse', 'Session', 'MeResponse', 'SessionList', 'Outbox', 'Jwks', 'User', 'Shop', 'Device',
    'SessionInfo', 'Consent', 'OutboxMessage', 'Jwk', 'Problem'];

const explain = (errors) => errors.map((e) => `${errorField(e) || '(document)'} ${e.keyword}: ${e.message}`).join('; ');
// "a.b" sits inside "a" and inside the document ("").
const within = (field, outer) => outer === '' || field === outer || field.startsWith(`${outer}.`) || field.startsWith(`${outer}[`);

test('component schemas are exactly the contract types', () => {
    assert.deepEqual([...schemaNames].sort(), [...CONTRACT_TYPES].sort());
});

test('index.json lists every example file once, with a known type and a matching name', () => {
    const onDisk = ['valid', 'invalid'].flatMap((dir) => readdirSync(join(examplesDir, dir)).map((f) => `${dir}/${f}`));
    const listed = index.map((e) => e.file);
    assert.equal(new Set(listed).size, listed.length, 'an example is listed twice');
    assert.deepEqual([...listed].sort(), onDisk.sort());
    for (const entry of index) {
        assert.ok(schemaNames.includes(entry.type), `${entry.file}: unknown type ${entry.type}`);
        assert.equal(typeof entry.valid, 'boolean', `${entry.file}: "valid" must be a boolean`);
        const stem = new RegExp(`^${entry.valid ? 'valid' : 'invalid'}/${snakeName(entry.type)}${entry.valid ? '(\\.[a-z0-9_]+)?' : '\\.[a-z0-9_]+'}\\.json$`);
        assert.match(entry.file, stem);
        if (!entry.valid) assert.equal(typeof entry.field, 'string', `${entry.file}: an invalid example names its "field"`);
    }
});

test('every type has a valid and an invalid example; every error code a valid problem', () => {
    for (const type of schemaNames) {
        assert.ok(index.some((e) => e.type === type && e.valid), `no valid example of ${type}`);
        assert.ok(index.some((e) => e.type === type && !e.valid), `no invalid example of ${type}`);
    }
    const codes = new Set(index.filter((e) => e.type === 'Problem' && e.valid)
        .map((e) => readJson(join(examplesDir, e.file)).code));
    for (const code of doc.components.schemas.Problem.properties.code.enum) {
        assert.ok(codes.has(code), `no valid/problem example with code ${code}`);
    }
});

test('valid examples validate against their schema', () => {
    const failures = index.filter((e) => e.valid).flatMap((entry) => {
        const validate = validatorFor(entry.type);
        return validate(readJson(join(examplesDir, entry.file))) ? [] : [`${entry.file}: ${explain(validate.errors)}`];
    });
    assert.deepEqual(failures, []);
});

test('invalid examples fail their schema at the field index.json names, and only there', () => {
    const failures = index.filter((e) => !e.valid).flatMap((entry) => {
        const validate = validatorFor(entry.type);
        if (validate(readJson(join(examplesDir, entry.file)))) return [`${entry.file}: validates`];
        const fields = validate.errors.map(errorField);
        if (!fields.includes(entry.field)) return [`${entry.file}: no error at "${entry.field}": ${explain(validate.errors)}`];
        const elsewhere = validate.errors.filter((e) => !within(entry.field, errorField(e)));
        return elsewhere.length ? [`${entry.file}: also fails elsewhere: ${explain(elsewhere)}`] : [];
    });
    assert.deepEqual(failures, []);
});

test('the field path helper matches sdk/contract FieldError paths', () => {
    const err = (instancePath, params = {}) => errorField({ instancePath, params });
    assert.equal(err(''), '');
    assert.equal(err('', { missingProperty: 'phone' }), 'phone');
    assert.equal(err('/device', { missingProperty: 'name' }), 'device.name');
    assert.equal(err('/sessions/1/current'), 'sessions[1].current');
    assert.equal(err('/messages/0', { missingProperty: 'sent_at' }), 'messages[0].sent_at');
    assert.equal(err('/a~1b/c~0d'), 'a/b.c~d');
});
