/** budget-check rules lint | test: the rule maintainer's commands. */
import { resolve } from 'node:path';
import type { Lang } from '../core/messages.js';
import { lint } from '../core/rules/lint.js';
import { runRuleTests } from '../core/rules/rule-tests.js';
import { DEFAULT_RULES_DIR, folderSources, formatDiagnostic } from './rule-files.js';
import type { Io } from './main.js';

export async function rulesLint(dir: string | undefined, io: Io): Promise<number> {
  const folder = resolve(dir ?? DEFAULT_RULES_DIR);
  const sources = await folderSources(folder);
  if (sources.length === 0) {
    io.err(`${folder} 中没有规则文件 / no rule files in ${folder}`);
    return 2;
  }
  const { diagnostics, rules } = lint(sources);
  for (const d of diagnostics) io.out(formatDiagnostic(d));
  if (diagnostics.length) {
    io.err(`\n${diagnostics.length} 个问题 / ${diagnostics.length} problem(s) in ${new Set(diagnostics.map((d) => d.file)).size} file(s)`);
    return 1;
  }
  // A correct catalogue passes silently (the count goes to stderr for those who want it).
  io.err(`${rules.length} 条规则、${sources.length} 个文件，无问题 / ${rules.length} rules in ${sources.length} files, no problems`);
  return 0;
}

export async function rulesTest(dir: string | undefined, io: Io, lang: Lang): Promise<number> {
  const folder = resolve(dir ?? DEFAULT_RULES_DIR);
  const { diagnostics, rules, vocab } = lint(await folderSources(folder));
  if (diagnostics.length) {
    for (const d of diagnostics) io.out(formatDiagnostic(d));
    io.err('规则文件有误，先运行 budget-check rules lint / fix the rule files first (budget-check rules lint)');
    return 1;
  }
  let passed = 0;
  let failed = 0;
  for (const rule of rules) {
    for (const r of await runRuleTests(rule, vocab, 'zh-CN', rules)) {
      if (r.passed) {
        passed++;
        io.out(`✓ ${rule.id}  ${r.kind === 'valid' ? '不应报告 / valid' : '应报告 / invalid'}  “${r.name}”`);
        continue;
      }
      failed++;
      io.out(`✗ ${rule.id}  ${r.kind === 'valid' ? '不应报告 / valid' : '应报告 / invalid'}  “${r.name}”  (${rule.file})`);
      for (const p of r.problems) io.out(`    ${p}`);
      const expected = r.kind === 'invalid' ? rule.tests.invalid.find((t) => t.name === r.name)!.findings : [];
      io.out('    - 预期 expected: ' + (expected.map((e) => `${e.sheet}!${e.cell}${e.fix !== undefined ? ` = ${e.fix}` : ''}`).join(', ') || '（无 none）'));
      io.out('    + 实际 actual:   ' + (r.findings.map((f) => `${f.sheet}!${f.cell}${f.fix ? ` = ${f.fix.value}` : ''}`).join(', ') || '（无 none）'));
      if (lang === 'zh-CN') for (const f of r.findings) io.out(`      ${f.sheet}!${f.cell} ${f.message}`);
    }
  }
  io.out(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
