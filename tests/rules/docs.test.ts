/** docs/rules is generated from the rules; a rule changed without npm run docs fails here. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintedCatalogue } from '../../src/cli/rule-files.js';
import { buildRuleDocs } from '../../scripts/rule-docs.js';
import { ROOT } from '../helpers.js';

describe('generated rule docs', async () => {
  const docs = await buildRuleDocs(await lintedCatalogue());

  it('has one page per rule plus the index, and nothing else', () => {
    expect(readdirSync(join(ROOT, 'docs', 'rules')).sort()).toEqual(Object.keys(docs).sort());
  });

  it.each(Object.keys(docs))('%s is current (run npm run docs)', (name) => {
    expect(readFileSync(join(ROOT, 'docs', 'rules', name), 'utf8')).toBe(docs[name]);
  });

  it('shows the incorrect example with the message the rule really gives', () => {
    expect(docs['perf-value-unit.md']).toContain('单位“入”无法识别，可能是笔误');
    expect(docs['perf-value-unit.md']).toContain('"disable": [\n    "perf-value-unit"\n  ]');
  });
});
