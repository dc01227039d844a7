/**
 * How a message names a sum of cells: “A + B − 2 × C”, each addend as reviewers name a cell. Rows
 * of one subject repeated down a table (北京 水务局 2026's 预算03表: 2130306 水利工程运行与维护 once
 * per unit, in 37 rows) are named once, with their cells, rather than once per cell: a message of
 * 2,400 characters tells a clerk nothing. Addends of one table after the first are named without the
 * table's name again. The finding's related cells still list every one.
 */
import type { Lang } from '../messages.js';
import { UNIT_FACTOR, type Term } from './identity.js';

/** Addends in a row that share all but their cell are named together from this many. */
const NAMED_TOGETHER_FROM = 2;
/** Cells of a group written out, at most, before “…” and the last. */
const CELLS_WRITTEN = 3;

export function sumLabel(terms: readonly Term[], lang: Lang): string {
  let out = '';
  // The table the addend before was named in: the next of the same table is named without it
  // (“……基本支出表（……）C20 302 商品和服务支出“合计” + C77 310 资本性支出“合计””).
  let tableBefore: string | undefined;
  for (let i = 0; i < terms.length; ) {
    const t = terms[i]!;
    let end = i + 1;
    const shared = t.labelAt?.('', lang);
    if (shared !== undefined) while (end < terms.length && sameAddend(terms[end]!, t, shared, lang)) end++;
    if (end - i < NAMED_TOGETHER_FROM) end = i + 1;
    const weight = t.factor / UNIT_FACTOR[t.unit];
    const op = i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + ';
    const table = t.tableName?.(lang);
    const inSameTable = table !== undefined && table === tableBefore && t.labelInTable !== undefined;
    const cells = end - i === 1 ? undefined : ROWS[lang](cellsOf(terms.slice(i, end), lang), end - i);
    const name = inSameTable ? t.labelInTable!(lang, cells) : cells === undefined ? t.label[lang] : t.labelAt!(cells, lang);
    out += `${op}${weight === 1 ? '' : `${weight} × `}${name}`;
    tableBefore = table;
    i = end;
  }
  return out;
}

/** The cells of rows named together, and how many: “D178:D214 共 37 行”. */
const ROWS: Record<Lang, (cells: string, n: number) => string> = {
  'zh-CN': (cells, n) => `${cells} 共 ${n} 行`,
  en: (cells, n) => `${cells} (${n} rows)`,
};

function sameAddend(t: Term, first: Term, shared: string, lang: Lang): boolean {
  return t.sign === first.sign && t.factor === first.factor && t.unit === first.unit && t.labelAt?.('', lang) === shared;
}

/** “D178:D214” for cells one under another, else the first few and the last: “C15、C173、C182…C238”. */
function cellsOf(terms: readonly Term[], lang: Lang): string {
  const refs = terms.map((t) => t.ref);
  const column = refs.every((r, k) => k === 0 || (r.col === refs[0]!.col && r.row === refs[k - 1]!.row + 1));
  if (column) return `${refs[0]!.cell}:${refs.at(-1)!.cell}`;
  const sep = lang === 'zh-CN' ? '、' : ', ';
  if (refs.length <= CELLS_WRITTEN + 1) return refs.map((r) => r.cell).join(sep);
  return `${refs.slice(0, CELLS_WRITTEN).map((r) => r.cell).join(sep)}${lang === 'zh-CN' ? '…' : ' … '}${refs.at(-1)!.cell}`;
}
