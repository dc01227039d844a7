/**
 * A fund or state-capital table a department may leave out: where the fiscal summary has nothing for
 * its source, its absence is a table of zeros, not a table missing. The recognition findings say so
 * (an info, not a warning), and a sum with that table as an optional addend counts it as zero.
 */
import type { Recognition } from '../model.js';
import type { TableId, Vocabulary } from '../vocabulary.js';

/** Which fiscal-summary rows and columns carry the money a fund or state-capital table would show. */
const FISCAL_EVIDENCE: Partial<Record<TableId, { rows: string[]; columns: string[] }>> = {
  'gov-fund-expense': { rows: ['incomeFund'], columns: ['expenseFund'] },
  'state-capital-expense': { rows: ['incomeCapital'], columns: ['expenseCapital'] },
};

/** True when the fiscal summary shows money for the table's source (or cannot say: no fiscal summary). */
function fiscalSummaryFunds(recognition: Recognition, id: TableId): boolean {
  const evidence = FISCAL_EVIDENCE[id];
  const fiscal = recognition.tables.find((t) => t.id === 'fiscal-summary');
  if (!evidence || !fiscal) return true;
  return fiscal.rows.some(
    (r) =>
      evidence.columns.some((c) => (r.cells[c]?.amount ?? 0) !== 0) ||
      (Object.values(r.keys).some((k) => evidence.rows.includes(k)) && (r.cells.incomeAmount?.amount ?? 0) !== 0),
  );
}

/** True when the workbook has no such table and need not have one: the fiscal summary shows nothing for it. */
export function leftOutAsEmpty(recognition: Recognition, vocab: Vocabulary, id: TableId): boolean {
  return !recognition.tables.some((t) => t.id === id) && (vocab.tables.get(id)?.mayBeEmpty ?? false) && !fiscalSummaryFunds(recognition, id);
}
