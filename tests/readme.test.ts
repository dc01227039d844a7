/**
 * The README says what works: every relative link leads to a file of the repository, and every
 * budget-check command in its shell blocks runs as written (from a fresh directory that holds the
 * repository's samples — of the real corpus, a part: see samplesIn — and rules), with the outcome the
 * README promises.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const commands = shellBlocks
  .flatMap((b) => b.split('\n'))
  .map((l) => l.replace(/^npm install && /, '').replace(/\s+#.*$/, '').trim())
  .filter((l) => l.startsWith('npx budget-check '));

/** Arguments as a shell would split these lines (no quoting is used in them). */
const argv = (line: string) => line.replace(/^npx budget-check /, '').split(/\s+/);

/**
 * The fresh directory's samples: all of them but the real corpus, of which it holds the workbooks a
 * command names and every eighth besides. The folder command runs the same batch on a dozen as on the
 * whole corpus, which grew past a hundred and made that one command a tenth of the test suite.
 */
function samplesIn(cwd: string): void {
  const samples = join(cwd, 'samples');
  mkdirSync(join(samples, 'real'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'samples'))) if (entry !== 'real') symlinkSync(join(ROOT, 'samples', entry), join(samples, entry));
  const named = new Set(commands.flatMap((c) => argv(c)).filter((a) => a.startsWith('samples/real/')).map((a) => a.slice('samples/real/'.length)));
  readdirSync(join(ROOT, 'samples', 'real'))
    .filter((f, i) => named.has(f) || (f.endsWith('.xlsx') && i % 8 === 0))
    .forEach((f) => symlinkSync(join(ROOT, 'samples', 'real', f), join(samples, 'real', f)));
}

describe('the README', () => {
  it('links only to files that exist in the repository', () => {
    const links = [...readme.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(existsSync(join(ROOT, l)), l).toBe(true);
    expect(readme).not.toMatch(/\.\.\/shared\//);
  });

  it('has the budget-check commands this test runs', () => {
    expect(commands.map((c) => argv(c)[0])).toEqual(expect.arrayContaining(['check', 'train', 'recognize', 'rules']));
  });

  it.each(commands)('%s', (line) => {
    const cwd = mkdtempSync(join(tmpdir(), 'readme-'));
    samplesIn(cwd);
    symlinkSync(join(ROOT, 'rules'), join(cwd, 'rules'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'budget-check.js'), ...argv(line)], { cwd, encoding: 'utf8' });
    // 0: nothing wrong; 1: mistakes found (the real budgets have some) — both are the command working.
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stderr).not.toMatch(/内部错误|internal error/);
    const args = argv(line);
    if (args[0] === 'train') {
      const out = join(cwd, args[args.indexOf('--out') + 1]!);
      const count = Number(args[args.indexOf('--count') + 1]);
      expect(readdirSync(out).filter((f) => f.endsWith('.xlsx'))).toHaveLength(count);
      expect(JSON.parse(readFileSync(join(out, 'answers.json'), 'utf8'))).toHaveLength(16 * count);
      expect(readFileSync(join(out, 'answers.md'), 'utf8')).toContain('数字颠倒');
    }
    if (args.includes('--out') && args[0] === 'check') expect(existsSync(join(cwd, args[args.indexOf('--out') + 1]!))).toBe(true);
    if (args.includes('--annotate')) expect(readdirSync(join(cwd, args[args.indexOf('--annotate') + 1]!)).length).toBeGreaterThan(0);
  }, 120_000);
});
