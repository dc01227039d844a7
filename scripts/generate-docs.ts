/** npm run docs — writes docs/rules/<id>.md for every rule and docs/rules/README.md, from the rules themselves. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { buildRuleDocs } from './rule-docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'docs', 'rules');
const docs = await buildRuleDocs(await loadCatalogue());
await mkdir(dir, { recursive: true });
for (const name of await readdir(dir)) if (!(name in docs)) await rm(join(dir, name));
for (const [name, text] of Object.entries(docs)) await writeFile(join(dir, name), text);
console.log(`wrote ${Object.keys(docs).length} pages to docs/rules/`);
