/**
 * Runs the rule catalogue over recognised tables: each rule's iterator yields items, json-rules-engine
 * evaluates the rule's conditions on them, identity failures go to the locator, the rest become
 * findings where the item says.
 */
import { SEVERITY_RANK, type CellAddress, type Finding } from '../findings.js';
import { cellAt, type GridWorkbook } from '../grid.js';
import { amountText, BLANK_TEXT, formatTemplate, UNSPACED_WORDS, type Lang } from '../messages.js';
import type { CellRef, Recognition, Unit } from '../model.js';
import { columnLetters } from '../address.js';
import { fold, formatAmount, groupedAmount } from '../text.js';
import { partsAddUp, textBreakdowns } from '../narrative/breakdowns.js';
import type { TableId, Vocabulary } from '../vocabulary.js';
import type { CheckedRule } from './catalogue.js';
import { compileConditions, compileScreen, requiresBreach, type Facts, type Predicate, type Screen } from './conditions.js';
import { RuleContext, identityFacts, type Item } from './context.js';
import type { TopLevelCondition } from './schema.js';
import { anchorOf, evaluate, solveFor, termKey, terms, type Evaluation, type Identity, type Overrides, type Term } from './identity.js';
import { locate, suggests, type CellChange, type Culprit } from './locate.js';
import { columnShifts, settledByShift, type ColumnShift } from './column-shifts.js';
import { clearSlip, explainDifference, explainValue } from './slips.js';
import { addTo } from '../multimap.js';


const WORDS = {
  culprit: {
    'zh-CN': '{{label}}为{{actual}}，应为 {{value}}。依据：{{evidence}}',
    en: '{{label}} is {{actual}} but should be {{value}}. Because: {{evidence}}',
  },
  ambiguous: {
    'zh-CN': '{{candidates}}中有一处有误，无法确定是哪一处，请核实后修改。依据：{{evidence}}',
    en: 'one of {{candidates}} is wrong and the checker cannot tell which; check and correct it. Because: {{evidence}}',
  },
  candidate: { 'zh-CN': '{{label}}（{{actual}}，或应为 {{value}}）', en: '{{label}} ({{actual}}, or {{value}})' },
  candidateWithTotal: {
    'zh-CN': '{{label}}（{{actual}}，或应为 {{value}}，同行 {{total}}随之为 {{totalValue}}）',
    en: '{{label}} ({{actual}}, or {{value}}, with {{total}} of its row then {{totalValue}})',
  },
  inOneTable: { 'zh-CN': '{{table}}的 {{cells}}', en: '{{cells}} of {{table}}' },
  blankParts: {
    'zh-CN': '其组成项中有 {{count}} 项为空，若漏填了其中一项，差额即是它的金额',
    en: '{{count}} of its parts are blank: if one was left unfilled, the difference is its amount',
  },
  rowsLeftOut: {
    'zh-CN': '差额比下级各行加起来还多，多半是表中漏列了若干行：请对照预算补齐下级各行，再核对合计',
    en: 'the difference is more than all the parts together: rows were most likely left out of the table; complete the rows below from the budget, then check the total',
  },
  settlesToo: {
    'zh-CN': '填入 {{value}}后，{{totals}}也即相符',
    en: 'filled with {{value}}, it makes {{totals}} agree too',
  },
  blankOwnParts: {
    'zh-CN': '{{label}}为空白，而按它自己的组成项应为 {{value}}：填入后本式即相符，请先补填该格',
    en: '{{label}} is blank, and its own parts make it {{value}}, which would make this sum agree too: fill that cell first',
  },
  rowLeftOut: {
    'zh-CN': '若有一项漏填或被删去，差额即是它的金额',
    en: 'if a part was left unfilled or deleted, the difference is its amount',
  },
  anyPartRow: {
    'zh-CN': '下级任何一行在各列同时改动都能使各列合计相符，无法确定是哪一行：请核对下级各行',
    en: 'any one of the rows below, changed alike in every column, would make the sums agree, and the checker cannot tell which: check the rows below',
  },
  partsAtFault: {
    'zh-CN': '下级各行在另一列也相差同样的金额，那一列已判断为下级行有误：请核对下级各行',
    en: 'the same parts are off by as much in another column, where the parts were judged at fault: check the parts',
  },
  breaksHolding: {
    'zh-CN': '只改这一格会使本表现在相符的合计不再相符，请一并核对',
    en: 'changing this cell alone unbalances sums that add up now: check them too',
  },
  emptiedOnOneSum: {
    'zh-CN': '只有这一处核对要求它为 0，也可能是对方漏列了这笔钱：仅供参考，请核实',
    en: 'only this one check asks for it to be 0, and the other side may as well have left the amount out: for reference only; check it',
  },
  together: {
    'zh-CN': '需与{{cells}} 的建议值一并修改：只改这一格，现在相符的合计就不再相符',
    en: 'change it together with the value suggested for {{cells}}: this cell alone would unbalance a sum that adds up now',
  },
  sameRowShort: {
    'zh-CN': '同一行的{{columns}}也比下级合计多，多半出于同一原因',
    en: 'the same row’s {{columns}} exceed their parts too, most likely for the same reason',
  },
  columnShort: { 'zh-CN': '“{{column}}”（相差 {{difference}}）', en: '“{{column}}” (by {{difference}})' },
  otherSide: { 'zh-CN': '{{label}}为 {{value}}', en: '{{label}} is {{value}}' },
  headsHoldingParts: {
    'zh-CN': '它也是 {{parts}} 的合计，这些格现在加起来正是原数：若改它，其中的格须一并改正',
    en: 'it is also the total of {{parts}}, which add up to it as printed: changing it means correcting some of them too',
  },
  partsToo: {
    'zh-CN': '句中“其中”所列各项加起来正是原数，须一并改正，故不代为改写',
    en: 'the parts the sentence lists under 其中 add up to the figure as written and must be corrected with it, so the sentence is not rewritten for you',
  },
  columnShift: {
    'zh-CN': '{{table}}“{{column}}”列 {{range}} 的数整体错{{direction}}了一行：这 {{count}} 行的“{{column}}”都恰好是{{neighbour}}一格印的数（如 {{example}}），各行的加总因此不符。请检查该列是否插入或删除过单元格：把数移回各自的行，这些行即相符',
    en: '{{table}}: the “{{column}}” figures of {{range}} slid a row {{direction}}: in these {{count}} rows each “{{column}}” is the figure printed one row {{neighbour}} (e.g. {{example}}), so the rows do not add up. Check whether a cell was inserted into or deleted from the column: moved back to their rows, the figures add up',
  },
  shiftExample: {
    'zh-CN': '{{cell}} 印 {{actual}}，而 {{neighbourCell}} 印的 {{value}}才与本行相符',
    en: '{{cell}} reads {{actual}}, while {{neighbourCell}}’s {{value}} is what its row adds up to',
  },
  shiftUp: { 'zh-CN': '上', en: 'up' },
  shiftDown: { 'zh-CN': '下', en: 'down' },
  rowAbove: { 'zh-CN': '上', en: 'above' },
  rowBelow: { 'zh-CN': '下', en: 'below' },
  or: { 'zh-CN': '、', en: ', ' },
  separator: { 'zh-CN': '；', en: '; ' },
  end: { 'zh-CN': '。', en: '.' },
} as const;

export interface RuleRun {
  rule: CheckedRule;
  items: number;
  failures: number;
}

export interface CheckOutcome {
  findings: Finding[];
  runs: RuleRun[];
}

const regexes = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (!re) regexes.set(pattern, (re = new RegExp(pattern, 'u')));
  return re;
}

