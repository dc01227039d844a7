/**
 * Which rules apply: the rules folder, a pack (by name or path, possibly extending another), a config
 * (given with --config, or budget-check.json beside the workbook). Files are read here; validation
 * and selection happen in core, the same code the task pane uses.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Catalogue } from '../core/check.js';
import type { SourceText } from '../core/rules/lint.js';
import type { ConfigFile } from '../core/rules/packs.js';
import { applySelections, unmatched, type Selection } from '../core/rules/packs.js';
import { CatalogueProblem, DEFAULT_RULES_DIR, folderSources, isDataFile, isDirectory, loadCatalogue, source } from './rule-files.js';

/** The linter and the file schemas load only when a pack, a config or another rules folder is in play. */
async function validators() {
  const [{ lint }, { ConfigFile, PackFile }] = await Promise.all([import('../core/rules/lint.js'), import('../core/rules/pack-schema.js')]);
  return { lint, ConfigFile, PackFile };
}

/** Rule files named by a pack or config: single files or folders of them. */
async function extraRuleSources(paths: string[], base: string): Promise<SourceText[]> {
  const out: SourceText[] = [];
  for (const p of paths) {
    const full = resolve(base, p);
    if (isDirectory(full)) {
      for (const n of readdirSync(full).filter(isDataFile).sort()) out.push(await source(join(full, n), 'rule'));
    } else out.push(await source(full, 'rule'));
  }
  return out;
}

/**
 * A config beside a workbook may have come with it (from another office, by mail): the rule files it
 * adds must sit in its own folder or below, never elsewhere on the disk.
 */
function confineToFolder(configFile: string, paths: readonly string[]): void {
  const base = dirname(resolve(configFile));
  paths.forEach((p, i) => {
    const rel = relative(base, resolve(base, p));
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new CatalogueProblem([{ file: configFile, line: 1, column: 1, path: `$.rules[${i}]`, message: `规则路径“${p}”在配置文件所在文件夹之外，不予读取 / the rules path “${p}” is outside the config file's folder; not read` }]);
    }
  });
}

interface PackChain {
  selections: Selection[];
  extra: SourceText[];
  packFiles: SourceText[];
}

async function readPack(ref: string, base: string, rulesDir: string, depth = 0): Promise<PackChain> {
  const file = ref.endsWith('.json') ? resolve(base, ref) : join(rulesDir, 'packs', `${ref}.json`);
  if (!existsSync(file)) {
    throw new CatalogueProblem([{ file: ref, line: 1, column: 1, path: '$', message: `找不到规则包“${ref}”（${file}） / rule pack “${ref}” not found (${file})` }]);
  }
  const text = await source(file, 'pack');
  const { lint, PackFile } = await validators();
  const checked = lint([text]);
  const parsed = PackFile.safeParse(JSON.parse(text.text));
  if (!parsed.success || checked.diagnostics.some((d) => d.file === file && !d.message.includes('no rule matches'))) throw new CatalogueProblem(checked.diagnostics);
  const pack = parsed.data;
  const parent = pack.extends && depth < 8 ? await readPack(pack.extends, dirname(file), rulesDir, depth + 1) : { selections: [], extra: [], packFiles: [] };
  return {
    selections: [...parent.selections, { include: pack.include, exclude: pack.exclude, severity: pack.severity }],
    extra: [...parent.extra, ...(await extraRuleSources(pack.rules, dirname(file)))],
    packFiles: [...parent.packFiles, text],
  };
}

export interface CatalogueChoice {
  /** A rules folder, a pack name (national) or a pack file. */
  rules?: string;
  /** A config file; when absent, budget-check.json beside the workbook is used if there is one. */
  config?: string;
  workbook?: string;
}

/** The config that applies: the one given, or the one beside the workbook. */
export async function findConfig(choice: CatalogueChoice): Promise<string | undefined> {
  if (choice.config) return resolve(choice.config);
  if (!choice.workbook) return undefined;
  const beside = join(dirname(resolve(choice.workbook)), 'budget-check.json');
  return existsSync(beside) ? beside : undefined;
}

export async function resolveCatalogue(choice: CatalogueChoice): Promise<Catalogue> {
  let rulesDir = DEFAULT_RULES_DIR;
  let pack: string | undefined;
  let packBase = process.cwd();
  if (choice.rules) {
    if (isDirectory(choice.rules)) rulesDir = resolve(choice.rules);
    else pack = choice.rules;
  }
  const configFile = await findConfig(choice);
  // The bundled rules as they are: the prepared catalogue, no linting.
  if (!pack && !configFile) return loadCatalogue(rulesDir);
  const { lint, ConfigFile } = await validators();
  let config: ConfigFile | undefined;
  let configSource: SourceText | undefined;
  if (configFile) {
    if (!existsSync(configFile)) {
      throw new CatalogueProblem([{ file: configFile, line: 1, column: 1, path: '$', message: '找不到配置文件 / config file not found' }]);
    }
    configSource = await source(configFile, 'config');
    const parsed = ConfigFile.safeParse(safeJson(configSource));
    if (!parsed.success) throw new CatalogueProblem(lint([configSource]).diagnostics);
    config = parsed.data;
    if (!pack && config.pack) {
      pack = config.pack;
      packBase = dirname(configFile);
    }
  }
  const chain = pack ? await readPack(pack, packBase, rulesDir) : { selections: [], extra: [], packFiles: [] };
  if (config && configFile) confineToFolder(configFile, config.rules);
  const configExtra = config && configFile ? await extraRuleSources(config.rules, dirname(configFile)) : [];
  const sources = [...(await folderSources(rulesDir)).filter((s) => s.kind !== 'pack'), ...chain.extra, ...configExtra];
  const checked = lint(sources);
  if (checked.diagnostics.length) throw new CatalogueProblem(checked.diagnostics);
  const selections = [...chain.selections];
  if (config) {
    const missing = [...unmatched(checked.rules, config.disable), ...unmatched(checked.rules, Object.keys(config.severity))];
    if (missing.length && configSource) throw new CatalogueProblem(lint([...sources, configSource]).diagnostics.filter((d) => d.file === configSource!.file));
    selections.push({ include: ['*'], exclude: config.disable, severity: config.severity });
  }
  return { vocab: checked.vocab, rules: applySelections(checked.rules, selections), ...(configFile && { config: configFile }) };
}

function safeJson(s: SourceText): unknown {
  try {
    return JSON.parse(s.text);
  } catch {
    return undefined;
  }
}


/** One catalogue per config in force: workbooks sharing a budget-check.json share its rules, read once. */
export function catalogueCache(choice: CatalogueChoice): (workbook: string) => Promise<Catalogue> {
  const cache = new Map<string, Promise<Catalogue>>();
  return async (workbook) => {
    const key = (await findConfig({ ...choice, workbook })) ?? '';
    let c = cache.get(key);
    if (!c) {
      c = resolveCatalogue({ ...choice, workbook });
      cache.set(key, c);
    }
    return c;
  };
}
