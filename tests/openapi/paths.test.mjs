// openapi.json describes exactly the operations of API.md, protected exactly
// where API.md says so, and docs/API.md is the design's API.md. Operations
// beyond API.md (delivery status for QA, upstream callbacks) are allowed only
// when marked `x-sesame-extension` with the reason API.md does not name them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { apiDocOperations, apiDocPath, documentOperations, loadOpenApi, sharedApiDocPath } from './support.mjs';

const doc = loadOpenApi();
const apiDoc = readFileSync(apiDocPath, 'utf8');
const sorted = (keys) => [...keys].sort();

test('the API.md parser finds operations, headings and prose alike', () => {
    const sample = [
        '## Conventions', '`GET /ignored` is outside the section.',
        '## Endpoints',
        '### `POST /v1/a` — does a', '### `GET /v1/b` (protected) → `{"x"}`',
        'Prose: `PATCH /v1/b`, then `GET /x?phone=<E.164>` and `400 invalid_request`.',
        '## Tokens', '`DELETE /v1/after`',
    ].join('\n');
    assert.deepEqual(apiDocOperations(sample), [
        { key: 'POST /v1/a', method: 'POST', path: '/v1/a', protected: false },
        { key: 'GET /v1/b', method: 'GET', path: '/v1/b', protected: true },
        { key: 'PATCH /v1/b', method: 'PATCH', path: '/v1/b', protected: false },
        { key: 'GET /x', method: 'GET', path: '/x', protected: false },
    ]);
    assert.throws(() => apiDocOperations('## Endpoints\nnothing here\n'), /names no/);
    assert.throws(() => apiDocOperations('# API\n'), /no "## Endpoints"/);
});

const isExtension = (o) => typeof o.op['x-sesame-extension'] === 'string' && o.op['x-sesame-extension'].length >= 20;

test('(method, path) pairs equal those of API.md, plus the marked extensions', () => {
    const expected = apiDocOperations(apiDoc).map((o) => o.key);
    assert.ok(expected.length >= 10, `API.md parser found only ${expected.length} operations`);
    const operations = documentOperations(doc);
    assert.deepEqual(sorted(operations.filter((o) => !isExtension(o)).map((o) => o.key)), sorted(expected));
    for (const o of operations.filter(isExtension)) {
        assert.ok(!expected.includes(o.key), `${o.key} is in API.md: it is no extension`);
    }
});

test('bearer security exactly on the operations API.md marks protected', () => {
    const isProtected = (op) => (op.security ?? doc.security ?? []).some((req) => 'bearerAuth' in req);
    const actual = documentOperations(doc).filter((o) => isProtected(o.op)).map((o) => o.key);
    const expected = apiDocOperations(apiDoc).filter((o) => o.protected).map((o) => o.key);
    assert.ok(expected.length > 0, 'API.md marks no operation (protected)');
    assert.deepEqual(sorted(actual), sorted(expected));
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer');
});

test('docs/API.md is a byte-identical copy of the design API.md', (t) => {
    if (!existsSync(sharedApiDocPath)) {
        t.skip(`no ${sharedApiDocPath} beside the repo`);
        return;
    }
    assert.ok(readFileSync(apiDocPath).equals(readFileSync(sharedApiDocPath)),
        `docs/API.md differs from ${sharedApiDocPath}: copy it over`);
});
