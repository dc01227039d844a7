/**
 * A total its parts fall far short of. 北京 医保局 2026 prints 合计 110,896.62 万元 over 项 rows adding
 * up to 29,117.62: 81,779.00 of transfers has no row. Telling the clerk that one of the 45 blank parts
 * may hold the difference would send them hunting one cell; the finding says rows were left out.
 * (When the gap is less than the parts, one part left unfilled or deleted stays the hint: procurement.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGrid, type Catalogue } from '../../src/core/check.js';
import type { Finding } from '../../src/core/findings.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import { CORPUS_DIR } from '../../scripts/corpus-score.js';

let findings: Finding[];
beforeAll(async () => {
  const catalogue: Catalogue = await loadCatalogue();
  const grid = await readWorkbookFile(`${CORPUS_DIR}beijing-shi-yibao-2026-dept.xlsx`);
  findings = (await checkGrid('北京医保局', grid, catalogue)).report.findings;
});

describe('a total short of its parts by more than they hold', () => {
  it('says rows were left out, not that one blank part holds the difference', () => {
    const short = findings.filter((f) => f.ruleId === 'hierarchy-sum' && f.message.includes('相差 81779.000000 万元'));
    // One finding a row, on its first column, naming the other column short alike (项目支出) and relating its cell.
    expect(short.map((f) => `${f.sheet}!${f.cell}`).sort()).toEqual(['预算03表 支出总表!D69', '预算05表 一般公共预算支出表!C21']);
    expect(short.map((f) => f.related?.some((r) => r.cell === 'F69' || r.cell === 'G21'))).toEqual([true, true]);
    for (const f of short) {
      expect(f.message).toContain('多半是表中漏列了若干行');
      expect(f.message).toContain('同一行的“项目支出”（相差 81779.000000 万元）也比下级合计多');
      expect(f.message).not.toContain('项为空');
      expect(f.fix).toBeUndefined();
    }
  });
});
