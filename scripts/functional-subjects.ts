/**
 * Writes rules/vocabulary/functional-subjects.json: the functional classification's subjects (类, 款,
 * 项) by code, as the corpus' published budgets print them in their coded tables — the most frequent
 * name of each code, later years first on a tie. A table that prints its subjects by name alone (杭州
 * 2026) is coded from it (recognize/rows.ts, codesFromNames). Run after admitting workbooks:
 *   npx tsx scripts/functional-subjects.ts
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalogue } from '../src/cli/rule-files.js';
import { recognize } from '../src/core/recognize/recognize.js';
import { subjectNameKey } from '../src/core/recognize/rows.js';
import { readWorkbookFile } from '../src/xlsx/read-file.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['samples/real', 'samples/staged'];
const OUT = `${ROOT}rules/vocabulary/functional-subjects.json`;

/** A functional subject's code: 3, 5 or 7 digits from 2. */
const FUNCTIONAL = /^2\d{2}(\d{2}){0,2}$/;

const catalogue = await loadCatalogue();
const seen = new Map<string, Map<string, { count: number; latest: number }>>();
for (const folder of FOLDERS) {
  for (const file of readdirSync(`${ROOT}${folder}`).filter((f) => f.endsWith('.xlsx'))) {
    const year = Number(/-(20\d\d)-/.exec(file)?.[1] ?? 0);
    const grid = await readWorkbookFile(`${ROOT}${folder}/${file}`).catch(() => undefined);
    if (!grid) continue;
    for (const t of recognize(grid, catalogue.vocab).tables) {
      for (const row of t.rows) {
        const code = row.code?.code;
        // Codes the table printed: none worked out from these very names.
        if (!code || row.codeFromName || !FUNCTIONAL.test(code)) continue;
        // The name as printed, without its numbering (“1.”, “一、”), and none that holds a code itself.
        const name = subjectNameKey(row.labels.name ?? '');
        if (name === '' || /\d{3}/.test(name)) continue;
        const names = seen.get(code) ?? new Map<string, { count: number; latest: number }>();
        const entry = names.get(name) ?? { count: 0, latest: 0 };
        entry.count++;
        entry.latest = Math.max(entry.latest, year);
        names.set(name, entry);
        seen.set(code, names);
      }
    }
  }
}
const subjects: Record<string, string> = {};
for (const [code, names] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
  const [best] = [...names].sort(([, a], [, b]) => b.count - a.count || b.latest - a.latest);
  subjects[code] = best![0];
}
writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      $schema: '../schemas/vocabulary.schema.json',
      description:
        '功能分类科目编码 → 名称，取自语料中已公开预算的编码表（每个编码取出现最多的写法）：只印科目名称、不印编码的表（杭州 2026 的支出总表、一般公共预算支出表）按此逐级读出编码。由 scripts/functional-subjects.ts 生成。 / Functional subjects by code as the corpus’ published budgets print them (the most frequent name of each): a table printing names without codes (杭州 2026) is coded from them, level by level. Written by scripts/functional-subjects.ts.',
      functionalSubjects: subjects,
    },
    null,
    2,
  )}\n`,
);
process.stdout.write(`wrote ${Object.keys(subjects).length} functional subjects → rules/vocabulary/functional-subjects.json\n`);
