/**
 * Reading the rule catalogue from disk. Every path — the CLI, its worker threads, the tests, the
 * benchmarks, the docs — reads the files here. The bundled rules load from their prepared form
 * (linted at build time) while their fingerprint matches; any other folder, or an edited file, goes
 * through the linter, so a broken file is always reported the same way: file, line, column, JSON path
 * and message. The linter (and zod, jsonc-parser) load only then.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../core/check.js';
import type { Diagnostic, SourceKind, SourceText } from '../core/rules/lint.js';
import { fingerprint, reviveCatalogue, type PreparedCatalogue } from '../core/rules/prepared.js';

/** rules/ beside src/ and build/: the same relative place from both. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** The prepared catalogue beside the compiled CLI (build/catalogue.json); absent when running from src/. */
export const PREPARED_CATALOGUE = fileURLToPath(new URL('../catalogue.json', import.meta.url));

/** Schemas sit beside the data they describe; they are not data. */
export function isDataFile(name: string): boolean {
  return name.endsWith('.json') && name !== 'schema.json' && !name.endsWith('.schema.json');
}

/** Stops a command: the diagnostics say which file, where, and what to do. */
export class CatalogueProblem extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'CatalogueProblem';
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.path}  ${d.message}`;
}

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

export async function source(file: string, kind: SourceKind): Promise<SourceText> {
  return { file, text: await readFile(file, 'utf8'), kind };
}

/** Every file of a rules folder: rules at the top, vocabulary/ (or the bundled one) and packs/ below it. */
export async function folderSources(dir: string): Promise<SourceText[]> {
  const out: SourceText[] = [];
  const list = async (d: string) => ((await isDirectory(d)) ? (await readdir(d)).filter(isDataFile).sort().map((n) => join(d, n)) : []);
  for (const f of await list(dir)) out.push(await source(f, 'rule'));
  const vocabDir = join(dir, 'vocabulary');
  for (const f of await list((await isDirectory(vocabDir)) ? vocabDir : join(DEFAULT_RULES_DIR, 'vocabulary'))) out.push(await source(f, 'vocabulary'));
  for (const f of await list(join(dir, 'packs'))) out.push(await source(f, 'pack'));
  return out;
}

/** The rule and vocabulary files of a folder (packs are selections, not part of the catalogue). */
export async function ruleSources(rulesDir: string): Promise<SourceText[]> {
  return (await folderSources(rulesDir)).filter((s) => s.kind !== 'pack');
}

/** The prepared form of the bundled rules, when it was made from exactly these sources. */
async function preparedFor(sources: readonly SourceText[]): Promise<Catalogue | undefined> {
  let prepared: PreparedCatalogue;
  try {
    prepared = JSON.parse(await readFile(PREPARED_CATALOGUE, 'utf8')) as PreparedCatalogue;
  } catch {
    return undefined;
  }
  if (prepared.fingerprint !== fingerprint(sources)) return undefined;
  return reviveCatalogue(prepared, (f) => join(DEFAULT_RULES_DIR, f));
}

/** The rules of a folder (every rule, no pack applied); throws CatalogueProblem when any file is wrong. */
export async function loadCatalogue(rulesDir = DEFAULT_RULES_DIR): Promise<Catalogue> {
  const sources = await ruleSources(rulesDir);
  if (relative(rulesDir, DEFAULT_RULES_DIR) === '') {
    const prepared = await preparedFor(sources);
    if (prepared) return prepared;
  }
  const { lint } = await import('../core/rules/lint.js');
  const { diagnostics, vocab, rules } = lint(sources);
  if (diagnostics.length) throw new CatalogueProblem(diagnostics);
  return { vocab, rules };
}
