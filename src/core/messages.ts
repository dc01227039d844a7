/** Localised message templates with {{placeholders}}; zh-CN first, as users read it. */
export type Lang = 'zh-CN' | 'en';

import type { Unit } from './model.js';
import { formatAmount, nestQuotes, unwrapLines } from './text.js';

export type Params = Record<string, string | number | undefined>;

/**
 * Fills a template's {{placeholders}}; a quoted name inside the template's own quotes is nested as ‘ ’,
 * and a cell's wrapped text is put on one line (a message is one line).
 */
export function formatTemplate(template: string, params: Params): string {
  return nestQuotes(
    template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (whole, key: string) => {
      const v = params[key];
      return v === undefined ? whole : typeof v === 'string' ? unwrapLines(v) : String(v);
    }),
  );
}

const UNIT_EN: Record<Unit, string> = { 元: 'yuan', 万元: '×10k yuan', 千元: '×1k yuan', 亿元: '×100M yuan' };

/** How a blank cell reads in a message where an amount would stand. */
export const BLANK_TEXT: Readonly<Record<Lang, string>> = { 'zh-CN': '空白', en: 'blank' };

/** Another row of the very table a name is used in, as a message names it. */
export const SAME_TABLE: Readonly<Record<Lang, string>> = { 'zh-CN': '本表另一行', en: 'another row of this table' };

/** The messages' own Chinese words that fill a placeholder: written without the spaces a template puts around a figure or a workbook's text. */
export const UNSPACED_WORDS: readonly string[] = [BLANK_TEXT['zh-CN'], SAME_TABLE['zh-CN']];

/** An amount with its table's unit ("187.45 万元"), so it is never read as 元 when the table is in 万元. */
export function amountText(value: number, decimals: number, unit: Unit, lang: Lang): string {
  return `${formatAmount(value, decimals)} ${lang === 'zh-CN' ? unit : UNIT_EN[unit]}`;
}

/** A change as the narrative words it: “增加 0.11 万元”, “减少 2.62 万元”, or “持平” where it rounds to nothing at these places. */
export function changeText(change: number, decimals: number, unit: Unit, lang: Lang): string {
  if (Number(Math.abs(change).toFixed(decimals)) === 0) return lang === 'zh-CN' ? '持平' : 'unchanged';
  const figure = amountText(Math.abs(change), decimals, unit, lang);
  if (lang === 'zh-CN') return `${change < 0 ? '减少' : '增加'} ${figure}`;
  return `${change < 0 ? 'down' : 'up'} ${figure}`;
}

