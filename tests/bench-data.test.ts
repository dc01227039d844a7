/** The benchmark's synthetic budget must be a consistent one, or its timings measure the wrong work. */
import { describe, expect, it } from 'vitest';
import { checkGrid } from '../src/core/check.js';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { budgetWorkbookBuffer } from '../src/xlsx/budget-writer.js';
import { readWorkbookBuffer } from '../src/xlsx/read-file.js';
import { syntheticBudget } from '../bench/synthetic.js';

describe('the synthetic county-wide budget', () => {
  it('is recognised and satisfies every identity (no error, no warning beyond the tables it leaves out)', async () => {
    const data = syntheticBudget({ classes: ['201', '208', '213'], sections: 4, items: 3, projects: 12, seed: 5 });
    const grid = await readWorkbookBuffer('synthetic.xlsx', await budgetWorkbookBuffer(data));
    const { report } = await checkGrid('synthetic.xlsx', grid, await loadCatalogue());
    expect(report.tables.filter((t) => t.id === 'performance-target')).toHaveLength(12);
    expect(report.findings.filter((f) => f.severity !== 'info' && f.ruleId !== 'recognition/table-missing')).toEqual([]);
  });
});
