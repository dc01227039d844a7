/** npm run schemas — writes the JSON Schemas of rule, vocabulary, pack and config files from zod. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemas, schemaText } from '../src/core/rules/json-schemas.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [path, schema] of Object.entries(buildJsonSchemas())) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), schemaText(schema));
  console.log(`wrote ${path}`);
}
