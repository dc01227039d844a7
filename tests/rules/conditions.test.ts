/**
 * Rules' conditions run as compiled predicates; json-rules-engine is the reference. On every item
 * every rule's iterator yields on the sample and its layout variants, and on the real corpus on every
 * item the predicate reports and an even spread of the rest, the compiled verdict equals the engine's. And the engine's own edge cases hold: numeric strings, nulls,
 * missing facts, "contains" on a non-list, facts compared with facts.
 */
import { Engine } from 'json-rules-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/core/check.js';
import type { GridWorkbook } from '../../src/core/grid.js';
import { recognize } from '../../src/core/recognize/recognize.js';
import { compileConditions, compileScreen, requiresBreach, type Facts } from '../../src/core/rules/conditions.js';
import { RuleContext } from '../../src/core/rules/context.js';
import type { TopLevelCondition } from '../../src/core/rules/schema.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookFile } from '../../src/xlsx/read-file.js';
import type { LayoutOptions } from '../../src/xlsx/budget-writer.js';
import { corpusWorkbooks, SAMPLE_XLSX, variantGrid } from '../helpers.js';

const patterns = new Map<string, RegExp>();
/** The rule files' patterns, each compiled once: made again on every item, they were most of this file's time. */
const matches = (fact: unknown, pattern: unknown) => {
  if (typeof fact !== 'string' || typeof pattern !== 'string') return false;
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern, 'u')));
  return re.test(fact);
};

function engineFor(conditions: TopLevelCondition): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: (o: unknown, p: string) => (o as Record<string, unknown>)?.[p] });
  engine.addOperator('matches', matches);
  engine.addRule({ conditions: conditions as never, event: { type: 'finding' } });
  return engine;
}

const breachPasses = compileConditions({ all: [{ fact: 'breach', operator: 'greaterThan', value: { fact: 'tolerance' } }] }, matches);

async function engineSays(engine: Engine, facts: Facts): Promise<boolean> {
  return (await engine.run({ ...facts })).events.length > 0;
}

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

/**
 * How many of a rule's items in one corpus workbook the engine is asked about besides those the
 * compiled predicate reports (all of which it is asked about), spread evenly over them: 64,830 of
 * the 183,044 items (2026-12-01), and this test 13 s long instead of 18, the corpus growing. The
 * sample and its layouts are asked about in full. A broken operator (`in` missing a list's first
 * entry) still fails it.
 */
const ENGINE_SPREAD = 20;

/** What both tests below hold, gathered in one walk over the sample, two layouts of it and every corpus workbook. */
interface Walk {
  disagreements: string[];
  compared: number;
  reported: number;
  identities: number;
  asked: number;
  /** Rules whose screened items report other findings than their unscreened ones. */
  differences: string[];
  all: number;
  built: number;
}

let walked: Promise<Walk> | undefined;

/**
 * One workbook at a time, every rule's items made unscreened and screened, judged and let go: all
 * of them held at once (two hundred workbooks, 180,000 items) cost more in collection than in judging.
 */
function walkAll(): Promise<Walk> {
  return (walked ??= (async () => {
    const tools = catalogue.rules.map((rule) => {
      const conditions = rule.conditions as TopLevelCondition;
      return { rule, predicate: compileConditions(conditions, matches), screen: compileScreen(conditions, matches), engine: engineFor(conditions), gated: requiresBreach(conditions) };
    });
    const w: Walk = { disagreements: [], compared: 0, reported: 0, identities: 0, asked: 0, differences: [], all: 0, built: 0 };
    const visit = async (grid: GridWorkbook, corpus: boolean) => {
      const ctx = new RuleContext(recognize(grid, catalogue.vocab), catalogue.vocab, grid);
      for (const { rule, predicate, screen, engine, gated } of tools) {
        const items = [...rule.iteratorDef.run(ctx, rule.parsedParams, rule.id)];
        const step = corpus ? Math.max(1, Math.ceil(items.length / ENGINE_SPREAD)) : 1;
        for (const [k, item] of items.entries()) {
          const mine = predicate(item.facts);
          if (mine || k % step === 0) {
            w.asked++;
            if (mine !== (await engineSays(engine, item.facts))) w.disagreements.push(`${rule.id}: ${JSON.stringify(item.facts).slice(0, 200)}`);
          }
          // An identity's own answer to “broken?” is its facts' answer, and a rule that needs a breach never reports a holding one.
          if (item.breaks !== undefined && item.breaks !== breachPasses(item.facts)) w.disagreements.push(`${rule.id} breaks=${item.breaks}: ${JSON.stringify(item.facts).slice(0, 200)}`);
          if (gated && item.breaks === false && mine) w.disagreements.push(`${rule.id} reports a holding identity: ${JSON.stringify(item.facts).slice(0, 200)}`);
          if (item.breaks !== undefined) w.identities++;
          w.compared++;
          if (mine) w.reported++;
        }
        // The same rule's items made again with its screen: what they report must not change.
        const reportedOf = (list: Iterable<{ facts: Facts }>) => {
          const out: string[] = [];
          for (const item of list) if (predicate(item.facts)) out.push(JSON.stringify(item.facts));
          return out;
        };
        const screened = [...rule.iteratorDef.run(ctx, rule.parsedParams, rule.id, screen)];
        w.all += items.length;
        w.built += screened.length;
        const a = reportedOf(items);
        const b = reportedOf(screened);
        if (JSON.stringify(a) !== JSON.stringify(b)) w.differences.push(`${rule.id}: ${a.length} reported unscreened, ${b.length} screened`);
      }
    };
    await visit(await readWorkbookFile(SAMPLE_XLSX), false);
    for (const layout of [{ codes: 'split', unit: '元', numbers: 'text' }, { oneSheet: true }] as Partial<LayoutOptions>[]) await visit(await variantGrid(layout), false);
    for (const file of corpusWorkbooks()) await visit(await readWorkbookFile(file), true);
    return w;
  })());
}

