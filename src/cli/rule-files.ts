/**
 * Reading the rule catalogue from disk. Every path — the CLI, its worker threads, the tests, the
 * benchmarks, the docs — reads the files here. The bundled rules load from their prepared form
 * (linted at build time) while their fingerprint matches; any other folder, or an edited file, goes
 * through the linter, so a broken file is always reported the same way: file, line, column, JSON path
 * and message. The linter (and zod, jsonc-parser) load only then.
 */
// fs.promises, not node:fs/promises: a getter that loads the module at its first use, which a check
// of the bundled rules never makes (about 4 ms of a fresh process, streams included).
import { promises as fsp, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../core/check.js';
import type { LoadedRule } from '../core/rules/catalogue.js';
import type { Vocabulary } from '../core/vocabulary.js';
import type { Diagnostic, SourceKind, SourceText } from '../core/rules/lint.js';
import { fingerprint, reviveCatalogue, type PreparedCatalogue, type SourceStamp } from '../core/rules/prepared.js';
import { sameStamp } from './file-stamp.cjs';

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

export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

export async function source(file: string, kind: SourceKind): Promise<SourceText> {
  return { file, text: await fsp.readFile(file, 'utf8'), kind };
}

/**
 * The data files of a rules folder by kind: rules at the top, vocabulary/ (or the bundled one), packs/.
 * Listed synchronously, as the stamps are taken: every check starts here, and a hundred and twenty
 * stat calls through the thread pool cost a fresh check of the sample about 10 ms, one by one about 1.
 */
function folderFiles(dir: string): { file: string; kind: SourceKind }[] {
  const list = (d: string) => (isDirectory(d) ? readdirSync(d).filter(isDataFile).sort().map((n) => join(d, n)) : []);
  const vocabDir = join(dir, 'vocabulary');
  return [
    ...list(dir).map((file) => ({ file, kind: 'rule' as const })),
    ...list(isDirectory(vocabDir) ? vocabDir : join(DEFAULT_RULES_DIR, 'vocabulary')).map((file) => ({ file, kind: 'vocabulary' as const })),
    ...list(join(dir, 'packs')).map((file) => ({ file, kind: 'pack' as const })),
  ];
}

/** Every file of a rules folder: rules at the top, vocabulary/ (or the bundled one) and packs/ below it. */
export async function folderSources(dir: string): Promise<SourceText[]> {
  // Read together, in their listed order: one at a time, sixty small files were a tenth of a small check.
  return Promise.all(folderFiles(dir).map(({ file, kind }) => source(file, kind)));
}

/** The rule and vocabulary files of a folder (packs are selections, not part of the catalogue). */
export async function ruleSources(rulesDir: string): Promise<SourceText[]> {
  return (await folderSources(rulesDir)).filter((s) => s.kind !== 'pack');
}

/** Size and modification time of the bundled rule and vocabulary files, named relative to the rules folder. */
export function sourceStamps(): SourceStamp[] {
  return folderFiles(DEFAULT_RULES_DIR)
    .filter((f) => f.kind !== 'pack')
    .map(({ file }) => {
      const s = statSync(file);
      return { file: relative(DEFAULT_RULES_DIR, file), size: s.size, mtimeMs: s.mtimeMs };
    });
}

const sameStamps = (a: readonly SourceStamp[], b: readonly SourceStamp[]) =>
  a.length === b.length && a.every((x, i) => x.file === b[i]!.file && sameStamp(x, b[i]));

/** Read synchronously: nothing else is under way when a check starts, and the thread pool's round trip is dearer. */
function readPrepared(file: string): PreparedCatalogue | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PreparedCatalogue;
  } catch {
    return undefined;
  }
}

const revive = (prepared: PreparedCatalogue) => reviveCatalogue(prepared, (f) => join(DEFAULT_RULES_DIR, f));

/**
 * The rules of a folder as the linter gives them, with what only the maintainers' tools read (each
 * rule's description, params as written and cases): for rule tests and docs, never a check. Throws
 * CatalogueProblem when any file is wrong.
 */
export async function lintedCatalogue(rulesDir = DEFAULT_RULES_DIR): Promise<{ vocab: Vocabulary; rules: LoadedRule[] }> {
  return linted(await ruleSources(rulesDir));
}

async function linted(sources: SourceText[]): Promise<{ vocab: Vocabulary; rules: LoadedRule[] }> {
  const { lint } = await import('../core/rules/lint.js');
  const { diagnostics, vocab, rules } = lint(sources);
  if (diagnostics.length) throw new CatalogueProblem(diagnostics);
  return { vocab, rules };
}

/** The rules of a folder (every rule, no pack applied); throws CatalogueProblem when any file is wrong. */
export async function loadCatalogue(rulesDir = DEFAULT_RULES_DIR, preparedFile = PREPARED_CATALOGUE): Promise<Catalogue> {
  const bundled = relative(rulesDir, DEFAULT_RULES_DIR) === '';
  const prepared = bundled ? readPrepared(preparedFile) : undefined;
  // The bundled files as they were when prepared: nothing to read or hash.
  if (prepared?.stamps && sameStamps(prepared.stamps, sourceStamps())) {
    const catalogue = revive(prepared);
    if (catalogue) return catalogue;
  }
  const sources = await ruleSources(rulesDir);
  // Touched but not changed (a checkout, a copy): the fingerprint of the texts decides.
  if (prepared && prepared.fingerprint === fingerprint(sources)) {
    const catalogue = revive(prepared);
    if (catalogue) return catalogue;
  }
  return linted(sources);
}
