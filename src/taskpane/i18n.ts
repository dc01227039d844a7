/** The pane's own words, Chinese first. Findings carry their messages already localised by the rules. */
import type { Lang } from '../core/messages.js';
import { OPTIONAL_TABLE_IDS } from '../core/vocabulary.js';

const WORDS = {
  title: { 'zh-CN': '预算表审核', en: 'Budget Check' },
  check: { 'zh-CN': '检查', en: 'Check' },
  recheck: { 'zh-CN': '重新检查', en: 'Check again' },
  applyAllSafe: { 'zh-CN': '全部安全修正', en: 'Apply all safe fixes' },
  clearMarks: { 'zh-CN': '清除标记', en: 'Clear highlights' },
  autoRecheck: { 'zh-CN': '编辑后自动重新检查', en: 'Check again after edits' },
  reading: { 'zh-CN': '正在读取工作簿…', en: 'Reading the workbook…' },
  checking: { 'zh-CN': '正在运行审核规则…', en: 'Running the checks…' },
  painting: { 'zh-CN': '正在标记问题单元格…', en: 'Highlighting cells…' },
  noProblems: { 'zh-CN': '未发现问题。', en: 'No problems found.' },
  notChecked: { 'zh-CN': '点击“检查”审核当前工作簿。', en: 'Press Check to review this workbook.' },
  error: { 'zh-CN': '错误', en: 'Errors' },
  warning: { 'zh-CN': '警告', en: 'Warnings' },
  info: { 'zh-CN': '提示', en: 'Notes' },
  'one.error': { 'zh-CN': '错误', en: 'Error' },
  'one.warning': { 'zh-CN': '警告', en: 'Warning' },
  'one.info': { 'zh-CN': '提示', en: 'Note' },
  all: { 'zh-CN': '全部', en: 'All' },
  applyFix: { 'zh-CN': '应用修正', en: 'Apply fix' },
  reviewFix: { 'zh-CN': '核实后修正', en: 'Review fix' },
  fixTo: { 'zh-CN': '改为', en: 'set to' },
  explain: { 'zh-CN': '填写理由', en: 'Explain' },
  related: { 'zh-CN': '相关单元格：', en: 'Related cells: ' },
  moreRelated: { 'zh-CN': '另有 {n} 处', en: '{n} more' },
  changesMade: { 'zh-CN': '已修改 {n} 处：', en: '{n} cell{n:s} changed: ' },
  blankValue: { 'zh-CN': '（空）', en: '(blank)' },
  chooseCandidate: { 'zh-CN': '改这一格…', en: 'Change this cell…' },
  confirmFix: { 'zh-CN': '确认修改', en: 'Confirm the change' },
  confirmApply: { 'zh-CN': '确认修改', en: 'Change it' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  next: { 'zh-CN': '下一处', en: 'Next' },
  previous: { 'zh-CN': '上一处', en: 'Previous' },
  stepHint: { 'zh-CN': 'Alt+↓ 下一处，Alt+↑ 上一处', en: 'Alt+↓ next, Alt+↑ previous' },
  advanced: { 'zh-CN': '高级（规则维护）', en: 'Advanced (rule maintenance)' },
  undo: { 'zh-CN': '撤销修正', en: 'Undo fix' },
  redo: { 'zh-CN': '重做', en: 'Redo' },
  download: { 'zh-CN': '下载修正后的工作簿', en: 'Download the fixed workbook' },
  exportHtml: { 'zh-CN': '导出审核结果（HTML）', en: 'Export the report (HTML)' },
  exportCsv: { 'zh-CN': '导出审核结果（CSV）', en: 'Export the report (CSV)' },
  pack: { 'zh-CN': '规则包', en: 'Rule pack' },
  print: { 'zh-CN': '打印', en: 'Print' },
  basis: { 'zh-CN': '依据', en: 'Why' },
  repeated: { 'zh-CN': '同一问题出现在 {n} 张表中：{title}', en: 'The same problem in {n} tables: {title}' },
  showAllRepeated: { 'zh-CN': '展开全部 {n} 处', en: 'Show all {n}' },
  announce: { 'zh-CN': '检查完成：错误 {error} 处，警告 {warning} 处，提示 {info} 处', en: 'Checked: {error} errors, {warning} warnings, {info} notes' },
  explained: { 'zh-CN': '已说明', en: 'Explained' },
  explanationLabel: { 'zh-CN': '理由：', en: 'Reason: ' },
  explanationPlaceholder: { 'zh-CN': '说明为什么这样填写（随工作簿保存）', en: 'Why it is right as it is (saved in the workbook)' },
  save: { 'zh-CN': '保存', en: 'Save' },
  ignore: { 'zh-CN': '忽略', en: 'Ignore' },
  unignore: { 'zh-CN': '恢复', en: 'Restore' },
  showIgnored: { 'zh-CN': '显示已忽略', en: 'Show ignored' },
  workbookLevel: { 'zh-CN': '整个工作簿', en: 'Whole workbook' },
  safe: { 'zh-CN': '可直接修正', en: 'safe' },
  unsafe: { 'zh-CN': '请核实', en: 'check first' },
  'display-only': { 'zh-CN': '仅供参考', en: 'for reference' },
  candidates: { 'zh-CN': '可能需要修改（请选择）：', en: 'One of these may be wrong (choose):' },
  rules: { 'zh-CN': '规则包', en: 'Rule pack' },
  localRules: { 'zh-CN': '载入本地规则…', en: 'Load local rules…' },
  localRulesFolder: { 'zh-CN': '载入规则文件夹…', en: 'Load a rules folder…' },
  localRulesActive: { 'zh-CN': '本地规则', en: 'local rules' },
  loadingRules: { 'zh-CN': '正在读取规则文件，读完后才能检查…', en: 'Reading the rule files; Check waits for them…' },
  openFile: { 'zh-CN': '打开 .xlsx 文件…', en: 'Open an .xlsx file…' },
  loadSample: { 'zh-CN': '载入示例工作簿', en: 'Load the sample workbook' },
  demoIntro: {
    'zh-CN': '演示模式：不需要 Excel。打开一个预算工作簿或载入示例，点击“检查”。',
    en: 'Demo mode, no Excel needed: open a budget workbook or the sample, then press Check.',
  },
  tablesFound: { 'zh-CN': '识别到 {std} 张标准表、{targets} 张项目绩效目标表', en: '{std} standard table{std:s} and {targets} project table{targets:s} recognised' },
  tablesFoundWithOthers: {
    'zh-CN': '识别到 {std} 张标准表、{others}、{targets} 张项目绩效目标表',
    en: '{std} standard table{std:s}, {others} and {targets} project table{targets:s} recognised',
  },
  'optional.project-expense': { 'zh-CN': '{n} 张项目支出表', en: '{n} project spending table{n:s}' },
  'optional.project-performance': { 'zh-CN': '{n} 张项目支出绩效表', en: '{n} project performance table{n:s}' },
  'optional.project-other-expense': { 'zh-CN': '{n} 张项目支出及其他支出预算表', en: '{n} project and other spending table{n:s}' },
  'optional.key-projects': { 'zh-CN': '{n} 张重点项目绩效目标表', en: '{n} key-project performance table{n:s}' },
  'optional.overall-target': { 'zh-CN': '{n} 张部门整体支出绩效目标表', en: '{n} department-wide performance target table{n:s}' },
  'optional.procurement': { 'zh-CN': '{n} 张政府采购预算表', en: '{n} government procurement table{n:s}' },
  'optional.purchased-services': { 'zh-CN': '{n} 张政府购买服务明细表', en: '{n} purchased-services table{n:s}' },
  'optional.meeting-detail': { 'zh-CN': '{n} 张会议费明细表', en: '{n} meeting expense detail table{n:s}' },
  'optional.training-detail': { 'zh-CN': '{n} 张培训费明细表', en: '{n} training expense detail table{n:s}' },
  'optional.year-comparison': { 'zh-CN': '{n} 张收支对比表', en: '{n} year-on-year comparison table{n:s}' },
  'optional.fixed-assets': { 'zh-CN': '{n} 张部门固定资产占用情况表', en: '{n} fixed-asset table{n:s}' },
  'optional.fiscal-expense': { 'zh-CN': '{n} 张财政拨款支出表（按功能分类）', en: '{n} appropriation spending table{n:s} by function' },
  'optional.fiscal-basic': { 'zh-CN': '{n} 张财政拨款基本支出表（按经济分类）', en: '{n} appropriation basic spending table{n:s} by economic subject' },
  'optional.agency-running': { 'zh-CN': '{n} 张机关运行经费支出表', en: '{n} agency running cost table{n:s}' },
  'optional.all-funds-basic': { 'zh-CN': '{n} 张基本支出预算情况表（全部资金）', en: '{n} basic spending table{n:s} for all funds' },
  'optional.unit-basic': { 'zh-CN': '{n} 张部门预算基本支出预算表（按单位）', en: '{n} basic spending table{n:s} by unit' },
  'optional.general-budget-project': { 'zh-CN': '{n} 张一般公共预算项目支出表（按经济分类）', en: '{n} general budget project spending table{n:s} by economic subject' },
  families: { 'zh-CN': '类别', en: 'Family' },
  'family.hierarchy': { 'zh-CN': '层级合计', en: 'Hierarchy' },
  'family.tie': { 'zh-CN': '表间勾稽', en: 'Ties' },
  'family.three-public': { 'zh-CN': '三公经费', en: 'Three public expenses' },
  'family.performance': { 'zh-CN': '绩效指标', en: 'Performance' },
  'family.format': { 'zh-CN': '格式', en: 'Structure' },
  'err.protected': { 'zh-CN': '工作表受保护，无法修改。请先撤销工作表保护（审阅 → 撤销工作表保护）。', en: 'The sheet is protected. Unprotect it (Review → Unprotect Sheet) and try again.' },
  'err.editing': { 'zh-CN': 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后再试。', en: 'Excel is editing a cell. Press Enter or Esc, then try again.' },
  'err.unsupported': { 'zh-CN': '此版本的 Excel 不支持该操作。请升级 Office，或使用演示模式。', en: 'This version of Excel does not support that. Update Office or use demo mode.' },
  'err.formula': { 'zh-CN': '这些单元格现在是公式，没有改写（修正不会用数字替换公式）。请检查公式引用的单元格：', en: 'These cells now hold formulas and were not changed (a fix never replaces a formula with a number). Check the cells they refer to: ' },
  oldExcel: { 'zh-CN': '此版本的 Excel 缺少以下功能，其余照常可用（升级到 Microsoft 365 可全部使用）：', en: 'This version of Excel lacks the following; everything else works (Microsoft 365 has them all): ' },
  'feature.highlight': { 'zh-CN': '标出问题单元格', en: 'highlighting cells' },
  'feature.memory': { 'zh-CN': '在工作簿中保存说明与忽略', en: 'keeping explanations in the workbook' },
  'feature.training': { 'zh-CN': '培训模式', en: 'training mode' },
  'feature.merges': { 'zh-CN': '读取合并单元格（表头可能识别不全）', en: 'reading merged cells (headers may be misread)' },
  'feature.autoRecheck': { 'zh-CN': '编辑后自动重新检查', en: 'checking again after edits' },
  'feature.undoGroup': { 'zh-CN': '按一次 Ctrl+Z 撤销修正', en: 'undoing a fix with one Ctrl+Z' },
  waitingForExcel: { 'zh-CN': '正在连接 Excel……如果这不是在 Excel 中打开的，请改用演示模式：', en: 'Connecting to Excel… If this is not inside Excel, use demo mode: ' },
  openDemo: { 'zh-CN': '打开演示模式', en: 'Open demo mode' },
  'err.busy': { 'zh-CN': '工作簿太大，一次读取不完。请关闭其他工作表后重试。', en: 'The workbook is too large to read at once. Close other sheets and try again.' },
  'err.other': { 'zh-CN': '操作失败：', en: 'Something went wrong: ' },
  'err.rules': { 'zh-CN': '规则文件有误：', en: 'Rule file problems: ' },
  dismiss: { 'zh-CN': '关闭', en: 'Dismiss' },
  'training.title': { 'zh-CN': '培训模式', en: 'Training' },
  'training.intro': { 'zh-CN': '这是一个练习工作簿，其中有 {n} 处错误。先自己找：选中你认为有错的单元格，点“标记所选单元格”。', en: 'This training workbook holds {n} mistake{n:s}. Find them: select a cell you think is wrong and press Mark selected cell.' },
  'training.mark': { 'zh-CN': '标记所选单元格', en: 'Mark selected cell' },
  'training.marks': { 'zh-CN': '已标记（蓝色）', en: 'Marked (blue)' },
  'training.reveal': { 'zh-CN': '揭晓下一处', en: 'Reveal the next' },
  'training.score': { 'zh-CN': '评分', en: 'Score' },
  'training.showAll': { 'zh-CN': '显示全部检查结果', en: 'Show every finding' },
  'training.result': { 'zh-CN': '找对 {found} / {n} 处，漏掉 {missed} 处，标错 {wrong} 处。', en: 'Found {found} of {n}, missed {missed}, marked {wrong} right cell{wrong:s} as wrong.' },
  'training.was': { 'zh-CN': '原为', en: 'was' },
  language: { 'zh-CN': 'English', en: '中文' },
} as const;

export type WordKey = keyof typeof WORDS;

export function t(lang: Lang, key: WordKey, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang]
    .replace(/\{(\w+):s\}/g, (_, k: string) => (params[k] === 1 ? '' : 's')) // English plurals: “1 table”, “2 tables”
    .replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** zh-CN unless Office (or the browser) is set to another language. */
export function defaultLang(displayLanguage: string | undefined): Lang {
  return !displayLanguage || displayLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** How many tables were recognised: the standard ones, those some templates add (项目支出表, 项目支出绩效表), the project target tables. */
export function tablesFoundText(lang: Lang, tables: readonly { id: string }[]): string {
  const count = (id: string) => tables.filter((x) => x.id === id).length;
  const targets = count('performance-target');
  const others = OPTIONAL_TABLE_IDS.map((id) => ({ id, n: count(id) })).filter((o) => o.n > 0);
  const std = tables.length - targets - others.reduce((sum, o) => sum + o.n, 0);
  if (others.length === 0) return t(lang, 'tablesFound', { std, targets });
  const words = others.map((o) => t(lang, `optional.${o.id}`, { n: o.n })).join(lang === 'zh-CN' ? '、' : ', ');
  return t(lang, 'tablesFoundWithOthers', { std, others: words, targets });
}
