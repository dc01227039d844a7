/**
 * “总数（其中：甲…、乙…）” or “总数，包括甲…、乙…” inside one sentence: the total a 其中 follows, where it is written, and the
 * parts it lists in the total's unit. Read by the narrative-breakdowns rule (parts against their total)
 * and by the runner, which does not rewrite a total alone when its own parts add up to it.
 */
import { globalMatches } from '../text.js';

const QUANTITY = '(\\d[\\d,]*(?:\\.\\d+)?)\\s*(万元|元|平方米|人(?!次)|辆|个|台|套|项)';
// The total is the figure nearest its 其中 (no other figure between: “50万元以上设备8台，其中…” totals 8台)
// and no change (“较上年增加0.0万元，其中会议费…” lists no part of the 0.0),
// and the list is read ahead, not consumed, so a 其中 nested inside it is matched too. It runs to the
// sentence's end here and to its first unmatched closing bracket in partsText: a part's own name may
// hold a bracketed word (福州 2026's “副部（省）级以上领导用车0辆、…执法执勤用车18辆”).
const BREAKDOWN = new RegExp(`(?<!增加|减少|增长|下降|[\\d.,])${QUANTITY}[^。;；\\d]{0,12}?([(（]|[,，]?)\\s*(其中|包括)([:：])?[,，]?(?=([^。;；]*)([^。]*))`, 'gu');
/** A part is a figure that a noun names, not the change or comparison a clause adds ("比上年增加5万元") nor the tail of one (42.30 of 增加142.30). */
const PART = new RegExp(`(?<!增加|减少|增长|下降|比|为|达|约|[\\d.,])${QUANTITY}`, 'gu');

/** A figure as written: its value and how many decimals it shows. */
export interface WrittenFigure {
  value: number;
  decimals: number;
  /** A count of things (people, vehicles): whole, never rounded. */
  exact?: true;
}

export interface TextBreakdown {
  /** The total, and where its digits stand in the text. */
  total: WrittenFigure & { start: number; end: number };
  unit: string;
  /** The parts in the total's unit (two at least). */
  parts: WrittenFigure[];
  /** The text the parts were read from. */
  listed: string;
  /** The word that opens the parts. */
  word: '其中' | '包括';
}

/** A figure as written (“1,234.50”): its value and its decimals. */
export const writtenFigure = (x: string): WrittenFigure => ({ value: Number(x.replace(/,/g, '')), decimals: x.includes('.') ? x.length - x.indexOf('.') - 1 : 0 });

/** A part of a list: its name, its figure as written, its unit, and where the figure stands in the text. */
export interface NamedFigure {
  name: string;
  written: string;
  unit: string;
  at: number;
}

/**
 * The parts of a list, each a name and its figure (“公用经费857.93万元”): `body` split at `separator`,
 * every part read by `part` (groups: name, figure, unit), and found in `text` from `from` on. Undefined
 * unless every part reads so and there are two at least.
 */
export function namedFigures(text: string, body: string, from: number, separator: RegExp | string, part: RegExp): NamedFigure[] | undefined {
  const parts: NamedFigure[] = [];
  let offset = from;
  for (const raw of body.split(separator)) {
    const segment = raw.trim();
    const m = part.exec(segment);
    const at = m ? text.indexOf(segment, offset) : -1;
    if (!m || at < 0) return undefined;
    // The figure is the segment's last run of digits: the unit alone follows it.
    const figureAt = at + segment.lastIndexOf(m[2]!);
    parts.push({ name: m[1]!, written: m[2]!, unit: m[3]!, at: figureAt });
    offset = figureAt + m[2]!.length;
  }
  return parts.length >= 2 ? parts : undefined;
}

/**
 * The parts a 其中 lists: all of a parenthesis; a list joined by 、 up to the sentence's end; after
 * “其中：”, or after any 其中 of a count, clauses that each name one figure in the total's unit and end
 * with it (北京 教委 2026: “其中：政府采购货物预算205,590.35万元，政府采购工程预算143,193.16万元，政府采购服务
 * 预算…”; 西安 审计局 2026: “编制125人，其中行政编制111人，事业编制14人”); otherwise only the first clause
 * ("其中就业困难人员400人以上，…" names one part). What a bracket inside the list holds is a part's own
 * detail (“行政108人（其中女性40人），事业11人”), not another part.
 */
