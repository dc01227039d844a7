/**
 * Build step (npm run build:cli, after tsc): bundle the compiled CLI into one file and save V8's code
 * cache for it, made after checking the bundled sample so that the functions a check runs are in it
 * (see launch.cts for why and what it saves). Run with plain `node`: V8 accepts a cache only under the
 * flags it was made with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { fileStamp } from './file-stamp.cjs';
import { BUILT, compileBundle, tuneCompiler, type BundleStamps } from './launch.cjs';

const sample = fileURLToPath(new URL('../../samples/caofeidian-hrss-2024.xlsx', import.meta.url));
const BUNDLE_URL = '__budget_check_bundle_url';

/** Each module keeps its own import.meta.url (rules, catalogue and package.json are found relative to it). */
const ownModuleUrl: Plugin = {
  name: 'own-module-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const own = `new URL(${JSON.stringify(relative(dirname(BUILT.bundle), path))}, ${BUNDLE_URL}).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [BUILT.entry],
  outfile: BUILT.bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external', // ExcelJS, zod … stay in node_modules and load only when a command needs them
  // import() of node:crypto and node:worker_threads becomes a lazy require(): a script compiled from a
  // code cache has no import() callback (measured: "A dynamic import callback was not specified").
  supported: { 'dynamic-import': false },
  banner: { js: `var ${BUNDLE_URL} = require('node:url').pathToFileURL(__filename).href;` },
  plugins: [ownModuleUrl],
  logLevel: 'warning',
});

/**
 * Every character past ASCII written as its \\u escape (esbuild leaves the CJK of regular expressions and
 * comments as they are): a source all ASCII is read into a one-byte string, which Node decodes and V8
 * hashes and parses faster than the two-byte string one CJK character makes of all 560 KB. The escape
 * means the same character in a string, a template, a regular expression (a surrogate pair is one code
 * point under the u flag) and a comment.
 */
function asciiOnly(source: string): string {
  // “\、” would become “\\u3001”, a backslash and four letters: none is written today, so the build stops if one is.
  const escaped = /\\[^\x00-\x7f]/.exec(source);
  if (escaped) throw new Error(`a backslash before a non-ASCII character in the bundle: ${source.slice(escaped.index - 40, escaped.index + 2)}`);
  return source.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
writeFileSync(BUILT.bundle, asciiOnly(readFileSync(BUILT.bundle, 'utf8')));

tuneCompiler();
const { cli, script } = compileBundle(BUILT.bundle);
const discard = { out: () => {}, err: () => {} };
for (const format of ['text', 'json']) await cli.main(['check', sample, '--format', format], discard);
writeFileSync(BUILT.cache, script.createCachedData());

const stamps: BundleStamps = { entry: fileStamp(BUILT.entry)!, bundle: fileStamp(BUILT.bundle)!, cache: fileStamp(BUILT.cache) };
writeFileSync(BUILT.stamps, JSON.stringify(stamps));
process.stdout.write(`bundled the CLI → ${relative(process.cwd(), BUILT.bundle)} (code cache ${Math.round(stamps.cache!.size / 1024)} KiB)\n`);
