/**
 * Rule tests as ESLint's RuleTester runs them: each rule file carries valid workbook snippets (no
 * finding expected) and invalid ones (these findings, on these cells, with these fixes).
 */
import type { Finding } from '../findings.js';
import { sheetFromValues, type GridWorkbook } from '../grid.js';
import { recognize } from '../recognize/recognize.js';
import type { Lang } from '../messages.js';
import type { Vocabulary } from '../vocabulary.js';
import type { CheckedRule, LoadedRule } from './catalogue.js';
import { runRules } from './run.js';
import type { ExpectedFinding, Snippet } from './schema.js';

export function snippetToGrid(snippet: Snippet): GridWorkbook {
  return { sheets: snippet.sheets.map((s) => sheetFromValues(s.name, s.rows, s.merges ?? [])) };
}

export interface RuleTestResult {
  rule: string;
  kind: 'valid' | 'invalid';
  name: string;
  passed: boolean;
  /** What went wrong, in the words a maintainer needs: "expected finding on 表3!E12, got none". */
  problems: string[];
  findings: Finding[];
}

const where = (a: { sheet?: string; cell?: string }) => `${a.sheet}!${a.cell}`;
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');

/** How a finding differs from what the case expects of it, beyond its place; empty when it matches. */
export function mismatches(e: ExpectedFinding, f: Finding): string[] {
  const out: string[] = [];
  if (e.message !== undefined && f.message !== e.message) out.push(`message “${f.message}”, expected “${e.message}” / 提示文字不符`);
  if (e.severity !== undefined && f.severity !== e.severity) out.push(`severity ${f.severity}, expected ${e.severity} / 严重程度不符`);
  if (e.fix === null && f.fix) out.push(`fix ${String(f.fix.value)}, expected none / 不应给出建议值`);
  else if (e.fix != null && String(f.fix?.value ?? 'no fix') !== String(e.fix)) out.push(`fix ${f.fix ? String(f.fix.value) : 'none'}, expected ${e.fix} / 建议值不符`);
  if (e.fixSafety !== undefined && f.fix?.safety !== e.fixSafety) out.push(`fix safety ${f.fix?.safety ?? 'none'}, expected ${e.fixSafety} / 修正安全级别不符`);
  const related = (f.related ?? []).map(where);
  if (e.related !== undefined && !sameSet(related, e.related)) out.push(`related ${related.join(', ') || 'none'}, expected ${e.related.join(', ')} / 相关单元格不符`);
  const candidates = (f.candidates ?? []).map(where);
  if (e.candidates !== undefined && !sameSet(candidates, e.candidates)) out.push(`candidates ${candidates.join(', ') || 'none'}, expected ${e.candidates.join(', ')} / 候选单元格不符`);
  return out;
}

/**
 * Runs a rule's cases: alone, or — for a case marked `catalogue` — with the whole catalogue, as a
 * real check runs it (where the rule's failures may be merged with other rules' and placed
 * elsewhere). With the catalogue, only this rule's findings count as unexpected.
 */
export async function runRuleTests(rule: LoadedRule, vocab: Vocabulary, lang: Lang = 'zh-CN', catalogue: readonly CheckedRule[] = [rule]): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = [];
  const findingsFor = async (snippet: Snippet, withCatalogue: boolean | undefined) => {
    const grid = snippetToGrid(snippet);
    const rules = withCatalogue ? catalogue.map((r) => (r.id === rule.id ? rule : r)) : [rule];
    const { findings } = await runRules(rules, recognize(grid, vocab), vocab, grid, lang);
    return findings;
  };
  for (const t of rule.tests.valid) {
    const findings = (await findingsFor(t.workbook, t.catalogue)).filter((f) => f.ruleId === rule.id);
    results.push({
      rule: rule.id,
      kind: 'valid',
      name: t.name,
      passed: findings.length === 0,
      problems: findings.map((f) => `expected no finding, got ${f.sheet}!${f.cell}: ${f.message} / 不应报告，但报告了`),
      findings,
    });
  }
  for (const t of rule.tests.invalid) {
    const all = await findingsFor(t.workbook, t.catalogue);
    const findings = t.catalogue ? all.filter((f) => f.ruleId === rule.id || t.findings.some((e) => e.sheet === f.sheet && e.cell === f.cell)) : all;
    const problems: string[] = [];
    for (const e of t.findings) {
      const got = findings.filter((f) => f.sheet === e.sheet && f.cell === e.cell);
      if (got.length === 0) {
        const elsewhere = findings.map(where).join(', ') || 'none';
        problems.push(`expected finding on ${e.sheet}!${e.cell}, got none (findings on: ${elsewhere}) / 应在 ${e.sheet}!${e.cell} 报告，实际没有`);
        continue;
      }
      // A cell told the same thing twice is a finding repeated, never two findings.
      if (new Set(got.map((f) => `${f.ruleId}|${f.message}`)).size < got.length) problems.push(`${e.sheet}!${e.cell}: the same finding ${got.length} times / 同一问题重复报告`);
      const differences = got.map((f) => mismatches(e, f));
      if (!differences.some((d) => d.length === 0)) problems.push(...differences[0]!.map((d) => `${e.sheet}!${e.cell}: ${d}`));
    }
    for (const f of findings) {
      if (!t.findings.some((e) => e.sheet === f.sheet && e.cell === f.cell)) {
        problems.push(`unexpected finding on ${f.sheet}!${f.cell}: ${f.message} / 多报了`);
      }
    }
    results.push({ rule: rule.id, kind: 'invalid', name: t.name, passed: problems.length === 0, problems, findings });
  }
  return results;
}
