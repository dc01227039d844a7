/**
 * Build step (npm run build:cli): lint the bundled rules and save them in prepared form beside the
 * compiled CLI, so a check starts without linting. A broken rule file fails the build here, with the
 * same diagnostics `budget-check rules lint` prints.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fingerprint, prepareCatalogue } from '../core/rules/prepared.js';
import { DEFAULT_RULES_DIR, formatDiagnostic, PREPARED_CATALOGUE, ruleSources, sourceStamps } from './rule-files.js';

const { lint } = await import('../core/rules/lint.js');
const sources = await ruleSources(DEFAULT_RULES_DIR);
const { diagnostics, vocab, rules } = lint(sources);
if (diagnostics.length) {
  process.stderr.write(`${diagnostics.map(formatDiagnostic).join('\n')}\n规则文件有错误，未能编译 / the rule files have errors: build stopped\n`);
  process.exit(1);
}
const prepared = prepareCatalogue({ vocab, rules }, fingerprint(sources), (f) => relative(DEFAULT_RULES_DIR, f));
await writeFile(PREPARED_CATALOGUE, JSON.stringify({ ...prepared, stamps: sourceStamps() }));
process.stdout.write(`prepared ${rules.length} rules → ${relative(process.cwd(), PREPARED_CATALOGUE)}\n`);
