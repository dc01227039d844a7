/**
 * How the CLI starts: from the built bundle and its code cache while they match the compiled modules,
 * from the modules themselves when they do not — and the same findings either way. Each case starts a
 * fresh Node (V8 takes a code cache only under the flags it was made with, which a test worker's are not).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleFiles, BundleStamps } from '../../src/cli/launch.cjs';
import { ROOT, SAMPLE_XLSX } from '../helpers.js';

const LAUNCH = join(ROOT, 'build', 'cli', 'launch.cjs');
const built: BundleFiles = {
  entry: join(ROOT, 'build', 'cli', 'main.js'),
  bundle: join(ROOT, 'build', 'cli', 'budget-check.cjs'),
  cache: join(ROOT, 'build', 'cli', 'budget-check.cache'),
  stamps: join(ROOT, 'build', 'cli', 'budget-check.json'),
};

/** Starts the CLI as the bin does, with these files, and checks the sample: how it started and what it found. */
function start(files: BundleFiles) {
  const script = `
    const { loadCli } = await import(${JSON.stringify(pathToFileURL(LAUNCH).href)});
    const argv = ['check', ${JSON.stringify(SAMPLE_XLSX)}, '--format', 'json'];
    const { cli, from } = await loadCli(argv, ${JSON.stringify(files)});
    let out = '';
    const code = await cli.main(argv, { out: (t) => (out += t), err: () => {} });
    process.stdout.write(JSON.stringify({ from, code, findings: JSON.parse(out).workbooks[0].findings }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { from: string; code: number; findings: unknown[] };
}

let dir: string;
let stamps: BundleStamps;
const withStamps = (name: string, s: BundleStamps, files: Partial<BundleFiles> = {}): BundleFiles => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(s));
  return { ...built, ...files, stamps: file };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budget-check-launch-'));
  stamps = JSON.parse(readFileSync(built.stamps, 'utf8')) as BundleStamps;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('starting the CLI', () => {
  it('runs the bundle with its code cache as built, and finds what the compiled modules find', () => {
    const fromModules = start(withStamps('none.json', { ...stamps, entry: { size: -1, mtimeMs: 0 } }));
    const fromBundle = start(built);
    expect(fromModules.from).toBe('modules');
    expect(fromBundle.from).toBe('bundle with code cache');
    expect(fromBundle.findings.length).toBeGreaterThan(0);
    expect(fromBundle).toEqual({ ...fromModules, from: 'bundle with code cache' });
  });

  it('never runs a bundle older than the compiled modules (tsc run without the bundle step)', () => {
    const stale = withStamps('stale.json', { ...stamps, entry: { ...stamps.entry, mtimeMs: stamps.entry.mtimeMs - 1000 } });
    expect(start(stale).from).toBe('modules');
    expect(start({ ...built, stamps: join(dir, 'no-such-stamps.json') }).from).toBe('modules');
  });

  it('answers --help and --version from the modules: loading the bundle would only delay them', async () => {
    const { loadCli } = (await import(pathToFileURL(LAUNCH).href)) as typeof import('../../src/cli/launch.cjs');
    for (const argv of [[], ['--help'], ['check', '-h'], ['help', 'check'], ['--version'], ['version']]) {
      expect((await loadCli(argv, built)).from, argv.join(' ')).toBe('modules');
    }
  });

  it('compiles the bundle without the cache when the cache is not the one built, or V8 refuses it', () => {
    const other = withStamps('other-cache.json', { ...stamps, cache: { ...stamps.cache!, size: stamps.cache!.size + 1 } });
    expect(start(other).from).toBe('bundle');
    // A file that is not a code cache at all, stamped as if it were: V8 rejects it and the bundle compiles.
    const garbage = join(dir, 'garbage.cache');
    copyFileSync(built.bundle, garbage);
    const { size, mtimeMs } = statSync(garbage);
    const refused = start(withStamps('garbage.json', { ...stamps, cache: { size, mtimeMs } }, { cache: garbage }));
    expect(refused.from).toBe('bundle');
    expect(refused.findings).toEqual(start(built).findings);
  });
});
