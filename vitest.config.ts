import { defineConfig } from 'vitest/config';

/**
 * The CLI's start (src/cli/launch.cts, file-stamp.cts) is CommonJS TypeScript, which Vite's default
 * transform (.ts, .mts, .tsx, .jsx) leaves out. The e2e config uses it too.
 */
export const typescriptTransform = { include: /\.([mc]?ts|[jt]sx)$/ };

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
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
