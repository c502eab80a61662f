// openapi.json is a valid OpenAPI 3.1 document, by Redocly's validator: its
// structural checks (every Schema Object keyword too), unresolved $refs, path
// parameters, operation ids, security schemes, ... with the strictest ruleset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfig, lint } from '@redocly/openapi-core';
import { loadOpenApi, openapiPath } from './support.mjs';

test('the document says it is OpenAPI 3.1', () => {
    assert.match(loadOpenApi().openapi, /^3\.1\.\d+$/);
});

test('Redocly recommended-strict finds no problem', async () => {
    const config = await createConfig({
        extends: ['recommended-strict'],
        rules: {
            // Its heuristic does not see the properties of the schema an if/then
            // branch applies to (Problem: retry_after on every 429; OtpResponse:
            // link_url with telegram_link), so it reports defined properties.
            'no-required-schema-properties-undefined': 'off',
        },
    });
    const problems = await lint({ ref: openapiPath, config });
    const report = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
    assert.deepEqual(report, []);
});
