/** Human-readable report: grouped by table, sheet!cell first, Chinese by default. */
import { countBySeverity, type Finding, type Severity, type WorkbookReport } from '../core/findings.js';
import { message, type Lang } from '../core/messages.js';
import { OPTIONAL_TABLE_IDS, type Vocabulary } from '../core/vocabulary.js';

const WORDS = {
  'zh-CN': {
    tables: (std: number, optional: string[], targets: number) => `识别到 ${std} 张标准表${optional.map((o) => `、${o}`).join('')}、${targets} 张项目绩效目标表`,
    optional: (n: number, name: string) => `${n} 张${name}`,
    result: (c: Record<Severity, number>) => `结果：${c.error} 个错误，${c.warning} 个警告，${c.info} 个提示`,
    clean: '未发现问题。',
    severity: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
    workbook: '整个工作簿',
    fix: '建议改为',
    candidates: '可能需要修改的单元格（请选择）',
    safety: { safe: '可直接修正', unsafe: '请核实后修正', 'display-only': '仅供参考，需人工判断' } as Record<string, string>,
    unit: (u: string | null) => (u ? `单位：${u}` : '单位：未注明'),
    moreTargets: (n: number, sheets: string[]) => `…… 另有 ${n} 张，在${sheets.map((s) => `「${s}」`).join('、')}（逐表见 --format json 的报告）`,
  },
  en: {
    tables: (std: number, optional: string[], targets: number) => `Recognised ${std} standard tables${optional.map((o) => `, ${o}`).join('')} and ${targets} project target tables`,
    optional: (n: number, name: string) => `${n} ${name.toLowerCase()}${n > 1 ? 's' : ''}`,
    result: (c: Record<Severity, number>) => `Result: ${c.error} errors, ${c.warning} warnings, ${c.info} notes`,
    clean: 'No problems found.',
    severity: { error: 'error', warning: 'warning', info: 'note' } as Record<Severity, string>,
    workbook: 'Whole workbook',
    fix: 'suggested value',
    candidates: 'cells that may be wrong (choose one)',
    safety: { safe: 'safe to apply', unsafe: 'check before applying', 'display-only': 'for reference; needs a person' } as Record<string, string>,
    unit: (u: string | null) => (u ? `unit: ${u}` : 'unit: not stated'),
    moreTargets: (n: number, sheets: string[]) => `… and ${n} more, on ${sheets.map((s) => `“${s}”`).join(', ')} (each in the --format json report)`,
  },
};

/** Pads by display width: CJK characters take two columns in a terminal. */
function pad(text: string, width: number): string {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return text + ' '.repeat(Math.max(1, width - w));
}

/** Project target tables listed one by one up to this many; past it, the first TARGETS_NAMED and a count. */
const TARGETS_LISTED_IN_FULL = 30;
const TARGETS_NAMED = 10;

export function formatText(report: WorkbookReport, vocab: Vocabulary, lang: Lang): string {
  const words = WORDS[lang];
  const lines: string[] = [report.file];
  if (report.config) lines.push(`  ${message('report/config-applied', lang, { file: report.config })}`);
  if (report.error) {
    lines.push(`  ${report.error.message}`);
    return lines.join('\n');
  }
  const standard = report.tables.filter((t) => t.id !== 'performance-target');
  const targets = report.tables.filter((t) => t.id === 'performance-target');
  // Tables some templates add to the nine (项目支出表, 项目支出绩效表): counted by name, not as standard.
  const optional = OPTIONAL_TABLE_IDS.map((id) => ({ id, n: standard.filter((t) => t.id === id).length })).filter((o) => o.n > 0);
  const optionalCount = optional.reduce((sum, o) => sum + o.n, 0);
  const optionalWords = optional.map((o) => words.optional(o.n, vocab.tables.get(o.id)?.name[lang] ?? o.id));
  lines.push(`  ${words.tables(standard.length - optionalCount, optionalWords, targets.length)}`);
  for (const t of standard) {
    lines.push(`    ${pad(vocab.tables.get(t.id)?.name[lang] ?? t.id, 34)}${pad(`${t.sheet}!${t.range}`, 22)}${words.unit(t.unit)}`);
  }
  if (targets.length) lines.push(`    ${vocab.tables.get('performance-target')?.name[lang] ?? 'performance-target'}:`);
  // A list of hundreds of projects (广州 生态环境局 2026: 300) would bury the findings: the first are named, the rest counted.
  const listed = targets.length > TARGETS_LISTED_IN_FULL ? targets.slice(0, TARGETS_NAMED) : targets;
  for (const t of listed) {
    lines.push(`      ${pad(t.project || t.title, 44)}${pad(`${t.sheet}!${t.range}`, 24)}${words.unit(t.unit)}`);
  }
  const rest = targets.slice(listed.length);
  if (rest.length) lines.push(`      ${words.moreTargets(rest.length, [...new Set(rest.map((t) => t.sheet))])}`);
  const counts = countBySeverity(report.findings);
  lines.push(`  ${report.findings.length ? words.result(counts) : words.clean}`);

  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = findingHeading(f, vocab, lang, report.tables) ?? words.workbook;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [name, findings] of groups) {
    lines.push('', `  【${name}】`);
    for (const f of findings) {
      const where = f.sheet ? `${f.sheet}!${f.cell ?? ''}` : '';
      lines.push(`    ${pad(words.severity[f.severity], 6)}${where ? pad(where, 14) : ''}${f.message}`);
      if (f.candidates?.length) lines.push(`          → ${words.candidates}：${f.candidates.map((c) => `${c.sheet}!${c.cell} = ${c.value}`).join('，')}`);
      if (f.fix) lines.push(`          → ${words.fix} ${f.fix.sheet}!${f.fix.cell} = ${f.fix.value}（${words.safety[f.fix.safety] ?? f.fix.safety}）`);
    }
  }
  return lines.join('\n');
}

/**
 * What a finding is listed under: its table's standard name, with its sheet where the workbook has
 * several tables of that kind; for a finding of no table (a 说明 sentence, a title), its sheet;
 * undefined for the whole workbook's.
 */
export function findingHeading(f: Finding, vocab: Vocabulary, lang: Lang, tables?: readonly { id: string; sheet: string }[]): string | undefined {
  if (!f.table) return f.sheet;
  const name = vocab.tables.get(f.table)?.name[lang] ?? f.table;
  // Two tables of one kind on two sheets (西安 2022's 表5 and 表6, both 一般公共预算财政拨款支出表) are two headings, as in the pane.
  const sheets = new Set(tables?.filter((t) => t.id === f.table).map((t) => t.sheet));
  return sheets.size > 1 && f.sheet && sheets.has(f.sheet) ? `${name}（${f.sheet}）` : name;
}
