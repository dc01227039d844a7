import { describe, expect, it } from 'vitest';
import { buildLayoutWorkbook, hiddenByMerges, type LayoutTranscription } from '../../src/xlsx/layout-transcription.js';

const source = { title: 't', department: 'd', province: 'p', year: 2026, document: '部门预算', origin: 'test' };

describe('a corpus transcription', () => {
  it('is refused when a merge hides a cell that holds something, naming the cell', () => {
    // 西安 2026 had “合计” typed in B beside its A:B merge: Excel shows A (empty), the total row lost its name.
    const data: LayoutTranscription = { source, sheets: [{ name: '表5', rows: [['科目编码', '科目名称', '合计'], [null, '合计', 10]], merges: ['A2:B2'] }] };
    expect(hiddenByMerges(data.sheets[0]!)).toEqual(['表5!B2 (A2:B2)']);
    expect(() => buildLayoutWorkbook(data)).toThrow(/表5!B2 \(A2:B2\)/);
  });

  it('builds when what a merge shows sits in its top-left cell', () => {
    const data: LayoutTranscription = { source, sheets: [{ name: '表5', rows: [['科目编码', '科目名称', '合计'], ['合计', null, 10]], merges: ['A2:B2'] }] };
    expect(hiddenByMerges(data.sheets[0]!)).toEqual([]);
    expect(buildLayoutWorkbook(data).getWorksheet('表5')!.getCell('A2').value).toBe('合计');
  });
});
