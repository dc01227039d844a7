/** Reads the rule catalogue's JSON files from disk (the core only validates what it is given). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../core/check.js';
import { loadRules } from '../core/rules/catalogue.js';
import { loadVocabulary, type Vocabulary } from '../core/vocabulary.js';

/** rules/ beside src/ and build/: the same relative place from both. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export class RuleFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'RuleFileError';
  }
}

export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new RuleFileError(file, `JSON 语法错误 / invalid JSON: ${(e as Error).message}`);
  }
}

export async function loadVocabularyDir(rulesDir = DEFAULT_RULES_DIR): Promise<Vocabulary> {
  const dir = join(rulesDir, 'vocabulary');
  const names = (await readdir(dir)).filter(isDataFile).sort();
  const files = await Promise.all(names.map(async (n) => ({ file: join(dir, n), json: await readJsonFile(join(dir, n)) })));
  return loadVocabulary(files);
}

/** Rule files are the *.json files directly in the rules folder, except the schema. */
/** Schemas sit beside the data they describe; they are not data. */
export function isDataFile(name: string): boolean {
  return name.endsWith('.json') && name !== 'schema.json' && !name.endsWith('.schema.json');
}

export async function loadRuleDir(rulesDir = DEFAULT_RULES_DIR, vocab?: Vocabulary) {
  const names = (await readdir(rulesDir)).filter(isDataFile).sort();
  const files = await Promise.all(names.map(async (n) => ({ file: join(rulesDir, n), json: await readJsonFile(join(rulesDir, n)) })));
  return loadRules(files, vocab);
}

export async function loadCatalogue(rulesDir = DEFAULT_RULES_DIR): Promise<Catalogue> {
  const vocab = await loadVocabularyDir(rulesDir);
  return { vocab, rules: await loadRuleDir(rulesDir, vocab) };
}
