/** budget-check recognize FILE [--explain]: which tables were found, and with --explain, why. */
import type { Lang } from '../core/messages.js';
import { recognize } from '../core/recognize/recognize.js';
import { explainRecognition, type RecognitionExplanation } from '../core/recognize/explain.js';
import { SourceError } from '../core/source-error.js';
import { readWorkbookFile } from '../xlsx/read-file.js';
import { catalogueCache, type CatalogueChoice } from './catalogue-files.js';
import { CatalogueProblem } from './rule-files.js';
import type { Io } from './main.js';

const W = {
  'zh-CN': {
    found: '找到', tables: '张表', title: '标题', matched: '匹配词', unit: '单位', header: '表头行', rows: '行',
    coded: '有编码', totalRow: '合计行', columns: '列', unmatched: '未识别的金额列', problems: '识别问题',
    missing: '未找到的标准表', noTables: '没有识别出表的工作表', none: '无',
  },
  en: {
    found: 'found', tables: 'table(s)', title: 'title', matched: 'matched by', unit: 'unit', header: 'header rows', rows: 'rows',
    coded: 'coded', totalRow: 'total row', columns: 'columns', unmatched: 'amount columns nothing matched', problems: 'recognition problems',
    missing: 'standard tables not found', noTables: 'sheets with no table found', none: 'none',
  },
} as const;

export function formatExplanation(file: string, e: RecognitionExplanation, lang: Lang, explain: boolean): string {
  const w = W[lang];
  const lines = [`${file}: ${w.found} ${e.tables.length} ${w.tables}`];
  for (const t of e.tables) {
    lines.push(...(explain ? [''] : []), `■ ${t.name}  [${t.id}]  ${t.sheet}!${t.range}`);
    if (!explain) continue;
    lines.push(`  ${w.title}: ${t.titleCell ? `${t.titleCell} ` : ''}“${t.title}”${t.titleWords ? `  ← ${w.matched} ${t.titleWords}` : ''}`);
    lines.push(`  ${w.unit}: ${t.unit}${t.unitCell ? ` (${t.unitCell})` : ''} · ${w.header}: ${t.headerRows} · ${w.rows}: ${t.rows.count} (${w.coded} ${t.rows.coded}${t.rows.totalRow ? `, ${w.totalRow} ${t.rows.totalRow}` : ''})`);
    lines.push(`  ${w.columns}:`);
    for (const c of t.columns) lines.push(`    ${c.column.padEnd(3)} ${c.role.padEnd(18)} ${c.roleName}  ← “${c.header}”${c.words ? `  (${c.words})` : ''}`);
    if (t.unmatched.length) lines.push(`  ${w.unmatched}: ${t.unmatched.map((u) => `${u.column} “${u.header}”`).join('、')}`);
    if (t.problems.length) lines.push(`  ${w.problems}: ${t.problems.join('; ')}`);
  }
  if (explain) {
    lines.push('', `${w.missing}: ${e.missing.map((m) => `${m.name} [${m.id}]`).join('、') || w.none}`);
    if (e.sheetsWithoutTables.length) lines.push(`${w.noTables}: ${e.sheetsWithoutTables.map((s) => `${s.sheet}（${s.sample}）`).join('；')}`);
  }
  return lines.join('\n');
}

export async function runRecognize(files: string[], o: { lang: Lang; format: string; explain: boolean; choice: CatalogueChoice }, io: Io): Promise<number> {
  if (files.length === 0) {
    io.err('请指定工作簿 / name a workbook: budget-check recognize <文件.xlsx> [--explain]');
    return 2;
  }
  const catalogueFor = catalogueCache(o.choice);
  let status = 0;
  const out: { file: string; explanation?: RecognitionExplanation; error?: string }[] = [];
  for (const file of files) {
    try {
      const { vocab } = await catalogueFor(file);
      const explanation = explainRecognition(recognize(await readWorkbookFile(file), vocab), vocab, o.lang);
      out.push({ file, explanation });
    } catch (e) {
      if (e instanceof CatalogueProblem) {
        io.err(`规则文件有误 / Rule file error:\n${e.message}`);
        return 2;
      }
      if (!(e instanceof SourceError)) throw e;
      out.push({ file, error: e.bilingual(o.lang) });
      status = 2;
    }
  }
  if (o.format === 'json') io.out(JSON.stringify(out, null, 2));
  else for (const r of out) if (r.explanation) io.out(formatExplanation(r.file, r.explanation, o.lang, o.explain) + '\n');
  for (const r of out) if (r.error) io.err(`budget-check: ${r.error}`);
  return status;
}