const CATALOGUE = {
  'source/not-found': { 'zh-CN': '找不到文件：{{file}}', en: 'File not found: {{file}}' },
  'source/is-directory': { 'zh-CN': '{{file}} 是文件夹，不是 Excel 文件', en: '{{file}} is a folder, not an Excel file' },
  'source/unreadable': { 'zh-CN': '无法读取 {{file}}：{{detail}}', en: 'Cannot read {{file}}: {{detail}}' },
  'source/empty-file': { 'zh-CN': '{{file}} 是空文件（0 字节）', en: '{{file}} is an empty file (0 bytes)' },
  'source/not-xlsx': {
    'zh-CN': '{{file}} 不是 .xlsx 工作簿（文件内容是{{kind}}），请在 Excel 中另存为 .xlsx 后再检查',
    en: '{{file}} is not an .xlsx workbook (it contains {{kindEn}}); save it as .xlsx in Excel and check again',
  },
  'source/legacy-xls': {
    'zh-CN': '{{file}} 是旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再检查',
    en: '{{file}} is a legacy .xls workbook; save it as .xlsx in Excel and check again',
  },
  'source/encrypted': {
    'zh-CN': '{{file}} 已设置打开密码（加密），请在 Excel 中取消密码后另存再检查',
    en: '{{file}} is password-protected (encrypted); remove the password in Excel, save, and check again',
  },
  'source/corrupt': {
    'zh-CN': '{{file}} 已损坏或不完整（{{detail}}），无法作为工作簿打开',
    en: '{{file}} is damaged or incomplete ({{detailEn}}) and cannot be opened as a workbook',
  },
  'report/config-applied': { 'zh-CN': '采用配置: {{file}}', en: 'config applied: {{file}}' },
  'source/too-large': {
    'zh-CN': '{{file}} 超出可检查的规模：{{detail}}。已停止读取，未做任何检查',
    en: '{{file}} is beyond what can be checked: {{detailEn}}. Reading stopped; nothing was checked',
  },
  'source/empty-workbook': { 'zh-CN': '{{file}} 中没有任何内容（所有工作表都是空的）', en: '{{file}} has no content (every sheet is empty)' },
  'source/no-tables': {
    'zh-CN': '{{file}} 中没有找到任何预算表。查找的是：{{lookedFor}}。实际看到：{{seen}}',
    en: 'No budget table found in {{file}}. Looked for: {{lookedForEn}}. Found instead: {{seen}}',
  },
  'recognition/table-missing': {
    'zh-CN': '未找到「{{table}}」：没有标题与之相符的表',
    en: '“{{tableEn}}” not found: no table has a matching title',
  },
  'recognition/table-within': {
    'zh-CN': '未找到「{{table}}」；其内容见“{{sheet}}”（按经济分类）的“基本支出”列，只与此表有关的核对未进行',
    en: '“{{tableEn}}” not found; its content is in the 基本支出 column of “{{sheet}}” (by economic subject), and checks needing the table itself did not run',
  },
  'recognition/table-not-published': {
    'zh-CN': '未找到「{{table}}」；财政拨款收支总表中这一项为零，此表可不单列',
    en: '“{{tableEn}}” not found; the fiscal summary shows nothing for it, so it need not be published',
  },
  'recognition/partial-workbook': {
    'zh-CN': '本工作簿只含部分预算表，以下各表不在其中，与它们有关的表间核对未进行：{{tables}}',
    en: 'This workbook holds only some of the budget tables; checks against these were not run: {{tablesEn}}',
  },
  'recognition/no-table-read': {
    'zh-CN': '本工作簿没有读出预算表（下面说明哪张表未能读取）：只核对了其中文字本身的数字（增减幅度、分项之和等），与各表的核对均未进行：{{tables}}',
    en: 'No budget table could be read in this workbook (the note below names the one not read): only its text’s own figures were checked (rates of change, parts against totals); no check against these tables ran: {{tablesEn}}',
  },
  'recognition/narrative-only': {
    'zh-CN': '本工作簿只有说明文字，没有找到预算表：只核对了说明本身的数字（增减幅度、分项之和等），与各表的核对均未进行：{{tables}}',
    en: 'This workbook holds a budget narrative and no budget table: only the narrative’s own figures were checked (rates of change, parts against totals); no check against these tables ran: {{tablesEn}}',
  },
  'recognition/column-unmatched': {
    'zh-CN': '{{tableName}}的“{{header}}”列有金额，但不是已知的列，未参与核对；与它有关的行内等式只核对“各组成列之和不超过合计”',
    en: '{{tableNameEn}}: the column “{{header}}” holds amounts but is not a known column and was not checked; row identities around it only check that the known parts do not exceed the total',
  },
  'recognition/column-other-year': {
    'zh-CN': '{{tableName}}的“{{header}}”列是上年数或增减数，不计入本年合计，未参与核对',
    en: '{{tableNameEn}}: the column “{{header}}” holds another year’s figures or the change, no part of this year’s totals, and was not checked',
  },
  'recognition/column-memo': {
    'zh-CN': '{{tableName}}的“{{header}}”列是“其中”数或备注性质的金额（如政府采购），不计入本表合计，未参与核对',
    en: '{{tableNameEn}}: the column “{{header}}” is a memo (an “of which” figure, or such as 政府采购), no part of the table’s totals, and was not checked',
  },
  'recognition/code-short': {
    'zh-CN': '{{tableName}} {{cell}} 的编码写作“{{text}}”，少了前导 0，应写作“{{expected}}”（科目 {{code}}）',
    en: '{{tableNameEn}} {{cell}}: the code part “{{text}}” has lost its leading zero; write “{{expected}}” (subject {{code}})',
  },
  'recognition/code-class-misprint': {
    'zh-CN': '{{tableName}} {{cell}} 的“类”写作“{{text}}”，与上面各行的“款”“项”连不上：按上一行应为“{{expected}}”（科目 {{code}}），已按此读入',
    en: '{{tableNameEn}} {{cell}}: the 类 is printed “{{text}}”, which breaks the run of the rows above; from the row above it is “{{expected}}” (subject {{code}}), and is read so',
  },
  'recognition/codes-from-names': {
    'zh-CN': '{{tableName}}只印科目名称、没有科目编码，各行编码按科目名称逐级推得（如“{{example}}”），需要编码的核对据此进行',
    en: '{{tableNameEn}} prints subject names without codes: each row’s code was worked out from its name, level by level (such as “{{example}}”), and the checks that need codes use them',
  },
  'recognition/columns-unmatched': {
    'zh-CN': '{{tableName}}有 {{count}} 列有金额，但不是已知的列，未参与核对：{{headers}}；与它们有关的行内等式只核对“各组成列之和不超过合计”',
    en: '{{tableNameEn}}: {{count}} columns hold amounts but are not known columns and were not checked: {{headersEn}}; row identities around them only check that the known parts do not exceed the total',
  },
  'recognition/columns-other-year': {
    'zh-CN': '{{tableName}}有 {{count}} 列是上年数或增减数，不计入本年合计，未参与核对：{{headers}}',
    en: '{{tableNameEn}}: {{count}} columns hold another year’s figures or the change, no part of this year’s totals, and were not checked: {{headersEn}}',
  },
  'recognition/columns-memo': {
    'zh-CN': '{{tableName}}有 {{count}} 列是“其中”数或备注性质的金额（如政府采购），不计入本表合计，未参与核对：{{headers}}',
    en: '{{tableNameEn}}: {{count}} columns are memos (“of which” figures, or such as 政府采购), no part of the table’s totals, and were not checked: {{headersEn}}',
  },
  'recognition/column-split': {
    'zh-CN': '{{tableName}}的“{{zh}}”分列为{{parts}}，没有单独的“{{zh}}”一列，需要这一列的核对未进行',
    en: '{{tableNameEn}} prints “{{en}}” split into {{partsEn}}, with no column of its own; the checks that need that column were not run',
  },
  'recognition/column-missing': {
    'zh-CN': '{{tableName}}没有“{{zh}}”列（表头中没有相应文字），需要这一列的核对未进行',
    en: '{{tableNameEn}} has no “{{en}}” column (no header says so); the checks that need it were not run',
  },
  'workbook/uncalculated': {
    'zh-CN': '「{{sheet}}」有 {{count}} 个公式单元格没有保存计算结果（如 {{cell}}），涉及它们的核对未进行。请在 Excel 中重新计算并保存后再检查',
    en: '{{count}} formula cells on “{{sheet}}” were saved without their results (e.g. {{cell}}); the checks involving them were not run. Recalculate and save in Excel, then check again',
  },
  'recognition/amount-invalid': {
    'zh-CN': '{{tableName}} {{cell}} 应为金额，但内容是“{{text}}”，无法识别为数字',
    en: '{{tableNameEn}} {{cell}} should be an amount but holds “{{text}}”, which is not a number',
  },
  'recognition/code-invalid': {
    'zh-CN': '{{tableName}} {{cell}} 的科目编码“{{text}}”格式不正确（应为 3、5 或 7 位数字）',
    en: '{{tableNameEn}} {{cell}}: subject code “{{text}}” is malformed (expected 3, 5 or 7 digits)',
  },
  'recognition/unit-missing': {
    'zh-CN': '{{tableName}}没有注明金额单位（如“单位：万元”），按万元处理',
    en: '{{tableNameEn}} states no unit (such as 单位：万元); amounts are taken as 万元',
  },
  'recognition/total-missing': {
    'zh-CN': '{{tableName}}有金额，但读不出哪一行是合计（没有“合计”“总计”一类的行名），从合计行出发的核对（各项之和、与其他表的核对）未进行',
    en: '{{tableNameEn}} holds amounts but no row reads as its total (none is named 合计 or 总计): the checks that start from the total (the sum of its items, the ties to other tables) were not run',
  },
  'recognition/sheet-unread': {
    'zh-CN': '「{{sheet}}」的“{{title}}”不是本工具认识的表，表中的数字未经任何核对',
    en: '“{{title}}” on “{{sheet}}” is not a table the checker knows: none of its figures was checked',
  },
  // The sheet's name is the table's only title (a table that starts at its header).
  'recognition/sheet-unread-named': {
    'zh-CN': '工作表「{{sheet}}」中的表不是本工具认识的表，表中的数字未经任何核对',
    en: 'The table on “{{sheet}}” is not one the checker knows: none of its figures was checked',
  },
  'recognition/header-missing': { 'zh-CN': '{{tableName}}的表头无法识别', en: 'The header of {{tableNameEn}} cannot be recognised' },
  'recognition/target-list-empty': {
    'zh-CN': '“{{title}}”只有表头，没有列出任何项目的绩效目标，表下也没有说明为何为空：请填写各项目的绩效目标，或注明空表原因（如“本部门无项目支出，故本表为空表”）',
    en: '“{{title}}” prints its header and no project’s targets, with no note saying why: fill in each project’s targets, or state why it is empty (本部门无项目支出，故本表为空表)',
  },
  'recognition/no-rows': {
    'zh-CN': '{{tableName}}没有数据行，表下也没有说明为何为空：请填写，或注明空表原因（如“本单位无此项支出，故本表为空表”）',
    en: '{{tableNameEn}} has no data rows and no note saying why: fill it in, or state why it is empty (本单位无此项支出，故本表为空表)',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageId = keyof typeof CATALOGUE;

export function message(id: MessageId, lang: Lang, params: Params = {}): string {
  return formatTemplate(CATALOGUE[id][lang], params);
}

/** Both languages on one line, the chosen one first: for messages a user must never miss. */
export function bilingual(id: MessageId, lang: Lang, params: Params = {}): string {
  const other: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return `${message(id, lang, params)} / ${message(id, other, params)}`;
}
