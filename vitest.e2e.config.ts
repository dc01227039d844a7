import { defineConfig } from 'vitest/config';
import { typescriptTransform } from './vitest.config.js';

export default defineConfig({
  oxc: typescriptTransform,
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
