// Error responses follow API.md's conventions: problem+json bodies whose
// `code` values fit the response status, Retry-After on 429, WWW-Authenticate
// on 401, Allow on 405, and every error code reachable from some operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentOperations, loadOpenApi } from './support.mjs';

const doc = loadOpenApi();
const operations = documentOperations(doc);
const problemSchema = doc.components.schemas.Problem;
const PROBLEM_REF = '#/components/schemas/Problem';

// Follows local $refs ("#/components/...") to the object they name.
function deref(value) {
    let node = value;
    for (let hops = 0; node?.$ref; ++hops) {
        assert.ok(hops < 10 && node.$ref.startsWith('#/'), `unresolvable $ref ${node.$ref}`);
        node = node.$ref.slice(2).split('/').reduce((at, part) => at?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
        assert.ok(node, `dangling $ref ${value.$ref}`);
    }
    return node;
}

// Every response of every operation: { where, status, response }.
const responses = operations.flatMap(({ key, op }) =>
    Object.entries(op.responses).map(([status, response]) => ({ where: `${key} ${status}`, status, response: deref(response) })));
const errorResponses = responses.filter((r) => r.status === 'default' || Number(r.status) >= 400);

// code -> status and code -> type, as the Problem schema's if/then table says.
const codeTable = new Map(problemSchema.allOf
    .filter((rule) => rule.if?.properties?.code?.const)
    .map((rule) => [rule.if.properties.code.const, rule.then.properties]));

// The codes an error response may carry: Problem's enum narrowed by the response.
function codesOf({ where, response }) {
    const media = Object.keys(response.content ?? {});
    assert.deepEqual(media, ['application/problem+json'], `${where}: an error is application/problem+json only`);
    const schema = response.content['application/problem+json'].schema;
    const parts = schema.$ref ? [schema] : schema.allOf ?? [];
    assert.ok(parts.some((p) => p.$ref === PROBLEM_REF), `${where}: the body is not a Problem`);
    const narrowed = parts.find((p) => p.properties?.code?.enum)?.properties.code.enum;
    return narrowed ?? problemSchema.properties.code.enum;
}

function requiredHeader(where, response, name) {
    const header = Object.entries(response.headers ?? {}).find(([n]) => n.toLowerCase() === name.toLowerCase());
    assert.ok(header, `${where}: no ${name} header`);
    assert.equal(deref(header[1]).required, true, `${where}: ${name} must be required`);
}

test('the Problem schema maps every code to its status and type exactly once', () => {
    const codes = problemSchema.properties.code.enum;
    assert.equal(new Set(codes).size, codes.length, 'a code is listed twice');
    assert.deepEqual([...codeTable.keys()].sort(), [...codes].sort());
    for (const [code, then] of codeTable) {
        assert.equal(then.type.const, `https://sesame.dev/problems/${code}`, code);
        assert.ok(Number.isInteger(then.status.const) && then.status.const >= 400, code);
    }
});

test('every error response is a Problem whose codes fit its status', () => {
    for (const r of errorResponses) {
        for (const code of codesOf(r)) {
            assert.ok(codeTable.has(code), `${r.where}: unknown code ${code}`);
            if (r.status !== 'default') {
                assert.equal(codeTable.get(code).status.const, Number(r.status), `${r.where}: ${code} has another status`);
            }
        }
    }
    for (const r of responses.filter((x) => Number(x.status) < 400)) {
        assert.ok(!('application/problem+json' in (r.response.content ?? {})), `${r.where}: success with a problem body`);
    }
});

test('every error code is answered by some operation', () => {
    const used = new Set(errorResponses.flatMap(codesOf));
    const unused = problemSchema.properties.code.enum.filter((code) => !used.has(code));
    assert.deepEqual(unused, []);
});

test('429 carries Retry-After, 401 WWW-Authenticate, 405 Allow', () => {
    const wanted = { 429: 'Retry-After', 401: 'WWW-Authenticate', 405: 'Allow' };
    const seen = new Set();
    for (const r of responses.filter((x) => x.status in wanted)) {
        requiredHeader(r.where, r.response, wanted[r.status]);
        seen.add(r.status);
    }
    assert.deepEqual([...seen].sort(), Object.keys(wanted).sort(), 'some of 401, 405, 429 never appear');
    const retryAfter = problemSchema.allOf.filter((rule) => rule.then?.properties?.status?.const === 429);
    assert.ok(retryAfter.length > 0 && retryAfter.every((rule) => rule.then.required?.includes('retry_after')),
        'a 429 problem must require retry_after');
});

test('every operation answers 405; bodies get 400, 413 and 415; protected ones 401', () => {
    for (const { key, op } of operations) {
        const statuses = Object.keys(op.responses);
        assert.ok(statuses.includes('405'), `${key}: no 405`);
        if (op.requestBody) {
            for (const s of ['400', '413', '415']) assert.ok(statuses.includes(s), `${key}: takes a body but has no ${s}`);
        }
        if ((op.security ?? doc.security ?? []).some((req) => 'bearerAuth' in req)) {
            assert.ok(statuses.includes('401'), `${key}: protected but has no 401`);
        }
    }
});
