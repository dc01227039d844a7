/**
 * Rule tests as ESLint's RuleTester runs them: each rule file carries valid workbook snippets (no
 * finding expected) and invalid ones (these findings, on these cells, with these fixes).
 */
import type { Finding } from '../findings.js';
import { sheetFromValues, type GridWorkbook } from '../grid.js';
import { recognize } from '../recognize/recognize.js';
import type { Lang } from '../messages.js';
import type { Vocabulary } from '../vocabulary.js';
import type { LoadedRule } from './catalogue.js';
import { runRules } from './run.js';
import type { Snippet } from './schema.js';

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

export async function runRuleTests(rule: LoadedRule, vocab: Vocabulary, lang: Lang = 'zh-CN'): Promise<RuleTestResult[]> {
  const results: RuleTestResult[] = [];
  const findingsFor = async (snippet: Snippet) => {
    const grid = snippetToGrid(snippet);
    const { findings } = await runRules([rule], recognize(grid, vocab), vocab, grid, lang);
    return findings;
  };
  for (const t of rule.tests.valid) {
    const findings = await findingsFor(t.workbook);
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
    const findings = await findingsFor(t.workbook);
    const problems: string[] = [];
    const at = (sheet: string, cell: string) => findings.filter((f) => f.sheet === sheet && f.cell === cell);
    for (const e of t.findings) {
      const got = at(e.sheet, e.cell);
      if (got.length === 0) {
        const elsewhere = findings.map((f) => `${f.sheet}!${f.cell}`).join(', ') || 'none';
        problems.push(`expected finding on ${e.sheet}!${e.cell}, got none (findings on: ${elsewhere}) / 应在 ${e.sheet}!${e.cell} 报告，实际没有`);
      } else if (e.fix !== undefined && !got.some((f) => f.fix && String(f.fix.value) === String(e.fix))) {
        problems.push(`expected fix ${e.sheet}!${e.cell} = ${e.fix}, got ${got.map((f) => (f.fix ? String(f.fix.value) : 'no fix')).join(', ')} / 建议值不符`);
      }
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
