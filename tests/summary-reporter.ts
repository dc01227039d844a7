/**
 * Prints the plain closing line CI reads ("unit: N passed, N failed, N skipped") after vitest's own
 * summary, and records the counts so scripts/test.sh can print one total for all runners.
 */
import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const m of testModules) {
      let failedHere = 0;
      for (const test of m.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedHere++;
        else counts.skipped++;
      }
      // A file that failed to load, or whose setup failed (its tests then skipped), is a failure too.
      if (m.state() === 'failed' && failedHere === 0) failedHere = 1;
      counts.failed += failedHere;
    }
    const label = process.env.TEST_LABEL ?? 'tests';
    process.stdout.write(`\n${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    if (process.env.TEST_COUNTS_FILE) appendFileSync(process.env.TEST_COUNTS_FILE, `${JSON.stringify({ label, ...counts })}\n`);
  }
}
