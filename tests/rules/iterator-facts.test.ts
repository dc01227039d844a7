/** Facts a maintainer may write conditions on say what their descriptions say. */
import { describe, expect, it } from 'vitest';
import { recognize } from '../../src/core/recognize/recognize.js';
import { RuleContext } from '../../src/core/rules/context.js';
import { snippetToGrid } from '../../src/core/rules/rule-tests.js';
import { lintedCatalogue } from '../../src/cli/rule-files.js';

const catalogue = await lintedCatalogue();

describe('code-coverage', () => {
  it('counts the target table’s rows holding a code: a code listed twice is 2, a missing one 0', () => {
    const rule = catalogue.rules.find((r) => r.id === 'code-coverage')!;
    const repeated = rule.tests.invalid.find((c) => c.name.includes('listed twice'))!;
    const grid = snippetToGrid(repeated.workbook);
    const ctx = new RuleContext(recognize(grid, catalogue.vocab), catalogue.vocab, grid);
    const facts = [...rule.iteratorDef.run(ctx, rule.parsedParams, rule.id)].filter((i) => i.table === 'expense-summary').map((i) => i.facts);
    const of = (code: string) => facts.find((f) => f.code === code)!;
    expect(of('20801')).toMatchObject({ rowsInTarget: 2, missing: false });
    expect(of('2080101')).toMatchObject({ rowsInTarget: 1, missing: false });
    expect(of('2080104')).toMatchObject({ rowsInTarget: 0, missing: true, parentCode: '20801' });
  });
});
