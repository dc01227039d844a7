/**
 * Why the recogniser read a workbook as it did: each table with the title words that named it, its
 * unit and header rows, each column's role with the header text and vocabulary words behind it, the
 * amount columns nothing matched, and the standard tables it did not find. For the maintainer who
 * adds a header synonym and wants to see it take.
 */
import { columnLetters } from '../address.js';
import type { Lang } from '../messages.js';
import type { Recognition, RecognizedTable } from '../model.js';
import { normalizeLabel } from '../text.js';
import { matchScore, type TextMatcher, type Vocabulary } from '../vocabulary.js';
import { titleCore } from './recognize.js';

export interface ColumnExplanation {
  column: string;
  role: string;
  roleName: string;
  header: string;
  /** The vocabulary words that matched the header ("财政拨款" + "收入", or = "合计"). */
  words: string;
}

export interface TableExplanation {
  id: string;
  name: string;
  sheet: string;
  range: string;
  title: string;
  titleCell?: string;
  /** The vocabulary words that matched the title. */
  titleWords: string;
  unit: string;
  unitCell?: string;
  headerRows: string;
  columns: ColumnExplanation[];
  unmatched: { column: string; header: string }[];
  rows: { count: number; coded: number; totalRow?: number };
  problems: string[];
}

export interface RecognitionExplanation {
  tables: TableExplanation[];
  missing: { id: string; name: string }[];
  /** Sheets where no table was found, with their first texts. */
  sheetsWithoutTables: { sheet: string; sample: string }[];
}

/** How a matcher reads to a person: the words it needs, and the words it refuses. */
export function describeMatcher(m: TextMatcher): string {
  if (m.exact !== undefined) return `= “${m.exact}”`;
  const all = m.all!.map((w) => `“${w}”`).join(' + ');
  return m.none?.length ? `${all}（不含 / without ${m.none.map((w) => `“${w}”`).join('、')}）` : all;
}

function bestMatcher(matchers: readonly TextMatcher[], texts: string[]): TextMatcher | undefined {
  let best: { m: TextMatcher; score: number } | undefined;
  for (const m of matchers) {
    for (const t of texts) {
      const score = matchScore(m, t);
      if (score > 0 && (!best || score > best.score)) best = { m, score };
    }
  }
  return best?.m;
}

function explainTable(t: RecognizedTable, vocab: Vocabulary, lang: Lang): TableExplanation {
  const tv = vocab.tables.get(t.id);
  const titleMatcher = tv && bestMatcher(tv.title, [titleCore(normalizeLabel(t.title)), normalizeLabel(t.title)]);
  const columns = t.columns.map((c) => {
    const role = tv?.columns.find((r) => r.role === c.role);
    // A header path ("本年收入/财政拨款收入") matched whole or by its last part.
    const parts = c.header.split('/').map(normalizeLabel);
    const m = role && bestMatcher(role.match, [normalizeLabel(c.header.replace(/\//g, '')), ...parts]);
    return { column: columnLetters(c.col), role: c.role, roleName: role?.name[lang] ?? c.role, header: c.header, words: m ? describeMatcher(m) : '' };
  });
  const total = t.rows.find((r) => r.isTotal);
  return {
    id: t.id,
    name: tv?.name[lang] ?? t.id,
    sheet: t.sheet,
    range: t.range,
    title: t.title,
    ...(t.titleCell && { titleCell: t.titleCell }),
    titleWords: titleMatcher ? describeMatcher(titleMatcher) : '',
    unit: t.unit ?? (lang === 'zh-CN' ? '未注明（按万元）' : 'not stated (read as 万元)'),
    ...(t.unitCell && { unitCell: t.unitCell }),
    headerRows: t.headerRows.top === t.headerRows.bottom ? `${t.headerRows.top}` : `${t.headerRows.top}–${t.headerRows.bottom}`,
    columns,
    unmatched: (t.unmatchedColumns ?? []).map((u) => ({ column: columnLetters(u.col), header: u.header })),
    rows: { count: t.rows.length, coded: t.rows.filter((r) => r.code).length, ...(total && { totalRow: total.row }) },
    problems: t.problems.map((p) => `${p.severity} ${p.code}${p.cell ? ` ${p.cell}` : ''}${Object.keys(p.params).length ? ` ${JSON.stringify(p.params)}` : ''}`),
  };
}

export function explainRecognition(recognition: Recognition, vocab: Vocabulary, lang: Lang): RecognitionExplanation {
  const withTables = new Set(recognition.tables.map((t) => t.sheet));
  return {
    tables: recognition.tables.map((t) => explainTable(t, vocab, lang)),
    missing: recognition.missing.map((id) => ({ id, name: vocab.tables.get(id)?.name[lang] ?? id })),
    sheetsWithoutTables: recognition.seen.filter((s) => !withTables.has(s.sheet)),
  };
}
