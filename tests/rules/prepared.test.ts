/**
 * The prepared catalogue (linted at build time, loaded by checks): the same rules and vocabulary the
 * linter gives, and never used once a rule file changes.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/core/rules/lint.js';
import { fingerprint, prepareCatalogue, PREPARED_VERSION, reviveCatalogue } from '../../src/core/rules/prepared.js';
import { DEFAULT_RULES_DIR, ruleSources } from '../../src/cli/rule-files.js';
import { checkGrid } from '../../src/core/check.js';
import { sampleGrid, SAMPLE_XLSX } from '../helpers.js';

describe('the prepared catalogue', () => {
  it('revives to the catalogue the linter builds, and checks the sample the same', async () => {
    const sources = await ruleSources(DEFAULT_RULES_DIR);
    const linted = lint(sources);
    expect(linted.diagnostics).toEqual([]);
    // Through JSON, as it is stored in build/catalogue.json.
    const stored = JSON.parse(JSON.stringify(prepareCatalogue(linted, fingerprint(sources), (f) => relative(DEFAULT_RULES_DIR, f))));
    const revived = reviveCatalogue(stored, (f) => join(DEFAULT_RULES_DIR, f))!;
    expect(revived.rules.map((r) => [r.id, r.file, r.iteratorDef.name])).toEqual(linted.rules.map((r) => [r.id, r.file, r.iteratorDef.name]));
    expect(revived.vocab).toEqual(linted.vocab);
    // Only what a check reads: the cases, descriptions and params as written stay in the rule files.
    expect(stored.rules.flatMap((r: object) => Object.keys(r).filter((k) => ['tests', 'description', 'params'].includes(k)))).toEqual([]);
    const grid = await sampleGrid();
    expect((await checkGrid(SAMPLE_XLSX, grid, revived)).report).toEqual((await checkGrid(SAMPLE_XLSX, grid, linted)).report);
  });

  it('has a fingerprint that any edit, rename or added file changes', async () => {
    const sources = await ruleSources(DEFAULT_RULES_DIR);
    const base = fingerprint(sources);
    const edited = sources.map((s, i) => (i === 3 ? { ...s, text: s.text.replace(':', ': ') } : s));
    const renamed = sources.map((s, i) => (i === 3 ? { ...s, file: `${s.file}x` } : s));
    expect(new Set([base, fingerprint(edited), fingerprint(renamed), fingerprint(sources.slice(1)), fingerprint([...sources, sources[0]!])]).size).toBe(5);
  });

  it('is taken without reading the rules while their sizes and times are as prepared, and never once they differ', async () => {
    const { loadCatalogue, sourceStamps } = await import('../../src/cli/rule-files.js');
    const sources = await ruleSources(DEFAULT_RULES_DIR);
    const prepared = prepareCatalogue(lint(sources), 'not-the-fingerprint', (f) => relative(DEFAULT_RULES_DIR, f));
    // A prepared form that differs from the files in one visible way, to tell which one was loaded.
    prepared.rules = prepared.rules.map((r) => (r.id === 'hierarchy-sum' ? { ...r, severity: 'info' as const } : r));
    const dir = mkdtempSync(join(tmpdir(), 'prepared-'));
    const file = join(dir, 'catalogue.json');
    const severity = async () => (await loadCatalogue(DEFAULT_RULES_DIR, file)).rules.find((r) => r.id === 'hierarchy-sum')!.severity;

    const stamps = sourceStamps();
    writeFileSync(file, JSON.stringify({ ...prepared, stamps }));
    expect(await severity()).toBe('info');
    // One file touched since (another size or time) and the fingerprint not matching: the files are linted.
    writeFileSync(file, JSON.stringify({ ...prepared, stamps: stamps.map((s, i) => (i === 0 ? { ...s, mtimeMs: s.mtimeMs + 1 } : s)) }));
    expect(await severity()).toBe('error');
    writeFileSync(file, JSON.stringify({ ...prepared, stamps: stamps.slice(1) }));
    expect(await severity()).toBe('error');
    // Touched but unchanged: the fingerprint of the texts still vouches for it.
    writeFileSync(file, JSON.stringify({ ...prepared, fingerprint: fingerprint(sources), stamps: [] }));
    expect(await severity()).toBe('info');
  });

  it('is not used for another folder: an edited copy of the rules is linted, its mistake reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-copy-'));
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const file = join(dir, 'hierarchy-sum.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"severity": "error"', '"severity": "eror"'));
    const { loadCatalogue, CatalogueProblem } = await import('../../src/cli/rule-files.js');
    await expect(loadCatalogue(dir)).rejects.toBeInstanceOf(CatalogueProblem);
  });

  it('is refused when it comes from another version or names an iterator that does not exist', () => {
    const base = { version: PREPARED_VERSION, fingerprint: 'x', vocab: { tables: [], metaRow: [], noteRow: [], totalRow: [] }, rules: [] };
    expect(reviveCatalogue({ ...base, version: 0 }, (f) => f)).toBeUndefined();
    expect(reviveCatalogue({ ...base, rules: [{ iterator: 'no-such' } as never] }, (f) => f)).toBeUndefined();
    expect(reviveCatalogue(base, (f) => f)).toBeDefined();
  });
});
