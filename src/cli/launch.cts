/**
 * How `budget-check` starts: from a one-file bundle of the compiled CLI, with V8's code cache.
 *
 * Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), so every start
 * compiled our ~60 modules and every function a check runs. Measured on the sample (fresh processes,
 * median of 15): 423 ms from the modules, 367 ms from the bundle, 326 ms from the bundle with its
 * code cache, against 136 ms for bare Node. The bundle and its cache are made by the build
 * (prepare-bundle.ts) and used only while the stamps written then still hold; otherwise the CLI runs
 * from the compiled modules exactly as before, only slower. V8 itself refuses a cache made by another
 * Node version or under other flags, and the bundle then compiles as if it had none.
 *
 * A CommonJS module, as the bin is: Node's ES module loader, and the facades it makes for each built-in
 * module imported, cost 10–19 ms of the sample's check (fresh processes, median of 15: 299–301 ms
 * against 310–318 from ES modules); the compiled modules it falls back to are loaded by import().
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fileStamp, sameStamp, type FileStamp } from './file-stamp.cjs';
import type { Io } from './main.js';

export interface Cli {
  main(argv: string[], io?: Io): Promise<number>;
}

export interface BundleFiles {
  /** The compiled entry module the bundle was made from. */
  entry: string;
  bundle: string;
  cache: string;
  /** Stamps of the three above as the build left them. */
  stamps: string;
}

const beside = (name: string) => join(__dirname, name);
export const BUILT: BundleFiles = {
  entry: beside('./main.js'),
  bundle: beside('./budget-check.cjs'),
  cache: beside('./budget-check.cache'),
  stamps: beside('./budget-check.json'),
};

export interface BundleStamps {
  entry: FileStamp;
  bundle: FileStamp;
  cache?: FileStamp;
}

/** Compiles the bundle (with the cache's help when given) and runs its top level: the CLI's exports. */
export function compileBundle(bundle: string, cachedData?: Buffer): { cli: Cli; script: vm.Script } {
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const module = { exports: {} as Cli };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { cli: module.exports, script };
}

/**
 * V8 hands a function to its optimising compiler once the function has run a set amount of bytecode
 * (the interrupt budget, 66 KB by default). A check of a small workbook runs most of its functions only
 * briefly, so at the default much of the optimising is paid for and never repaid: measured in fresh
 * processes on this 2-core machine, interleaved, with a code cache made under each setting, a budget
 * of 600 KB takes the sample's check from 169 to about 130 ms and the county workbook's from 880 to
 * about 700, and leaves the ten-times workbook where it was. Set before the bundle is compiled, both
 * here and when its code cache is made, since V8 takes a cache only under the flags it was made with.
 * Only on the Node measured: an unknown flag would be reported on stderr.
 */
export function tuneCompiler(): void {
  if (process.versions.node.split('.')[0] === '20') v8.setFlagsFromString('--interrupt-budget=614400');
}

export type StartedFrom = 'bundle with code cache' | 'bundle' | 'modules';

/** What only prints the usage or the version: loading the bundle (~15 ms) would cost more than it saves. */
const answersAlone = (argv: readonly string[]) =>
  argv.length === 0 || argv[0] === 'help' || argv[0] === 'version' || argv.some((a) => ['--help', '-h', '--version', '-v'].includes(a));

/**
 * The CLI for these arguments: from the bundle while it matches the compiled modules, else from the
 * modules themselves. Either way it behaves the same; only the time to start differs.
 */
export async function loadCli(argv: readonly string[], files: BundleFiles = BUILT): Promise<{ cli: Cli; from: StartedFrom }> {
  const stamps = answersAlone(argv) ? undefined : (readJson(files.stamps) as BundleStamps | undefined);
  // A newer compile than the bundle (tsc run alone) makes the bundle stale: never run old code.
  if (!answersAlone(argv)) tuneCompiler();
  if (stamps && sameStamp(stamps.entry, fileStamp(files.entry)) && sameStamp(stamps.bundle, fileStamp(files.bundle))) {
    const cache = sameStamp(stamps.cache, fileStamp(files.cache)) ? readBytes(files.cache) : undefined;
    const { cli, script } = compileBundle(files.bundle, cache);
    return { cli, from: cache && !script.cachedDataRejected ? 'bundle with code cache' : 'bundle' };
  }
  return { cli: (await import(pathToFileURL(files.entry).href)) as Cli, from: 'modules' };
}

function readBytes(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function readJson(file: string): unknown {
  const bytes = readBytes(file);
  try {
    return bytes && JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
