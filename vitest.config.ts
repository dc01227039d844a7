import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The CLI's start (src/cli/launch.cts, file-stamp.cts) is CommonJS TypeScript, which Vite's default
 * transform (.ts, .mts, .tsx, .jsx) leaves out. The e2e config uses it too.
 */
export const typescriptTransform = { include: /\.([mc]?ts|[jt]sx)$/ };

/**
 * The files that take longest (measured in CI, longest first) start first, so the two workers end
 * together: on a fresh clone there is no timing cache and vitest orders by file size, which left the
 * reader-equality test (22 s, a small file) alone at the end.
 */
const SLOWEST = [
  'rules/mutations.test.ts',
  'train/training.test.ts',
  'cli/hostile.test.ts',
  'cli/maintainers.test.ts',
  'real/corpus.test.ts',
  'rules/conditions.test.ts',
  'real/mutations.test.ts',
  'xlsx/reader-equality.test.ts',
  'excel/gateway.test.ts',
  'cli/batch.test.ts',
  'readme.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((name) => f.moduleId.replaceAll('\\', '/').endsWith(`tests/${name}`));
      return i < 0 ? SLOWEST.length : i;
    };
    return (await super.sort(files))
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map((x) => x.file);
  }
}

export default defineConfig({
  oxc: typescriptTransform,
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Both cores: the slow files (training, mutations, the CLI) run side by side.
    maxWorkers: 2,
    // Test files share the modules they import (most import the same core): a third of a minute saved.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