describe('compiled conditions agree with json-rules-engine', () => {
  it('on every item of every rule, over the sample, two layouts and (spread over their items) the real corpus', async () => {
    const { disagreements, compared, asked, reported, identities } = await walkAll();
    expect(disagreements.slice(0, 10)).toEqual([]);
    // Enough of both verdicts for the agreement to mean something.
    expect(compared).toBeGreaterThan(5000);
    expect(asked).toBeGreaterThan(5000);
    expect(reported).toBeGreaterThan(50);
    expect(identities).toBeGreaterThan(1000);
  }, 120_000);

  const cases: { name: string; conditions: TopLevelCondition; facts: Facts[] }[] = [
    {
      name: 'ordering operators need a fact that parses as a number (a numeric string does)',
      conditions: { all: [{ fact: 'x', operator: 'greaterThan', value: 10 }] },
      facts: [{ x: 11 }, { x: '12' }, { x: null }, {}, { x: 'abc' }, { x: 9 }],
    },
    {
      name: 'facts compared with facts, missing ones included',
      conditions: { all: [{ fact: 'breach', operator: 'greaterThan', value: { fact: 'tolerance' } }] },
      facts: [{ breach: 2, tolerance: 1 }, { breach: 1, tolerance: 1 }, { breach: 2 }, { tolerance: 1 }],
    },
    {
      name: 'contains needs a list; in and notIn look in the rule’s list',
      conditions: { any: [{ fact: 'tags', operator: 'contains', value: 'a' }, { fact: 'level', operator: 'in', value: ['一级', '二级'] }] },
      facts: [{ tags: ['a'] }, { tags: 'a' }, { level: '二级' }, { level: '三级' }, {}],
    },
    {
      name: 'not, nested any/all, equality with null and booleans',
      conditions: { not: { any: [{ fact: 'v', operator: 'equal', value: null }, { all: [{ fact: 'f', operator: 'equal', value: true }, { fact: 'n', operator: 'lessThanInclusive', value: 0 }] }] } },
      facts: [{ v: null }, { v: 1 }, { f: true, n: 0 }, { f: true, n: 1 }, { f: 'true', n: 0 }],
    },
    {
      name: 'matches: a text fact against the pattern; other types never match',
      conditions: { all: [{ fact: 't', operator: 'matches', value: '^\\d+万元$' }] },
      facts: [{ t: '230万元' }, { t: '约230万元' }, { t: 230 }, {}],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const predicate = compileConditions(c.conditions, matches);
      const engine = engineFor(c.conditions);
      for (const f of c.facts) expect(predicate(f), JSON.stringify(f)).toBe(await engineSays(engine, f));
      // Both verdicts occur among the facts, so the case could fail either way.
      expect(new Set(c.facts.map((f) => predicate(f))).size).toBe(2);
    });
  }
});

describe('requiresBreach: rules that report only a broken identity', () => {
  const leaf = { fact: 'breach', operator: 'greaterThan', value: { fact: 'tolerance' } } as const;
  it('is true when the top-level all holds the breach leaf, beside other conditions', () => {
    expect(requiresBreach({ all: [leaf] })).toBe(true);
    expect(requiresBreach({ all: [{ fact: 'termCount', operator: 'greaterThan', value: 2 }, leaf] })).toBe(true);
  });

  it('is false when the leaf is only one way to report, negated, or compares something else', () => {
    expect(requiresBreach({ any: [leaf, { fact: 'termCount', operator: 'equal', value: 1 }] })).toBe(false);
    expect(requiresBreach({ not: leaf })).toBe(false);
    expect(requiresBreach({ all: [{ any: [leaf] }] })).toBe(false);
    expect(requiresBreach({ all: [{ fact: 'breach', operator: 'greaterThanInclusive', value: { fact: 'tolerance' } }] })).toBe(false);
    expect(requiresBreach({ all: [{ fact: 'breach', operator: 'greaterThan', value: 0 }] })).toBe(false);
    expect(requiresBreach({ all: [{ fact: 'difference', operator: 'greaterThan', value: { fact: 'tolerance' } }] })).toBe(false);
  });
});

describe('screens: an iterator skips only items its rules could not report', () => {
  it('reports the same items with and without the screen, on the sample, two layouts and the real corpus, and skips a share of them (about a third)', async () => {
    const { differences, all, built } = await walkAll();
    expect(differences).toEqual([]);
    // The screen does skip work, or this test would hold of a screen that never excludes.
    expect(built).toBeLessThan(all * 0.9);
  }, 120_000);

  it('judges a leaf only once every fact it reads is known', () => {
    const screen = compileScreen({ all: [{ fact: 'rowsInTarget', operator: 'equal', value: 0 }, { fact: 'nameKey', operator: 'notEqual', value: { fact: 'usualNameKey' } }] }, matches);
    expect(screen({ rowsInTarget: 1 })).toBe(false);
    expect(screen({ rowsInTarget: 0 })).toBe(true);
    expect(screen({ nameKey: 'a' })).toBe(true);
    expect(screen({ nameKey: 'a', usualNameKey: 'a' })).toBe(false);
    expect(screen({})).toBe(true);
    // Under any or not, nothing is excluded: another branch may still report.
    expect(compileScreen({ any: [{ fact: 'x', operator: 'equal', value: 1 }] }, matches)({ x: 2 })).toBe(true);
  });
});
