// Shared by the openapi tests: where things are, how to read them, and how
// to turn the API.md prose and the examples into comparable values.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const openapiPath = join(repoRoot, 'openapi.json');
export const apiDocPath = join(repoRoot, 'docs', 'API.md');
// The design folder sits beside the repo on a developer's machine and in CI.
export const sharedApiDocPath = join(repoRoot, '..', 'shared', 'design', 'API.md');
export const examplesDir = join(repoRoot, 'tests', 'contract', 'examples');

export const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
export const loadOpenApi = () => readJson(openapiPath);

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// Every operation of the document as { key: "POST /v1/otp", method, path, op }.
export function documentOperations(doc) {
    return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
        HTTP_METHODS.filter((m) => item[m]).map((m) => ({
            key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, op: item[m],
        })));
}

// The operations API.md names: every `METHOD /path` code span of its
// "## Endpoints" section (headings and prose alike, query strings dropped).
// An operation is protected when a heading naming it says "(protected)".
export function apiDocOperations(markdown) {
    const lines = markdown.split('\n');
    const start = lines.findIndex((l) => /^##\s+Endpoints\s*$/.test(l));
    if (start < 0) throw new Error('API.md has no "## Endpoints" section');
    const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
    const span = /`(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) (\/[^`\s?]*)(\?[^`]*)?`/g;
    const found = new Map();
    for (const line of lines.slice(start + 1, end < 0 ? undefined : end)) {
        const isProtectedHeading = /^#{3,}\s/.test(line) && line.includes('(protected)');
        for (const [, method, path] of line.matchAll(span)) {
            const key = `${method} ${path}`;
            const known = found.get(key);
            found.set(key, { key, method, path, protected: (known?.protected ?? false) || isProtectedHeading });
        }
    }
    if (found.size === 0) throw new Error('API.md names no `METHOD /path` operation');
    return [...found.values()];
}

// "device.name", "sessions[1].current", "" for the document itself: the form
// of index.json's "field" and of sdk/contract's FieldError.
export function fieldPath(segments) {
    return segments.map((s, i) => (/^[0-9]+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

// The field an Ajv error is about: its instance location, plus the member a
// required/additional/unevaluated error names.
export function errorField(error) {
    const segments = error.instancePath === ''
        ? []
        : error.instancePath.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    const member = error.params?.missingProperty ?? error.params?.additionalProperty ?? error.params?.unevaluatedProperty;
    if (member !== undefined) segments.push(member);
    return fieldPath(segments);
}

// An Ajv (JSON Schema 2020-12, strict) that knows the document's components:
// validatorFor("OtpRequest") checks a value against that component schema.
export function schemaValidators(doc) {
    // Strict, but for strictRequired: its heuristic cannot see the properties of
    // the schema an if/then branch applies to.
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    // The document's own top-level members are not JSON Schema keywords.
    ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components',
        'security', 'tags', 'externalDocs']);
    ajv.addSchema(doc, 'openapi.json');
    return (name) => {
        if (!doc.components?.schemas?.[name]) throw new Error(`no component schema ${name}`);
        return ajv.getSchema(`openapi.json#/components/schemas/${name}`);
    };
}

// "OtpRequest" -> "otp_request", the stem of its example files.
export const snakeName = (type) => type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
