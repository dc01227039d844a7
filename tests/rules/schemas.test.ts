/** The JSON Schemas editors use: generated from zod, current, and agreeing with the checker. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildJsonSchemas, schemaText } from '../../src/core/rules/json-schemas.js';
import { ROOT } from '../helpers.js';

const schemas = buildJsonSchemas();
const ajv = new Ajv({ allErrors: true, strict: false });
const validators = Object.fromEntries(Object.entries(schemas).map(([path, s]) => [path, ajv.compile(s)]));
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const ruleFiles = readdirSync(join(ROOT, 'rules')).filter((n) => n.endsWith('.json') && n !== 'schema.json');

describe('generated JSON Schemas', () => {
  it.each(Object.keys(schemas))('%s is committed and current (run npm run schemas after changing a zod schema)', (path) => {
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(schemaText(schemas[path]!));
  });

  it('every rule file points at the rule schema and validates against it', () => {
    expect(ruleFiles.length).toBeGreaterThan(25);
    for (const name of ruleFiles) {
      const rule = read(`rules/${name}`);
      expect(rule.$schema, name).toBe('./schema.json');
      const validate = validators['rules/schema.json']!;
      expect(validate(rule) ? [] : validate.errors, name).toEqual([]);
    }
  });

  it('the vocabulary and the packs validate against theirs', () => {
    expect(validators['rules/schemas/vocabulary.schema.json']!(read('rules/vocabulary/tables.json'))).toBe(true);
    for (const name of readdirSync(join(ROOT, 'rules', 'packs'))) {
      expect(validators['rules/schemas/pack.schema.json']!(read(`rules/packs/${name}`)), name).toBe(true);
    }
  });

  it('rejects what the checker rejects: a misspelt key, a wrong severity, params that do not fit the iterator', () => {
    const validate = validators['rules/schema.json']!;
    const good = read('rules/hierarchy-sum.json');
    expect(validate({ ...good, severty: 'error' })).toBe(false);
    expect(validate({ ...good, severity: 'fatal' })).toBe(false);
    expect(validate({ ...good, params: { tables: ['income-sumary'] } })).toBe(false);
    expect(validate({ ...good, params: { ties: [] } })).toBe(false);
    expect(validate({ ...good, iterator: 'table-ties', params: read('rules/table-ties.json').params })).toBe(true);
  });

  it('completes the facts of the rule’s own iterator at any depth of the conditions, with their types', () => {
    const validate = validators['rules/schema.json']!;
    const good = read('rules/hierarchy-sum.json');
    const nested = (fact: string) => ({ ...good, conditions: { all: [{ any: [{ fact, operator: 'greaterThan', value: 0 }] }] } });
    expect(validate(nested('breach'))).toBe(true);
    // level3 is a fact of the indicators iterator, not of hierarchy-sums.
    expect(validate(nested('level3'))).toBe(false);
    const defs = schemas['rules/schema.json']!.definitions as Record<string, { properties: { fact: { enum: string[]; enumDescriptions: string[] } } }>;
    expect(defs['conditions-hierarchy-sums']!.properties.fact.enumDescriptions).toContainEqual(expect.stringMatching(/^breach \(number\): /));
  });
});