function partsText(opener: string, list: string, colon: boolean, unit: string): string {
  const inner = withoutBrackets(beforeUnmatchedClose(list)).split(/包括|其中/)[0]!;
  if (opener === '(' || opener === '（' || inner.includes('、')) return inner;
  const clauses = inner.split(CLAUSE_COMMA);
  // A list closing with 等 (广州 2026: “其中：货物类采购预算401.41万元，工程类…，服务类采购预算140,542.41万元等”)
  // names its parts all the same; whether they are all is for the exhaustive sets to say.
  const named = clauses.map((c, i) => (i === clauses.length - 1 ? c.trim().replace(/等$/, '') : c));
  if ((colon || COUNT_UNITS.has(unit)) && named.length > 1 && named.every((c) => namedFigure(c, unit))) return inner;
  return clauses[0]!;
}

/** Units of things counted: a 其中 of such a count lists its parts clause by clause, with or without a colon. */
const COUNT_UNITS = new Set(['人', '辆', '个', '台', '套', '项']);

/** A comma that ends a clause: not one between two digits, which groups a number's thousands (35,541.8). */
const CLAUSE_COMMA = /(?<!\d)[,，]|[,，](?!\d)/;
/** A comma or semicolon that ends a clause, on the same terms. */
const CLAUSE_END = /(?<!\d)[,，;；]|[,，;；](?!\d)/;

/**
 * A clause that is a name and one figure in the unit, nothing after it: “政府采购工程预算143,193.16万元”;
 * not a change (“比上年减少2人”). The name and the figure as written, or undefined.
 */
function nameAndFigure(clause: string, unit: string): { name: string; figure: string } | undefined {
  const m = /^([^\d]{1,30}?)(\d[\d,]*(?:\.\d+)?)\s*(\S+)$/u.exec(clause.trim());
  return m !== null && m[3] === unit && !CHANGE_WORD.test(m[1]!) ? { name: m[1]!, figure: m[2]! } : undefined;
}

const namedFigure = (clause: string, unit: string) => nameAndFigure(clause, unit) !== undefined;

const CHANGE_WORD = /增加|减少|增长|下降|比|较/u;

/** The text with what its brackets hold taken out, brackets and all: “副部（省）级” reads 副部级. */
function withoutBrackets(text: string): string {
  return text.replace(/[(（][^()（）]*[)）]/gu, '');
}

/** The text up to its first closing bracket that no opening one before it matches. */
function beforeUnmatchedClose(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') depth++;
    else if (c === ')' || c === '）') {
      if (depth === 0) return text.slice(0, i);
      depth--;
    }
  }
  return text;
}

