/** npm run validate — checks manifest.xml against the Office manifest schemas, offline. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { validateManifest } from '../src/manifest/validate.js';

const file = fileURLToPath(new URL('../manifest.xml', import.meta.url));
const { valid, problems } = await validateManifest(await readFile(file, 'utf8'));
for (const p of problems) console.error(`manifest.xml:${p.line ?? '?'}  ${p.message}`);
console.log(valid ? 'manifest.xml 符合 Office 清单架构 / manifest.xml is valid' : 'manifest.xml 不符合架构 / manifest.xml is invalid');
process.exitCode = valid ? 0 : 1;