/** The "matches" operator: a text fact against a regular expression written in the rule file. */
const matchText = (fact: unknown, pattern: unknown) => typeof fact === 'string' && typeof pattern === 'string' && regex(pattern).test(fact);

/** One compiled predicate per loaded rule, built once: rules are immutable after loading. */
const predicates = new WeakMap<CheckedRule, Predicate>();

function predicateFor(rule: CheckedRule): Predicate {
  let p = predicates.get(rule);
  if (!p) predicates.set(rule, (p = compileConditions(rule.conditions as TopLevelCondition, matchText)));
  return p;
}

const screens = new WeakMap<CheckedRule, Screen>();

function screenFor(rule: CheckedRule): Screen {
  let s = screens.get(rule);
  if (!s) screens.set(rule, (s = compileScreen(rule.conditions as TopLevelCondition, matchText)));
  return s;
}

/** The rule's conditions on one set of facts: true when they report. */
export function reports(rule: CheckedRule, facts: Record<string, unknown>): boolean {
  return predicateFor(rule)(facts);
}

const unknown = (t: { ref: { uncalculated?: boolean } }) => t.ref.uncalculated === true;

/** An identity over a formula saved without its result cannot be judged: its value is unknown, not zero. */
const unjudgeable = (id: Identity) => id.lhs.some(unknown) || id.rhs.some(unknown);

export function render(template: string, item: Pick<Item, 'facts' | 'text'>, lang: Lang): string {
  const params: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(item.facts)) params[k] = v === null ? '' : typeof v === 'boolean' ? String(v) : (v as string | number);
  Object.assign(params, item.text?.(lang) ?? {});
  return formatTemplate(lang === 'zh-CN' ? unspacedBetweenChinese(template, params) : template, params);
}

const SPACE_BEFORE_PLACEHOLDER = / (?=\{\{\s*([a-zA-Z0-9_.]+)\s*\}\})/g;
const SPACE_AFTER_PLACEHOLDER = /(?<=\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}) /g;

/**
 * Templates space what they fill in, as Chinese spaces a number, a code or a name from the words
 * around it (“为 187.45 万元”, “科目 20408 强制隔离戒毒 有金额”); a word of the messages' own does not
 * (“为空白”, “而本表另一行中为”). Only the template's own spaces go: a workbook's text keeps its own.
 */
function unspacedBetweenChinese(template: string, params: Readonly<Record<string, string | number | undefined>>): string {
  const value = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : '');
  return template
    .replace(SPACE_BEFORE_PLACEHOLDER, (space, key: string) => (UNSPACED_WORDS.some((w) => value(key).startsWith(w)) ? '' : space))
    .replace(SPACE_AFTER_PLACEHOLDER, (space, key: string) => (UNSPACED_WORDS.some((w) => value(key).endsWith(w)) ? '' : space));
}

/** The amount cell beside one in its column, a row up or down, as the recognised tables read it (indexed per sheet, when first asked). */
function neighbourIn(recognition: Recognition): (ref: CellRef, by: -1 | 1) => CellRef | undefined {
  const sheets = new Map<string, Map<string, CellRef>>();
  return (ref, by) => {
    let cells = sheets.get(ref.sheet);
    if (!cells) {
      sheets.set(ref.sheet, (cells = new Map()));
      for (const t of recognition.tables) if (t.sheet === ref.sheet) for (const r of t.rows) for (const c of Object.values(r.cells)) cells.set(`${c.row}:${c.col}`, c);
    }
    return cells.get(`${ref.row + by}:${ref.col}`);
  };
}

function address(a: CellAddress): CellAddress {
  return { sheet: a.sheet, cell: a.cell };
}

