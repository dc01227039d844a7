/** The pages of docs/rules, by file name: shared by npm run docs and the test that keeps them current. */
import type { LoadedRule } from '../src/core/rules/catalogue.js';
import type { Vocabulary } from '../src/core/vocabulary.js';
import { indexDoc, ruleDoc } from '../src/core/rules/docs.js';
import { runRuleTests } from '../src/core/rules/rule-tests.js';

export async function buildRuleDocs(catalogue: { vocab: Vocabulary; rules: readonly LoadedRule[] }): Promise<Record<string, string>> {
  const docs: Record<string, string> = { 'README.md': indexDoc(catalogue.rules) };
  for (const rule of catalogue.rules) {
    const zh = await runRuleTests(rule, catalogue.vocab, 'zh-CN');
    const en = await runRuleTests(rule, catalogue.vocab, 'en');
    docs[`${rule.id}.md`] = ruleDoc(rule, zh, en);
  }
  return docs;
}
