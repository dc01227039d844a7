/**
 * The department-wide target form's indicator block (部门整体支出绩效目标表): how many indicators are
 * written under its header. 北京 军民融合办 2026's 预算13表 prints the header (活动 | 绩效指标 | 指标性质 |
 * 指标值 | 度量单位) and one blank row under it: the form asks for indicators and gives none.
 */
import type { z } from 'zod';
import { toA1 } from '../../address.js';
import type { OverallIndicatorParams } from '../params/targets.js';
import type { Item } from '../context.js';
import { type IteratorDef, num, both } from '../registry-types.js';

export const overallIndicators: IteratorDef<z.infer<typeof OverallIndicatorParams>> = {
  name: 'overall-indicators',
  description: both(
    '部门整体支出绩效目标表的绩效指标栏（有表头的）：表头下写了几条指标',
    'the department-wide target form’s indicator block (where it has a header): how many indicators are written under the header',
  ),
  facts: {
    indicatorCount: num('表头下写了的指标条数', 'indicators written under the header'),
  },
  identities: false,
  texts: ['table'],
  run(ctx) {
    const items: Item[] = [];
    for (const t of ctx.tables('overall-target')) {
      const header = t.target?.indicatorHeader;
      if (!header) continue;
      items.push({
        facts: { indicatorCount: t.target!.indicators.length },
        text: (lang) => ({ table: lang === 'zh-CN' ? `部门整体支出绩效目标表（${t.sheet}）` : `department-wide target form (${t.sheet})` }),
        // Where the first indicator belongs: the row under the header, in the indicator's column.
        cell: { sheet: header.sheet, cell: toA1(header.row + 1, header.col) },
        related: [{ sheet: header.sheet, cell: header.cell }],
        table: t.id,
      });
    }
    return items;
  },
};
