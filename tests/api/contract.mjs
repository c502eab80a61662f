// Checks real server answers against the repo's openapi.json: the documented
// status, media type, required headers and body schema of the operation, and
// the problem+json invariants of every error (code -> status, type URI,
// Retry-After = retry_after).
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadOpenApi } from '../openapi/support.mjs';

export const openapi = loadOpenApi();
const problemSchema = openapi.components.schemas.Problem;

// Configured as tests/openapi/support.mjs's schemaValidators, but kept here
// because answers are checked against any schema of the document (response
// schemas inside paths too), which needs the Ajv instance itself. Those
// response schemas narrow Problem with untyped allOf parts
// ({"properties":{"code":{"enum":[...]}}}), hence strictTypes off.
const ajv = new Ajv2020({ strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components',
    'security', 'tags', 'externalDocs']);
ajv.addSchema(openapi, 'openapi.json');

// code -> HTTP status, as the Problem schema's if/then table says.
export const statusOfCode = new Map(problemSchema.allOf
    .filter((rule) => rule.if?.properties?.code?.const)
    .map((rule) => [rule.if.properties.code.const, rule.then.properties.status.const]));
export const errorCodes = problemSchema.properties.code.enum;

const escapePointer = (segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

// "/v1/sessions/{id}" -> /^\/v1\/sessions\/[^/]+$/
const templates = Object.keys(openapi.paths).map((template) => ({
    template,
    regex: new RegExp(`^${template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`),
}));

// The openapi path template a concrete path belongs to, or undefined.
export function pathTemplate(path) {
    const bare = path.split('?')[0];
    return templates.find((t) => t.regex.test(bare))?.template;
}

// Pointer (within openapi.json) of a response object, following one $ref.
function responsePointer(template, method, status) {
    const op = openapi.paths[template][method.toLowerCase()];
    const key = op.responses[String(status)] ? String(status) : 'default';
    const response = op.responses[key];
    if (response.$ref) return { pointer: response.$ref.slice(1), response: resolve(response.$ref), key };
    return { pointer: `/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${key}`, response, key };
}

function resolve(ref) {
    return ref.slice(2).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce((node, part) => node[part], openapi);
}

const compiled = new Map();
// A validator for the schema at `pointer` (e.g. "/components/schemas/Problem").
function validatorAt(pointer) {
    if (!compiled.has(pointer)) {
        compiled.set(pointer, ajv.getSchema(`openapi.json#${pointer}`));
    }
    return compiled.get(pointer);
}

function validate(pointer, value, where) {
    const check = validatorAt(pointer);
    assert.ok(check(value), `${where}: body does not match openapi ${pointer}: ${JSON.stringify(check.errors, null, 1)}\n` +
        `body: ${JSON.stringify(value)?.slice(0, 2000)}`);
}

const mediaType = (headers) => (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();

// problem+json invariants that hold for any error, documented operation or not.
export function checkProblem(res, where = '') {
    assert.equal(mediaType(res.headers), 'application/problem+json', `${where}: error ${res.status} is not problem+json`);
    assert.ok(res.json && typeof res.json === 'object', `${where}: problem body is not a JSON object: ${res.text}`);
    validate('/components/schemas/Problem', res.json, where);
    assert.equal(res.json.status, res.status, `${where}: problem status differs from the HTTP status`);
    assert.equal(statusOfCode.get(res.json.code), res.status, `${where}: ${res.json.code} must answer ${statusOfCode.get(res.json.code)}`);
    if (res.status === 429) {
        const header = res.headers.get('retry-after');
        assert.match(header ?? '', /^[1-9][0-9]*$/, `${where}: 429 without a Retry-After of whole seconds`);
        assert.equal(res.json.retry_after, Number(header), `${where}: retry_after differs from Retry-After`);
    }
    if (res.status === 401) {
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /, `${where}: 401 without WWW-Authenticate`);
    }
    if (res.json.code === 'invalid_token' || res.json.code === 'token_expired') {
        assert.equal(res.headers.get('www-authenticate'), 'Bearer error="invalid_token"', `${where}: WWW-Authenticate`);
    }
    if (res.status === 405) {
        assert.match(res.headers.get('allow') ?? '', /^[A-Z]+(, ?[A-Z]+)*$/, `${where}: 405 without Allow`);
    }
}

// Asserts that `res` ({status, headers, text, json}) is an answer openapi.json
// documents for `method path`; an unknown path must be a 404 problem.
export function checkAgainstContract(method, path, res) {
    const where = `${method} ${path} -> ${res.status}`;
    if (res.status >= 400) checkProblem(res, where);
    const template = pathTemplate(path);
    if (!template) {
        assert.equal(res.status, 404, `${where}: an unknown path must answer 404`);
        return;
    }
    const op = openapi.paths[template][method.toLowerCase()];
    if (!op) {
        assert.equal(res.status, 405, `${where}: a known path with another method must answer 405`);
        return;
    }
    const { pointer, response, key } = responsePointer(template, method, res.status);
    if (key === 'default') {
        assert.ok(res.status >= 400, `${where}: success status ${res.status} is not documented`);
    }
    for (const [name, header] of Object.entries(response.headers ?? {})) {
        const spec = header.$ref ? resolve(header.$ref) : header;
        if (spec.required) assert.ok(res.headers.get(name) !== null, `${where}: missing header ${name}`);
    }
    const content = response.content ?? {};
    if (Object.keys(content).length === 0) {
        assert.equal(res.text, '', `${where}: documented without a body, answered ${res.text.slice(0, 200)}`);
        return;
    }
    const media = mediaType(res.headers);
    assert.ok(media in content, `${where}: Content-Type ${media || '(none)'} is not the documented ${Object.keys(content).join(', ')}`);
    if (media.endsWith('json')) {
        validate(`${pointer}/content/${escapePointer(media)}/schema`, res.json, where);
    }
}

// The JSON a validator for component `name` accepts, e.g. assertSchema('Session', body).
export function assertSchema(name, value) {
    validate(`/components/schemas/${name}`, value, name);
}
