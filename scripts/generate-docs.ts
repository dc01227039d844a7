/** npm run docs — writes docs/rules/<id>.md for every rule and docs/rules/README.md, from the rules themselves. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogueProblem, DEFAULT_RULES_DIR, folderSources } from '../src/cli/rule-files.js';
import { lint } from '../src/core/rules/lint.js';
import { buildRuleDocs } from './rule-docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'docs', 'rules');
// The rule files themselves, linted: the prepared catalogue leaves out the rule cases the pages show.
const checked = lint((await folderSources(DEFAULT_RULES_DIR)).filter((s) => s.kind !== 'pack'));
if (checked.diagnostics.length) throw new CatalogueProblem(checked.diagnostics);
const docs = await buildRuleDocs({ vocab: checked.vocab, rules: checked.rules });
await mkdir(dir, { recursive: true });
for (const name of await readdir(dir)) if (!(name in docs)) await rm(join(dir, name));
for (const [name, text] of Object.entries(docs)) await writeFile(join(dir, name), text);
console.log(`wrote ${Object.keys(docs).length} pages to docs/rules/`);
