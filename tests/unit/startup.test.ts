/**
 * What a check loads. The modules a check imports (followed statically from the compiled CLI) hold
 * no package at all: ExcelJS (writing), zod, jsonc-parser and json-rules-engine (linting; conditions run
 * compiled) load on demand, only for the commands that need them. Measured, not timed: `npm run bench` gives the seconds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ITERATOR_PARAMS } from '../../src/core/rules/params/index.js';
import { ITERATORS } from '../../src/core/rules/registry.js';
import { ROOT } from '../helpers.js';

/** Packages imported statically (not `import type`, not `import()`) from `entry`, with the module importing each. */
function staticPackages(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, file.slice(ROOT.length));
    }
  };
  walk(entry);
  return packages;
}

describe('what a check loads', () => {
  const build = join(ROOT, 'build', 'cli');
  it.runIf(existsSync(join(build, 'check-command.js')))('the check path imports no package: not ExcelJS, zod, jsonc-parser or json-rules-engine', () => {
    const packages = new Map<string, string>();
    for (const entry of ['main.js', 'check-command.js', 'check-worker.js']) for (const [k, v] of staticPackages(join(build, entry))) packages.set(k, v);
    expect(Object.fromEntries(packages)).toEqual({});
    // The walk itself works: the linter's own imports are found from it.
    expect([...staticPackages(join(ROOT, 'build', 'core', 'rules', 'lint.js')).keys()].sort()).toEqual(['json-rules-engine', 'jsonc-parser', 'zod']);
  });

  it('every iterator has its parameter schema (kept apart so checks need not load zod)', () => {
    expect([...ITERATOR_PARAMS.keys()].sort()).toEqual([...ITERATORS.keys()].sort());
  });
});