function dedupe(cells: CellAddress[], exclude: CellAddress): CellAddress[] {
  const seen = new Set([`${exclude.sheet}!${exclude.cell}`]);
  return cells.filter((c) => {
    const k = `${c.sheet}!${c.cell}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Rules that walk the same items — one iterator with the same parameters (code-detail-level and
 * code-parent-missing over the coded rows; the indicator rules over every indicator) — share one
 * pass. Identity iterators stamp their rule on each identity, so every such rule walks its own.
 */
function passes(rules: readonly CheckedRule[]): CheckedRule[][] {
  const groups = new Map<string, CheckedRule[]>();
  for (const rule of rules) {
    const key = rule.iteratorDef.identities ? `rule:${rule.id}` : `${rule.iteratorDef.name}:${JSON.stringify(rule.parsedParams)}`;
    addTo(groups, key, rule);
  }
  return [...groups.values()];
}

/**
 * The identities sharing a cell with a failed one: all the localiser ever weighs. They are made again
 * rather than kept from the first pass, so a workbook whose sums hold (most of them, and the largest)
 * never holds its hundreds of thousands of identities at once. A failed identity comes back as the
 * same object, so the localiser knows it for one it must resolve.
 */
function identitiesTouching(failed: readonly Identity[], rules: readonly CheckedRule[], ctx: RuleContext, kept: readonly Identity[] | undefined): Identity[] {
  if (failed.length === 0) return [];
  const cells = new Set(failed.flatMap((f) => terms(f).map(termKey)));
  const failedByKey = new Map(failed.map((f) => [f.key, f]));
  const out: Identity[] = [];
  const consider = (id: Identity) => {
    if (terms(id).some((t) => cells.has(termKey(t)))) out.push(failedByKey.get(id.key) ?? id);
  };
  if (kept) {
    kept.forEach(consider);
    return out;
  }
  for (const rule of rules) {
    if (!rule.iteratorDef.identities) continue;
    for (const item of rule.iteratorDef.run(ctx, rule.parsedParams, rule.id)) {
      if (item.identity && !unjudgeable(item.identity)) consider(item.identity);
    }
  }
  return out;
}

/**
 * A workbook of at most this many table rows (every real budget of the corpus: 494 at most) keeps
 * all its identities from the first pass, unscreened, for the localiser: making them again cost a
 * real workbook's check with failures a tenth of its time. Larger ones screen them and make the few
 * the localiser needs again, so they never hold hundreds of thousands at once.
 */
const KEEP_IDENTITIES_UP_TO_ROWS = 1_000;

export async function runRules(
  rules: readonly CheckedRule[],
  recognition: Recognition,
  vocab: Vocabulary,
  grid: GridWorkbook,
  lang: Lang,
): Promise<CheckOutcome> {
  const ctx = new RuleContext(recognition, vocab, grid);
  const findings: Finding[] = [];
  // Sentences one of whose figures is found wrong but not rewritten (its 其中 parts add up to it as written).
  const withheld = new Set<string>();
  const runs: RuleRun[] = [];
  // Findings placed by their items, by rule, cell and message: what one of them says is said once.
  const direct = new Map<string, Finding>();
  const failedIdentities: Identity[] = [];
  // Items of failed identities only: the others are judged again from their identity when needed.
  const itemOf = new Map<Identity, { item: Item; rule: CheckedRule }>();
  const ruleById = new Map(rules.map((r) => [r.id, r]));

  const runOf = new Map<CheckedRule, RuleRun>(rules.map((rule) => [rule, { rule, items: 0, failures: 0 }]));
  const kept: Identity[] | undefined = recognition.tables.reduce((n, t) => n + t.rows.length, 0) <= KEEP_IDENTITIES_UP_TO_ROWS ? [] : undefined;
  for (const group of passes(rules)) {
    const judges = group.map((rule) => ({ rule, reportsFor: predicateFor(rule), run: runOf.get(rule)! }));
    const [first] = group;
    // Most identities hold: when every rule of the pass reports only a broken one, a holding
    // identity is counted and never asked for its facts.
    const holdingIsQuiet = group.every((rule) => requiresBreach(rule.conditions as TopLevelCondition));
    // An item no rule of the pass could report need not be built (conditions.ts, compileScreen).
    const screensOfPass = group.map(screenFor);
    const couldReport = (early: Facts) => {
      for (const s of screensOfPass) if (s(early)) return true;
      return false;
    };
    const keeping = kept !== undefined && first!.iteratorDef.identities === true;
    for (const item of first!.iteratorDef.run(ctx, first!.parsedParams, first!.id, keeping ? undefined : couldReport)) {
      // The workbook gets one finding per sheet asking for a recalculation instead (check.ts).
      if (item.identity && unjudgeable(item.identity)) continue;
      if (keeping && item.identity) kept.push(item.identity);
      if (holdingIsQuiet && item.breaks === false) {
        for (const { run } of judges) run.items++;
        continue;
      }
      for (const { rule, reportsFor, run } of judges) {
        run.items++;
        const failing = reportsFor(item.facts);
        if (!failing) continue;
        run.failures++;
        if (item.identity) {
          failedIdentities.push(item.identity);
          itemOf.set(item.identity, { item, rule });
        } else if (item.cell) {
          const message = render(rule.message[lang], item, lang);
          // Items sharing a cell may say the same of it (the indicators under one merged 二级指标 cell):
          // the cell gets the finding once, with the cells of them all.
          const said = `${rule.id}|${item.cell.sheet}!${item.cell.cell}|${message}|${JSON.stringify(item.fix ?? null)}`;
          const already = direct.get(said);
          if (already) {
            const related = dedupe([...(already.related ?? []), ...(item.related ?? []).map(address)], item.cell);
            if (related.length) already.related = related;
            continue;
          }
          const finding: Finding = {
            ruleId: rule.id,
            severity: rule.severity,
            sheet: item.cell.sheet,
            cell: item.cell.cell,
            message,
            ...(item.related?.length && { related: dedupe(item.related.map(address), item.cell) }),
            ...(item.fix && { fix: item.fix }),
            ...(item.table && { table: item.table }),
          };
          direct.set(said, finding);
          findings.push(finding);
        }
      }
    }
  }
  runs.push(...runOf.values());

  // The locator asks each identity's own rule whether a proposed change would satisfy it.
  const verdicts = new Map<string, boolean>();
  const fails = async (id: Identity, overrides?: Overrides): Promise<boolean> => {
    const changed = overrides ? terms(id).map((t) => overrides.get(termKey(t)) ?? '').join(',') : '';
    const key = `${id.key}|${changed}`;
    let verdict = verdicts.get(key);
    if (verdict === undefined) verdicts.set(key, (verdict = reports(ruleById.get(id.ruleId)!, identityFacts(id, overrides))));
    return verdict;
  };
  const touching = identitiesTouching(failedIdentities, rules, ctx, kept);
  const { culprits, unplaced, partsRivalled } = await locate(failedIdentities, touching, fails);
  const ruleOrder = new Map(rules.map((r, i) => [r.id, i]));
  // The most severe rule first, then the catalogue's order: the first speaks for a finding several failures share.
  const mostSevereFirst = (a: Identity, b: Identity) => SEVERITY_RANK[itemOf.get(a)!.rule.severity] - SEVERITY_RANK[itemOf.get(b)!.rule.severity] || ruleOrder.get(a.ruleId)! - ruleOrder.get(b.ruleId)!;
  const sheetOf = new Map(recognition.tables.map((t) => [t.id, t.sheet]));
  const amount = (value: number, decimals: number, unit: Unit) => amountText(value, decimals, unit, lang);
  const shown = (value: number | null, decimals: number, unit: Unit) => (value === null ? BLANK_TEXT[lang] : amount(value, decimals, unit));
  // The culprit sentence reads "为 187.45 万元" but "为空白": Chinese spaces a number, not a word.
  const culpritActual = (value: number | null, decimals: number, unit: Unit) => (lang === 'zh-CN' && value !== null ? ` ${amount(value, decimals, unit)}` : shown(value, decimals, unit));
  // A figure in a sentence written with the wrong unit is fixed by rewriting the unit (valueToWrite), so
  // it reads as the same digits in the right one: “应为 1682.76 万元”, not “应为 16827600.00 元” (长春
  // 信访局 2026's “预算支出1682.76元”). A table cell is typed in its own unit, and shown so.
  const shouldRead = (change: CellChange, decimals: number) => {
    const inText = change.term.inText;
    const rewritten = inText && unitRewritten(change, change.term.ref.text, inText.end);
    if (rewritten) {
      const toWan = change.term.unit === '元';
      return amount(toWan ? change.value / 10_000 : change.value * 10_000, decimals, toWan ? '万元' : '元');
    }
    return amount(change.value, decimals, change.term.unit);
  };
  // A failure two filled cells explain alike, over parts short of it with one part blank: that part
  // may be the one left unfilled, which the locator ranks below a mistyped figure but cannot rule out.
  const ambiguousAlone = culprits.filter((c) => c.safety === 'ambiguous' && c.resolves.length === 1).map((c) => c.resolves[0]!);
  const ambiguousBlankWouldBreak = await blankFillsThatBreak(ambiguousAlone, touching, fails, MAX_BLANK_CANDIDATES);
  // The blank parts that may be the one left unfilled, beside the filled cells that explain the failure
  // alike: with the blanks unnamed, the choice offered would be only filled cells, each “or should be” a
  // figure no one typed (曹妃甸's 资产总额 short of its parts by 其他固定资产's 847.66, 设备 blank too).
  const blankCandidates = (c: Culprit): CellChange[] => {
    const [only] = c.resolves;
    if (c.resolves.length !== 1) return [];
    const blanks = blankParts(only!);
    if (blanks.length === 0 || blanks.length > MAX_BLANK_CANDIDATES) return [];
    const breaking = ambiguousBlankWouldBreak.get(only!);
    return blanks
      .filter((b) => !breaking?.has(termKey(b)) && !c.candidates.some((k) => termKey(k.term) === termKey(b)))
      .map((b) => ({ term: b, value: solveFor(only!, b) }));
  };
  // A column slid a row: one finding names the slide, before those of the cells it explains.
  const shifts = await columnShifts(failedIdentities, neighbourIn(recognition), fails);
  for (const shift of shifts) findings.push(shiftFinding(shift));
  for (const found of culprits) {
    const c = settledByShift(found, shifts);
    // The most severe rule speaks for the finding, so its id and severity stay together (a pack that
    // lowers one rule's severity lowers that rule's findings, not another rule's under its name).
    const evidence = [...c.resolves].sort(mostSevereFirst);
    const primary = itemOf.get(evidence[0]!)!;
    const severity = primary.rule.severity;
    const changed = new Set([c, ...c.with].map((x) => termKey(x.term)));
    const sentenceOf = (id: Identity) => {
      const { item, rule } = itemOf.get(id)!;
      // A tie with another table or the 说明 whose other side is right and this cell wrong: its own sentence would say the right figure
      // “应等于” the wrong one (无锡 人社局 2026's 说明 152,585.76 against 公开04表 D6), so only its figure is given.
      const [l, r] = [id.lhs[0], id.rhs[0]];
      if (id.relation === 'eq' && id.lhs.length === 1 && id.rhs.length === 1 && changed.has(termKey(r!)) && !changed.has(termKey(l!)) && l!.ref.amount !== null && (l!.inText || l!.ref.sheet !== r!.ref.sheet)) {
        return formatTemplate(WORDS.otherSide[lang], { label: l!.label[lang], value: amount(l!.ref.amount, Math.max(2, l!.ref.decimals), l!.unit) });
      }
      return render(rule.message[lang], item, lang);
    };
    const sentencesOf = (ids: readonly Identity[]) => ids.map(sentenceOf).join(WORDS.separator[lang]);
    const cellsOf = (ids: readonly Identity[]) => ids.flatMap((id) => terms(id).map((t) => address(t.ref)));
    if (c.safety === 'ambiguous') {
      // Two cells explain the failures equally well: name them all and let the person choose.
      const own = await ownTotalWithItsRow(c, touching, fails);
      findings.push(choice(primary, c.term, [...c.candidates, ...blankCandidates(c), ...(own ? [own] : [])], sentencesOf(evidence), cellsOf(evidence)));
      continue;
    }
    // A row typed wrong consistently changes in several cells: one finding per cell, each with its fix
    // and, as its evidence, the failed sums that cell is in (all of them when it is in none by itself).
    for (const change of [c, ...c.with]) {
      const key = termKey(change.term);
      const own = evidence.filter((id) => terms(id).some((t) => termKey(t) === key));
      const sentences = sentencesOf(own.length > 0 ? own : evidence);
      const evidenceCells = cellsOf(own.length > 0 ? own : evidence);
      const decimals = Math.max(2, change.term.ref.decimals);
      // A figure whose own 其中 parts add up to it: rewritten alone, the sentence would disagree with itself.
      const withParts = headsItsParts(change.term);
      const slip = explainValue(change.term.ref.amount, change.value, lang, decimals);
      const message =
        formatTemplate(WORDS.culprit[lang], {
          label: change.term.label[lang],
          actual: culpritActual(change.term.ref.amount, decimals, change.term.unit),
          value: shouldRead(change, decimals),
          evidence: sentences,
        }) +
        (slip ? `${WORDS.separator[lang]}${slip}` : '') +
        (c.safety === 'display-only' ? `${WORDS.separator[lang]}${(c.emptiedOnOneSum ? WORDS.emptiedOnOneSum : WORDS.breaksHolding)[lang]}` : '') +
        (withParts ? `${WORDS.separator[lang]}${WORDS.partsToo[lang]}` : '') +
        WORDS.end[lang];
      const related = dedupe([...c.with, c].filter((x) => x !== change).map((x) => address(x.term.ref)).concat(evidenceCells), change.term.ref);
      const inText = change.term.inText;
      if (withParts) withheld.add(`${change.term.ref.sheet}!${change.term.ref.cell}`);
      findings.push({
        ruleId: primary.rule.id,
        severity,
        sheet: change.term.ref.sheet,
        cell: change.term.ref.cell,
        message,
        ...(related.length && { related }),
        // Rewriting a sentence is never automatic: the figure may be right and the table wrong. A value
        // offered for reference only stays so in a sentence too.
        ...(!withParts && { fix: { sheet: change.term.ref.sheet, cell: change.term.ref.cell, value: valueToWrite(change), safety: inText && c.safety !== 'display-only' ? 'unsafe' : c.safety } }),
        ...tableOf(change.term.ref.sheet, evidence),
      });
    }
  }

  /**
   * One finding naming a column's slide (column-shifts.ts), beside the findings of the cells it explains:
   * those keep their right values, which are the figures moved back.
   */
  function shiftFinding(shift: ColumnShift): Finding {
    const primary = itemOf.get([...new Set(shift.explains)].sort(mostSevereFirst)[0]!)!;
    const [first] = shift.cells;
    const last = shift.cells[shift.cells.length - 1]!;
    const at = first!.term.ref;
    const table = recognition.tables.find((t) => t.sheet === shift.sheet && t.rows.some((r) => r.row === at.row));
    const row = table?.rows.find((r) => r.row === at.row);
    const role = row && Object.keys(row.cells).find((k) => row.cells[k]!.col === shift.col);
    const decimals = Math.max(2, at.decimals);
    const example = formatTemplate(WORDS.shiftExample[lang], {
      cell: at.cell,
      actual: shown(at.amount, decimals, first!.term.unit),
      neighbourCell: first!.neighbour.cell,
      value: shown(first!.neighbour.amount, decimals, first!.term.unit),
    });
    const message =
      formatTemplate(WORDS.columnShift[lang], {
        table: table ? ctx.tableName(table, lang) : shift.sheet,
        column: table && role ? ctx.columnName(table, role, lang) : columnLetters(shift.col),
        range: `${at.cell}:${last.term.ref.cell}`,
        direction: (shift.by === -1 ? WORDS.shiftUp : WORDS.shiftDown)[lang],
        count: new Set(shift.cells.map((c) => c.term.ref.row)).size,
        neighbour: (shift.by === -1 ? WORDS.rowAbove : WORDS.rowBelow)[lang],
        example,
      }) + WORDS.end[lang];
    return {
      ruleId: primary.rule.id,
      severity: primary.rule.severity,
      sheet: shift.sheet,
      cell: at.cell,
      message,
      related: dedupe(shift.cells.map((c) => address(c.term.ref)), at),
      ...(table && { table: table.id }),
    };
  }

  /**
   * The table a culprit's finding is listed under: the one holding its cell, where the evidence names
   * it (a tie's second table can be the one at fault), else the most severe rule's.
   */
  function tableOf(sheet: string, evidence: readonly Identity[]): { table?: TableId } {
    const tables = evidence.map((id) => itemOf.get(id)!.item.table);
    const table = tables.find((t) => t !== undefined && sheetOf.get(t) === sheet) ?? tables[0];
    return table ? { table } : {};
  }

  /**
   * Cells other failures stand on: a tie between two tables left unplaced whose other side is one of
   * these, its own side none, is said on the other side (杭州 交通运输局 2026: 表4's 公路水路运输 97,453.20
   * against 表5's 97,402.60, which fails its own 项 as well — 表4 is right).
   */
  const onFailures = new Map<string, number>();
  /** Cells whose own table's sums fail on them: a sum of one sheet, the cell among its terms. */
  const failingWithin = new Set<string>();
  for (const f of failedIdentities) {
    const all = terms(f);
    for (const t of all) onFailures.set(termKey(t), (onFailures.get(termKey(t)) ?? 0) + 1);
    if (all.every((t) => !t.inText && t.ref.sheet === all[0]!.ref.sheet)) for (const t of all) failingWithin.add(termKey(t));
  }
  // Cells a tie with another table confirms: a failing sum of their own table blames its other cells
  // (北京 政数局 2026's 预算03表 合计, equal to 预算01表's, over detail rows left out).
  const failedSet = new Set(failedIdentities);
  const confirmed = new Set<string>();
  for (const id of touching) {
    if (failedSet.has(id)) continue;
    const all = terms(id);
    if (!all.some((t) => t.inText) && all.some((t) => t.ref.sheet !== all[0]!.ref.sheet)) for (const t of all) confirmed.add(termKey(t));
  }
  // Its own side in no other failure, the other side failing a sum of its own table: a tie with a third
  // table failing on the other side (烟台 发改委 2026's 公开表4, another version of the figures) says nothing.
  const suspectSide = (id: Identity): Term | undefined => {
    if (id.lhs.length !== 1 || id.rhs.length !== 1) return undefined;
    const [l, r] = [id.lhs[0]!, id.rhs[0]!];
    // A blank own side is the one to fill (北京 军民融合办 2026's 预算13表 C6, beside 预算03表's total short of its rows).
    if (l.inText || r.inText || l.ref.sheet === r.ref.sheet || l.ref.amount === null) return undefined;
    return failingWithin.has(termKey(r)) && !confirmed.has(termKey(r)) && (onFailures.get(termKey(l)) ?? 0) === 1 ? r : undefined;
  };

  // A cell gets one proposed value: where a culprit already says what it should hold, a failure left
  // unplaced on it shows no reference of its own (a 款 typed with the wrong sign and not updated either).
  const proposed = new Set(culprits.flatMap((c) => [c, ...c.with].map((x) => termKey(x.term))));
  const partsFault = partsAtFault(culprits);
  const partRows = new Set(partsRivalled);
  const worsening = await suggestionsThatBreak(unplaced, touching, fails);
  const suggested = new Map(unplaced.flatMap((id) => {
    const value = suggestionFor(id);
    return value === undefined ? [] : [[id, value] as const];
  }));
  const { together: partners, heldParts } = await suggestionHints(suggested, unplaced, touching, fails);
  const blankWouldBreak = await blankFillsThatBreak(unplaced, touching, fails, 1);
  const blankOwnParts = await blanksTheirPartsFill(unplaced, failedIdentities, fails);
  // A failure the blank explains is said on the blank's own finding, where the blank is left unplaced
  // too: one defect, one finding (西安 人社局 2020's blank 1、财政拨款, which also leaves 收入总计 short).
  const unplacedSet = new Set(unplaced);
  const settledBy = new Map<Identity, Identity[]>();
  for (const [id, { own }] of blankOwnParts) if (unplacedSet.has(own)) addTo(settledBy, own, id);
  const settledElsewhere = new Set([...settledBy.values()].flat());
  // A total short of its parts in several columns at once (北京 公安局 2026's 合计 row, short in 合计, 基本支出
  // and 项目支出): no one blank cell explains that, a row left out does — the blanks are not offered.
  const rowOf = (t: Term) => `${t.ref.sheet}!${t.ref.row}`;
  const shortRows = new Map<string, number>();
  for (const id of unplaced) if (id.relation === 'eq' && !anchorOf(id).inText && partsShort(id)) shortRows.set(rowOf(anchorOf(id)), (shortRows.get(rowOf(anchorOf(id))) ?? 0) + 1);
  const shortAcross = new Set([...shortRows].filter(([, n]) => n > 1).map(([row]) => row));
  // A row short of its parts in several columns is one row left out: one finding on its first column,
  // naming the others (北京 公安局 2026's 预算05表 合计 row, short in all five of its columns).
  const rowShortKey = (id: Identity) => (shortAcross.has(rowOf(anchorOf(id))) && partsShort(id) ? `${id.ruleId}|${rowOf(anchorOf(id))}|${id.rhs.map((t) => t.ref.row).join(',')}` : undefined);
  const shortTogether = new Map<string, Identity[]>();
  for (const id of unplaced) {
    const key = settledElsewhere.has(id) ? undefined : rowShortKey(id);
    if (key) addTo(shortTogether, key, id);
  }
  for (const id of unplaced) {
    if (settledElsewhere.has(id)) continue;
    const key = rowShortKey(id);
    const row = key === undefined ? undefined : shortTogether.get(key)!;
    if (row === undefined || row.length === 1) findings.push(unplacedFinding(id));
    else if (row[0] === id) findings.push(shortRowFinding(row));
  }

  /** The value shown for reference on an unplaced failure's own cell, when one may be shown (see unplacedFinding). */
  function suggestionFor(id: Identity): number | undefined {
    const anchor = anchorOf(id);
    if (suspectSide(id)) return undefined;
    if (id.relation !== 'eq' || anchor.inText || !suggests(id) || proposed.has(termKey(anchor)) || partsFault.has(spread(id)) || partRows.has(id) || worsening.has(id) || partsShort(id)) return undefined;
    return solveFor(id, anchor);
  }

  /**
   * A failure no cell explains, on its own total. Parts short of their total: a part left unfilled or
   * a row left out explains it as well as a total typed wrong (Guilin 司法局 2015's 三公 合计 over a
   * 公务用车费 left 0; a 项 deleted under its 款), so the parts' sum is no value to suggest, and one blank
   * part is named beside the total for the person to choose. Parts over their total suggest it was
   * not updated: their sum is shown, as is the other table's figure for a tie between tables.
   */
  function unplacedFinding(id: Identity): Finding {
    const { item, rule } = itemOf.get(id)!;
    const anchor = suspectSide(id) ?? anchorOf(id);
    const sentence = render(rule.message[lang], item, lang);
    const related = terms(id).map((t) => address(t.ref));
    const equation = id.relation === 'eq' && !anchor.inText;
    const e = evaluate(id);
    const short = equation && partsShort(id);
    const blanks = blankParts(id);
    // The blank part is a total that fails its own parts, which fill it with what this sum lacks: it is
    // the cell to fill, and no figure for this total is offered that counts the blank as nothing (西安
    // 人社局 2020's 表4: 收入总计 would have been offered 90.57, the 上年结转 alone, beside the blank 财政拨款).
    const filledByOwnParts = blanks.length === 1 ? blankOwnParts.get(id)?.value : undefined;
    if (filledByOwnParts) {
      const blank = blanks[0]!;
      const hint = formatTemplate(WORDS.blankOwnParts[lang], { label: blank.label[lang], value: amount(filledByOwnParts, Math.max(2, blank.ref.decimals), blank.unit) });
      return { ruleId: rule.id, severity: rule.severity, sheet: anchor.ref.sheet, cell: anchor.ref.cell, message: sentence + WORDS.separator[lang] + hint + WORDS.end[lang], related: dedupe(related, anchor.ref), ...(item.table && { table: item.table }) };
    }
    if (blanks.length === 1 && !blankWouldBreak.get(id)?.has(termKey(blanks[0]!))) return choice({ item, rule }, anchor, [{ term: anchor, value: solveFor(id, anchor) }, { term: blanks[0]!, value: solveFor(id, blanks[0]!) }], sentence, related);
    const partsWrong = partsFault.has(spread(id));
    const hint = partsWrong
      ? WORDS.partsAtFault[lang]
      : partRows.has(id) && !short
        ? WORDS.anyPartRow[lang]
        : !anchor.inText && id.lhs.every((t) => t.ref.amount === null)
          ? // A blank total: the difference is all of the other side, which names no row left out. Not a
            // blank row among filled ones (北京 水务局 2026's 05表 D15, the first of nine rows whose sum is
            // over): filling it would take the sum further off.
            explainValue(null, e.difference, lang)
          : ((id.rhs.length > 1
              ? explainDifference(
                  e.difference / anchor.factor,
                  id.rhs.map((t) => ({
                    name: t.label[lang],
                    value: t.ref.amount === null ? null : (t.ref.amount * t.factor) / anchor.factor,
                    ...(t.labelAt && { row: { key: t.labelAt('', lang), cell: t.ref.cell } }),
                  })),
                  lang,
                )
              : undefined) ?? (!short ? undefined : shortHint(id, e, shortAcross.has(rowOf(anchor)) ? 0 : blanks.length, lang)));
    const value = suggested.get(id);
    const together = partners.get(id);
    const togetherHint = together && formatTemplate(WORDS.together[lang], { cells: together.map((a) => `${a.sheet}!${a.cell}`).join(WORDS.or[lang]) });
    const parts = heldParts.get(id);
    const partsHint = parts && formatTemplate(WORDS.headsHoldingParts[lang], { parts: cellList(parts, anchor.ref.sheet, lang) });
    // A blank total whose filling also settles other failures (settledBy) says so, and names their cells.
    const settles = settledBy.get(id) ?? [];
    const settlesHint =
      settles.length > 0 &&
      formatTemplate(WORDS.settlesToo[lang], {
        value: amount(blankOwnParts.get(settles[0]!)!.value, Math.max(2, anchor.ref.decimals), anchor.unit),
        totals: settles.map((other) => anchorOf(other).label[lang]).join(WORDS.or[lang]),
      });
    return {
      ruleId: rule.id,
      severity: rule.severity,
      sheet: anchor.ref.sheet,
      cell: anchor.ref.cell,
      message: sentence + [hint, togetherHint, partsHint, settlesHint].filter(Boolean).map((h) => `${WORDS.separator[lang]}${h}`).join('') + WORDS.end[lang],
      related: dedupe([...related, ...(together ?? []), ...(parts ?? []), ...settles.flatMap((other) => terms(other).map((t) => address(t.ref)))], anchor.ref),
      ...(value !== undefined && { fix: { sheet: anchor.ref.sheet, cell: anchor.ref.cell, value, safety: 'display-only' as const } }),
      ...(item.table && { table: item.table }),
    };
  }

  /** One finding for a row whose total falls short of its parts in several columns: the first column's, naming the others and their differences. */
  function shortRowFinding(ids: readonly Identity[]): Finding {
    const [first, ...others] = [...ids].sort((a, b) => anchorOf(a).ref.col - anchorOf(b).ref.col);
    const finding = unplacedFinding(first!);
    const columns = others.map((id) => {
      const text = itemOf.get(id)!.item.text?.(lang) ?? {};
      return formatTemplate(WORDS.columnShort[lang], { column: text.column ?? anchorOf(id).label[lang], difference: text.differenceText ?? '' });
    });
    const end = WORDS.end[lang];
    const body = finding.message.endsWith(end) ? finding.message.slice(0, -end.length) : finding.message;
    return {
      ...finding,
      message: body + WORDS.separator[lang] + formatTemplate(WORDS.sameRowShort[lang], { columns: columns.join(WORDS.or[lang]) }) + end,
      related: dedupe([...others.map((id) => address(anchorOf(id).ref)), ...(finding.related ?? [])], anchorOf(first!).ref),
    };
  }

  /** Several cells that could each be the wrong one, named with what each would hold: the person chooses. */
  function choice(by: { item: Item; rule: CheckedRule }, at: Term, candidates: (CellChange & { follows?: CellChange })[], evidence: string, evidenceCells: CellAddress[]): Finding {
    // Cells of one table: the table named once (北京 军民融合办 2026's five rows of 预算04表), not before each.
    const tables = new Set(candidates.map((k) => k.term.tableName?.(lang)));
    const table = tables.size === 1 && candidates.length > 1 && candidates.every((k) => k.term.labelInTable) ? [...tables][0] : undefined;
    const names = candidates.map((k) => {
      const d = Math.max(2, k.term.ref.decimals);
      const label = table === undefined ? k.term.label[lang] : k.term.labelInTable!(lang);
      const values = { label, actual: shown(k.term.ref.amount, d, k.term.unit), value: amount(k.value, d, k.term.unit) };
      if (!k.follows) return formatTemplate(WORDS.candidate[lang], values);
      const total = k.follows.term.labelInTable?.(lang) ?? k.follows.term.label[lang];
      return formatTemplate(WORDS.candidateWithTotal[lang], { ...values, total, totalValue: amount(k.follows.value, Math.max(2, k.follows.term.ref.decimals), k.follows.term.unit) });
    });
    const listed = table === undefined ? names.join(WORDS.or[lang]) : formatTemplate(WORDS.inOneTable[lang], { table, cells: names.join(WORDS.or[lang]) });
    return {
      ruleId: by.rule.id,
      severity: by.rule.severity,
      sheet: at.ref.sheet,
      cell: at.ref.cell,
      message: formatTemplate(WORDS.ambiguous[lang], { candidates: listed, evidence }) + WORDS.end[lang],
      related: dedupe(evidenceCells, at.ref),
      candidates: candidates.map((k) => ({ sheet: k.term.ref.sheet, cell: k.term.ref.cell, value: valueToWrite(k) })),
      ...(by.item.table && { table: by.item.table }),
    };
  }

  combineRewrites(findings, grid, withheld);
  // Sheets in the workbook's own order (as its tabs read), cells row by row, then by rule.
  const sheetOrder = new Map(grid.sheets.map((sheet, i) => [sheet.name, i]));
  const sheetRank = (name: string | undefined) => (name === undefined ? -1 : (sheetOrder.get(name) ?? grid.sheets.length));
  findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      sheetRank(a.sheet) - sheetRank(b.sheet) ||
      compareCells(a.cell ?? '', b.cell ?? '') ||
      compareText(a.ruleId, b.ruleId),
  );
  return { findings, runs };
}

/**
 * Findings that each rewrite the same sentence for a figure of their own (烟台 发改委 2026's 说明 gives
 * 支出预算, 基本支出 and 项目支出 from another version of the tables; 西安 气象局 2022's 三公 sentence
 * three of its figures): applied one after another, each whole-cell rewrite would undo the one before.
 * So each offers the sentence with every one of them made; where two rewrite the same words, or another
 * finding on the sentence offers no rewrite, none is offered (the messages still say what each figure
 * should be).
 */
function combineRewrites(findings: Finding[], grid: GridWorkbook, withheld: ReadonlySet<string>): void {
  const byCell = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (typeof f.fix?.value === 'string') addTo(byCell, `${f.fix.sheet}!${f.fix.cell}`, i);
  });
  for (const [at, indexes] of byCell) {
    const values = [...new Set(indexes.map((i) => findings[i]!.fix!.value as string))];
    // Another figure of the sentence found wrong with no rewrite of its own (a total whose 其中 parts
    // add up to it as written: 烟台 发改委 2026's 支出预算): the others' rewrites would leave it, the
    // sentence no longer adding up, so none is offered.
    const unfixed = withheld.has(at);
    if (values.length < 2 && !unfixed) continue;
    const { sheet, cell } = findings[indexes[0]!]!.fix!;
    const original = cellText(grid, sheet, cell);
    const combined = original === undefined || unfixed ? undefined : applyEdits(original, values.map((v) => editOf(original, v)));
    for (const i of indexes) {
      const f = findings[i]!;
      if (combined !== undefined) findings[i] = { ...f, fix: { ...f.fix!, value: combined } };
      else {
        const { fix: _withdrawn, ...rest } = f;
        findings[i] = rest;
      }
    }
  }
}

function cellText(grid: GridWorkbook, sheet: string, cell: string): string | undefined {
  const c = cellAt(grid, sheet, cell);
  return typeof c?.value === 'string' ? c.text : undefined;
}

/** The one stretch of `original` that `rewritten` replaces: what is left once the common start and end are set aside. */
function editOf(original: string, rewritten: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < original.length && start < rewritten.length && original[start] === rewritten[start]) start++;
  let tail = 0;
  while (tail < original.length - start && tail < rewritten.length - start && original[original.length - 1 - tail] === rewritten[rewritten.length - 1 - tail]) tail++;
  return { start, end: original.length - tail, text: rewritten.slice(start, rewritten.length - tail) };
}

/** The text with every edit made, or undefined where two edits touch the same characters. */
function applyEdits(original: string, edits: { start: number; end: number; text: string }[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end || (sorted[i]!.start === sorted[i - 1]!.start)) return undefined;
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += original.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + original.slice(at);
}

/**
 * The failure's own total as one more choice, where changing it breaks no sum but its row's total,
 * which then changes with it: 杭州 交通运输局 2026's 表5 prints 基本支出 51,417.49 over 人员经费 41,277.20 and
 * 公用经费 10,190.89, its 合计 short by the same 50.60, so the row still adds up across. The locator names
 * 人员经费 or 公用经费, one change each; the ledger's culprit, 基本支出 with its 合计, was never offered.
 * Only an ambiguous failure gets it, and only where the pair breaks nothing else the checker knows.
 */
async function ownTotalWithItsRow(
  c: Culprit,
  touching: readonly Identity[],
  fails: (id: Identity, overrides?: Overrides) => Promise<boolean>,
): Promise<(CellChange & { follows: CellChange }) | undefined> {
  const [only] = c.resolves;
  if (c.resolves.length !== 1 || only!.relation !== 'eq' || only!.lhs.length !== 1 || !suggests(only!)) return undefined;
  const total = only!.lhs[0]!;
  const key = termKey(total);
  if (total.inText || total.ref.amount === null || c.candidates.some((k) => termKey(k.term) === key)) return undefined;
  const value = solveFor(only!, total);
  if (value < 0 || value === total.ref.amount) return undefined;
  const sameRow = (t: Term) => t.ref.sheet === total.ref.sheet && t.ref.row === total.ref.row;
  const around = touching.filter((id) => id !== only && terms(id).some((t) => termKey(t) === key));
  // The row's total over this cell: one sum of this row holding with the cell among its parts.
  const rowSums = around.filter((id) => id.relation === 'eq' && id.lhs.length === 1 && sameRow(id.lhs[0]!) && id.rhs.some((t) => termKey(t) === key));
  if (rowSums.length !== 1 || (await fails(rowSums[0]!))) return undefined;
  const rowTotal = rowSums[0]!.lhs[0]!;
  if (rowTotal.ref.amount === null || rowTotal.inText) return undefined;
  const follows = { term: rowTotal, value: solveFor(rowSums[0]!, rowTotal, new Map([[key, value]])) };
  if (follows.value < 0) return undefined;
  const overrides: Overrides = new Map([
    [key, value],
    [termKey(rowTotal), follows.value],
  ]);
  if (await fails(only!, overrides)) return undefined;
  const rowTotalKey = termKey(rowTotal);
  for (const id of touching) {
    if (id === only || !terms(id).some((t) => termKey(t) === key || termKey(t) === rowTotalKey)) continue;
    if (await breaksWith(id, overrides, fails)) return undefined;
  }
  return { term: total, value, follows };
}

/** Whether an identity that holds now fails with some cells changed: a change that makes things worse there. */
async function breaksWith(id: Identity, overrides: Overrides, fails: (id: Identity, overrides?: Overrides) => Promise<boolean>): Promise<boolean> {
  return !(await fails(id)) && (await fails(id, overrides));
}

/**
 * The failures left on their own cell whose restoring value there, with every such value shown at
 * once, would break its own row's sum where it holds (广州 统计局 2026: 2080505 = 30108 “solved” on
 * 2080505's 合计 leaves its 基本支出 behind): a value shown for reference must not make things worse.
 * Sums above the row may break — a total not updated is not updated all the way up.
 */
async function suggestionsThatBreak(unplaced: readonly Identity[], touching: readonly Identity[], fails: (id: Identity, overrides?: Overrides) => Promise<boolean>): Promise<Set<Identity>> {
  const shown = unplaced.filter((id) => id.relation === 'eq' && !anchorOf(id).inText);
  const overrides: Overrides = new Map(shown.map((id) => [termKey(anchorOf(id)), solveFor(id, anchorOf(id))]));
  const failed = new Set(unplaced);
  const broken = new Set<string>();
  for (const other of touching) {
    const cells = terms(other);
    const row = cells[0]!.ref;
    if (failed.has(other) || !cells.every((t) => t.ref.sheet === row.sheet && t.ref.row === row.row) || !cells.some((t) => overrides.has(termKey(t)))) continue;
    if (await breaksWith(other, overrides, fails)) for (const t of cells) broken.add(termKey(t));
  }
  return new Set(shown.filter((id) => broken.has(termKey(anchorOf(id)))));
}

/**
 * For each failure with one blank part: the value that part's own parts give it, where it is itself a
 * total failing them (`own`: left blank over filled parts) and that value makes this failure hold too.
 * Two sums then agree on what the blank should hold.
 */
async function blanksTheirPartsFill(
  failures: readonly Identity[],
  failed: readonly Identity[],
  fails: (id: Identity, overrides?: Overrides) => Promise<boolean>,
): Promise<Map<Identity, { own: Identity; value: number }>> {
  const out = new Map<Identity, { own: Identity; value: number }>();
  for (const id of failures) {
    const blanks = blankParts(id);
    if (blanks.length !== 1) continue;
    const key = termKey(blanks[0]!);
    for (const own of failed) {
      if (own === id || own.relation !== 'eq' || !own.lhs.some((t) => termKey(t) === key)) continue;
      const value = solveFor(own, own.lhs.find((t) => termKey(t) === key)!);
      if (!(value > 0)) continue;
      const overrides: Overrides = new Map([[key, value]]);
      if (!(await fails(own, overrides)) && !(await fails(id, overrides))) {
        out.set(id, { own, value });
        break;
      }
    }
  }
  return out;
}

/** At most this many blank parts are named as the one possibly left unfilled; more say nothing of which. */
const MAX_BLANK_CANDIDATES = 3;

/**
 * For each failure with one to `most` blank parts: those of its blanks that, filled with the difference,
 * would break a sum that holds now — such a blank is no candidate (杭州 公安局 2026: a unit's blank
 * 一般公共预算 under a 合计 short by 1,471.66, its own row adding up without it). Parts short of their
 * total, on one sheet, as unplacedFinding names them.
 */
async function blankFillsThatBreak(
  failures: readonly Identity[],
  touching: readonly Identity[],
  fails: (id: Identity, overrides?: Overrides) => Promise<boolean>,
  most: number,
): Promise<Map<Identity, Set<string>>> {
  const out = new Map<Identity, Set<string>>();
  const failed = new Set(failures);
  for (const id of failures) {
    const blanks = blankParts(id);
    if (blanks.length === 0 || blanks.length > most) continue;
    for (const blank of blanks) {
      const overrides: Overrides = new Map([[termKey(blank), solveFor(id, blank)]]);
      for (const other of touching) {
        if (failed.has(other) || !terms(other).some((t) => termKey(t) === termKey(blank))) continue;
        if (await breaksWith(other, overrides, fails)) {
          let keys = out.get(id);
          if (!keys) out.set(id, (keys = new Set()));
          keys.add(termKey(blank));
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Why parts may fall short of their total. Short by more than all of them together (北京 退役军人 2026's
 * 合计 over 24,029.84 of 项 rows, 1,039,341.94 apart): rows were left out, and “one of the 65 blank
 * parts” would send the clerk hunting one cell. Otherwise one blank part, or one row deleted, says it.
 */
function shortHint(id: Identity, e: Evaluation, blanks: number, lang: Lang): string {
  if (id.rhs.length > 1 && e.difference > Math.abs(e.right)) return WORDS.rowsLeftOut[lang];
  return blanks > 1 ? formatTemplate(WORDS.blankParts[lang], { count: blanks }) : WORDS.rowLeftOut[lang];
}

/** The blank parts of a total over parts of its own sheet that fall short of it: one of them may be the part left unfilled. */
function blankParts(id: Identity): Term[] {
  if (id.relation !== 'eq' || anchorOf(id).inText || !partsShort(id)) return [];
  return id.rhs.filter((t) => t.ref.amount === null && !t.inText);
}

/** A total over parts of its own sheet that fall short of it: a part left unfilled explains it as well as the total. */
function partsShort(id: Identity): boolean {
  const anchor = anchorOf(id);
  return id.lhs.includes(anchor) && id.rhs.every((t) => t.ref.sheet === anchor.ref.sheet) && evaluate(id).difference > 0;
}

/**
 * What the sums that hold now say of the values shown for reference, each with every other one shown:
 * `together`, the other suggested cells a sum shares with it that adds up now, adds up with every
 * suggestion made and breaks with this one alone (泉州 2026's 部门整体 form is short of the budget tables
 * by 6983.86 in both 资金总额 and 项目支出, its own sum whole either way: each cell is told to change with
 * the other); `heldParts`, the parts of the sums it heads that add up to it as printed and would not
 * with every value shown — the total agrees with its own parts and not with another table, so the parts
 * are as wrong as it is (普陀 司法局 2026's 表1 E18, 人员经费 short of 表8's by 101,200, is the sum of
 * E7:E10, whose 公共安全支出 row splits its money as 表1 does): the person is told, not left to break the column.
 */
async function suggestionHints(
  suggested: ReadonlyMap<Identity, number>,
  unplaced: readonly Identity[],
  touching: readonly Identity[],
  fails: (id: Identity, overrides?: Overrides) => Promise<boolean>,
): Promise<{ together: Map<Identity, CellAddress[]>; heldParts: Map<Identity, CellAddress[]> }> {
  const together = new Map<Identity, CellAddress[]>();
  const heldParts = new Map<Identity, CellAddress[]>();
  const all: Overrides = new Map([...suggested].map(([id, value]) => [termKey(anchorOf(id)), value]));
  const failed = new Set(unplaced);
  for (const id of suggested.keys()) {
    const key = termKey(anchorOf(id));
    const alone: Overrides = new Map([[key, all.get(key)!]]);
    const partners = new Map<string, CellAddress>();
    const parts = new Map<string, CellAddress>();
    for (const other of touching) {
      const cells = terms(other);
      if (failed.has(other) || !cells.some((t) => termKey(t) === key) || (await fails(other))) continue;
      const withAll = await fails(other, all);
      const others = cells.filter((t) => termKey(t) !== key && all.has(termKey(t)));
      if (others.length > 0 && !withAll && (await fails(other, alone))) for (const t of others) partners.set(termKey(t), address(t.ref));
      if (withAll && other.relation === 'eq' && other.lhs.some((t) => termKey(t) === key)) for (const t of other.rhs) if (!t.inText) parts.set(termKey(t), address(t.ref));
    }
    if (partners.size > 0) together.set(id, [...partners.values()]);
    if (parts.size > 0) heldParts.set(id, [...parts.values()]);
  }
  return { together, heldParts };
}

/** Cells named in a sentence: by their address on the anchor's sheet, with the sheet's name elsewhere; a long run as its first and last. */
function cellList(cells: readonly CellAddress[], sheet: string, lang: Lang): string {
  const named = cells.map((c) => (c.sheet === sheet ? c.cell : `${c.sheet}!${c.cell}`));
  if (named.length <= CELLS_LISTED) return named.join(WORDS.or[lang]);
  return lang === 'zh-CN' ? `${named[0]}…${named[named.length - 1]} 等 ${named.length} 格` : `the ${named.length} cells ${named[0]}…${named[named.length - 1]}`;
}

/** Cells listed one by one in a hint; more are named by the first and the last. */
const CELLS_LISTED = 5;

/**
 * Where an identity sits, row-wise, and by how much it fails: its sheet, its total's row, its parts'
 * rows and its difference to the cent. Two identities alike in all but their column are one
 * discrepancy seen in two columns (a part's row typed wrong consistently across).
 */
function spread(id: Identity): string {
  const [anchor] = id.lhs;
  if (!anchor) return '';
  const rows = id.rhs.map((t) => t.ref.row).sort((a, b) => a - b);
  return `${id.ruleId}|${anchor.ref.sheet}|${anchor.ref.row}|${rows.join(',')}|${Math.round(evaluate(id).difference * 100)}`;
}

/**
 * The discrepancies a culprit placed among the parts: the same one left unplaced in another column
 * says its parts are at fault there too, so their sum is no value for its total (长春 2026's 301:
 * 合计 and 人员经费 both 9.75 under their 款, the 人员经费 total tied to 表5 and so right).
 */
function partsAtFault(culprits: readonly Culprit[]): Set<string> {
  const out = new Set<string>();
  for (const c of culprits) {
    const changed = new Set([c, ...c.with, ...c.candidates].map((x) => termKey(x.term)));
    for (const id of c.resolves) if (id.rhs.some((t) => changed.has(termKey(t)))) out.add(spread(id));
  }
  return out;
}

/**
 * What the cell should hold after a change: the amount, or for an amount written in a sentence the
 * whole sentence with just that number rewritten (written as the sentence writes its decimals), so
 * applying it never loses the rest of the paragraph, and the figure keeps the sentence's thousands separators. A figure right in the other unit (长春 2026's
 * “预算支出1682.76元” for 1682.76 万元) keeps its digits and has its unit rewritten.
 */
function valueToWrite(change: CellChange): number | string {
  const inText = change.term.inText;
  if (!inText) return change.value;
  const text = change.term.ref.text;
  const unitFixed = unitRewritten(change, text, inText.end);
  if (unitFixed !== undefined) return unitFixed;
  const written = text.slice(inText.start, inText.end);
  const figure = formatAmount(change.value, Math.max(0, decimalsInText(written)));
  // Written with thousands separators (“568,368.51万元”), the figure is rewritten with them.
  return text.slice(0, inText.start) + (written.includes(',') ? groupedAmount(figure) : figure) + text.slice(inText.end);
}

/** Whether a figure of a sentence is the total of the sentence's own 其中 breakdown, whose parts add up to it as written. */
function headsItsParts(term: Term): boolean {
  if (!term.inText) return false;
  const folded = fold(term.ref.text);
  // Positions are the written text's; folding that changed the length would move them.
  if (folded.length !== term.ref.text.length) return false;
  return textBreakdowns(folded).some((b) => b.total.start === term.inText!.start && partsAddUp(b));
}

/** The sentence with 元 and 万元 swapped after the figure, when that alone makes the figure right. */
function unitRewritten(change: CellChange, text: string, numberEnd: number): string | undefined {
  const written = change.term.ref.amount;
  if (written === null || clearSlip(written, change.value)?.kind !== 'unitMix') return undefined;
  const unit = /^(\s*)(万元|元)/.exec(text.slice(numberEnd));
  if (!unit) return undefined;
  const larger = Math.abs(change.value) > Math.abs(written);
  // Written in 元 but meant in 万元 reads 10 000 times too small in 元; the other way round, too large.
  const to = unit[2] === '元' && larger ? '万元' : unit[2] === '万元' && !larger ? '元' : undefined;
  if (!to) return undefined;
  const at = numberEnd + unit[1]!.length;
  return text.slice(0, at) + to + text.slice(at + unit[2]!.length);
}

function decimalsInText(numberText: string): number {
  const dot = numberText.indexOf('.');
  return dot < 0 ? 0 : numberText.length - dot - 1;
}

/** Code-unit order: rule ids and column letters are ASCII, where it is the order a reader expects. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareCells(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return compareText(a, b);
  return Number(pa[2]) - Number(pb[2]) || pa[1]!.length - pb[1]!.length || compareText(pa[1]!, pb[1]!);
}