/** A clause opening with a name (years and spans of years allowed: “2014—2017年…管理费”) and a figure in the unit: “市本级政府采购业务费3600.00万元，用于支付…”. */
const SEMICOLON_PART = /^(?:[^\d;；]|(?:19|20)\d{2}(?=[年—–~至-])){1,40}?(\d[\d,]*(?:\.\d+)?)\s*(\S{1,3}?)(?=$|[^\S]|[,，、(（用主])/u;

/**
 * The parts a 包括 lists clause by clause up to the sentence's end, each clause naming one part and its
 * figure first (深圳 2026's projects: “1.预决算管理业务18,808.16万元，主要包括：深圳市承担的…贴息资金
 * 10,000.00万元，用于…；市本级政府采购业务费3600.00万元，用于…；…”). Undefined unless there are two
 * clauses at least and every one opens so.
 */
function semicolonParts(sentence: string, unit: string): { listed: string; parts: WrittenFigure[] } | undefined {
  const clauses = sentence.split(/[;；]/).map((c) => c.trim());
  while (clauses.length > 0 && clauses[clauses.length - 1] === '') clauses.pop();
  if (clauses.length < 2) return undefined;
  const parts: WrittenFigure[] = [];
  for (const clause of clauses) {
    const m = SEMICOLON_PART.exec(clause);
    if (!m || m[2] !== unit || CHANGE_WORD.test(m[0].slice(0, m[0].lastIndexOf(m[1]!)))) return undefined;
    parts.push(writtenFigure(m[1]!));
  }
  return { listed: sentence, parts };
}

/**
 * The parts after “其中：” that go on sentence by sentence, each named as the first was — the same two
 * characters first, the same one last (北京 卫健委 2026: “…资金18,225.94万元，其中：安排基本公共卫生服务
 * 方向35,541.8万元，主要用于…。开展职业病防治…。安排计划生育服务方向75,124.14万元，…。安排育儿补贴方向
 * 7,560万元，…”). Sentences between that state no figure in the unit explain the part before them; one
 * that states another figure ends the list. `end` is where the first part's sentence ends.
 */
function partsContinued(text: string, end: number, first: string, unit: string): { parts: WrittenFigure[]; listed: string } | undefined {
  const head = nameAndFigure(first.split(CLAUSE_COMMA)[0]!, unit);
  if (!head) return undefined;
  const [lead, last] = [head.name.slice(0, 2), head.name.slice(-1)];
  if (!/^[\u4e00-\u9fff]{2}$/u.test(lead)) return undefined;
  const parts: WrittenFigure[] = [];
  const clauses: string[] = [];
  const statesFigure = new RegExp(`\\d\\s*${unit}`, 'u');
  for (const sentence of text.slice(end + 1).split('。')) {
    const clause = sentence.trim().split(CLAUSE_END)[0]!;
    const m = nameAndFigure(clause, unit);
    if (m && m.name.startsWith(lead) && m.name.endsWith(last)) {
      parts.push(writtenFigure(m.figure));
      clauses.push(clause);
    } else if (statesFigure.test(sentence)) break;
  }
  return parts.length > 0 ? { parts, listed: clauses.join('。') } : undefined;
}

/** Every 其中 or 包括 breakdown in the (folded) text (北京 教委 2026: “预算数1,022.41万元，包括公务用车购置费预算463.80万元、公务用车运行维护费预算558.61万元”). */
export function textBreakdowns(text: string): TextBreakdown[] {
  const out: TextBreakdown[] = [];
  for (const m of globalMatches(BREAKDOWN, text)) {
    const unit = m[2]!;
    const bySemicolon = m[4] === '包括' ? semicolonParts(m[6]! + m[7]!, unit) : undefined;
    let listed = bySemicolon?.listed ?? partsText(m[3]!, m[6]!, m[5] !== undefined, unit);
    let parts = bySemicolon?.parts ?? [...globalMatches(PART, listed)].filter((p) => p[2] === unit).map((p) => writtenFigure(p[1]!));
    if (parts.length < 1) continue;
    if (parts.length === 1 && !bySemicolon && m[5] !== undefined) {
      const more = partsContinued(text, m.index + m[0].length + m[6]!.length + m[7]!.length, listed, unit);
      if (more) {
        parts = [...parts, ...more.parts];
        listed = `${listed}。${more.listed}`;
      }
    }
    const counted = COUNT_UNITS.has(unit);
    out.push({
      total: { ...writtenFigure(m[1]!), ...(counted && { exact: true as const }), start: m.index, end: m.index + m[1]!.length },
      unit,
      parts: counted ? parts.map((p) => ({ ...p, exact: true as const })) : parts,
      listed,
      word: m[4] as '其中' | '包括',
    });
  }
  return out;
}

/** A figure of a breakdown, scaled to the total's unit, with its rounding: half its last written digit (a nil, 0万元, and a count are exact). */
export interface BreakdownAmount {
  value: number;
  rounding: number;
}

export const breakdownAmount = (f: WrittenFigure, scale = 1): BreakdownAmount => ({
  value: f.value * scale,
  rounding: f.value === 0 || f.exact ? 0 : 0.5 * 10 ** -f.decimals * scale,
});

/** The figures added up, each as written (their rounding aside). */
export const sumOf = (amounts: readonly BreakdownAmount[]) => amounts.reduce((s, a) => s + a.value, 0);

/** How far a breakdown's parts may be from its total by the rounding of its figures alone. */
export const slackOf = (total: BreakdownAmount, parts: readonly BreakdownAmount[]) => parts.reduce((s, p) => s + p.rounding, total.rounding);

/** Whether the parts add up to the total within the rounding of the figures written. */
export function partsAddUp(b: TextBreakdown): boolean {
  return figuresAddUp(b.total, b.parts);
}

/** Whether written figures add up to a written total within the rounding of them all. */
export function figuresAddUp(total: WrittenFigure, parts: readonly WrittenFigure[]): boolean {
  const t = breakdownAmount(total);
  const p = parts.map((x) => breakdownAmount(x));
  return Math.abs(sumOf(p) - t.value) <= slackOf(t, p) + 1e-9;
}
