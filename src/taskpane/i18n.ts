/** The pane's own words, Chinese first. Findings carry their messages already localised by the rules. */
import type { Lang } from '../core/messages.js';

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
  fixTo: { 'zh-CN': '改为', en: 'set to' },
  explain: { 'zh-CN': '说明', en: 'Explain' },
  explained: { 'zh-CN': '已说明', en: 'Explained' },
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
  openFile: { 'zh-CN': '打开 .xlsx 文件…', en: 'Open an .xlsx file…' },
  loadSample: { 'zh-CN': '载入示例工作簿', en: 'Load the sample workbook' },
  demoIntro: {
    'zh-CN': '演示模式：不需要 Excel。打开一个预算工作簿或载入示例，点击“检查”。',
    en: 'Demo mode, no Excel needed: open a budget workbook or the sample, then press Check.',
  },
  tablesFound: { 'zh-CN': '识别到 {std} 张标准表、{targets} 张项目绩效目标表', en: '{std} standard tables and {targets} project tables recognised' },
  families: { 'zh-CN': '类别', en: 'Family' },
  'family.hierarchy': { 'zh-CN': '层级合计', en: 'Hierarchy' },
  'family.tie': { 'zh-CN': '表间勾稽', en: 'Ties' },
  'family.three-public': { 'zh-CN': '三公经费', en: '三公' },
  'family.performance': { 'zh-CN': '绩效指标', en: 'Performance' },
  'family.format': { 'zh-CN': '格式', en: 'Structure' },
  'err.protected': { 'zh-CN': '工作表受保护，无法修改。请先撤销工作表保护（审阅 → 撤销工作表保护）。', en: 'The sheet is protected. Unprotect it (Review → Unprotect Sheet) and try again.' },
  'err.editing': { 'zh-CN': 'Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后再试。', en: 'Excel is editing a cell. Press Enter or Esc, then try again.' },
  'err.unsupported': { 'zh-CN': '此版本的 Excel 不支持该操作。请升级 Office，或使用演示模式。', en: 'This version of Excel does not support that. Update Office or use demo mode.' },
  'err.busy': { 'zh-CN': '工作簿太大，一次读取不完。请关闭其他工作表后重试。', en: 'The workbook is too large to read at once. Close other sheets and try again.' },
  'err.other': { 'zh-CN': '操作失败：', en: 'Something went wrong: ' },
  'err.rules': { 'zh-CN': '规则文件有误：', en: 'Rule file problems: ' },
  dismiss: { 'zh-CN': '关闭', en: 'Dismiss' },
  'training.title': { 'zh-CN': '培训模式', en: 'Training' },
  'training.intro': { 'zh-CN': '这是一个练习工作簿，其中有 {n} 处错误。先自己找：选中你认为有错的单元格，点“标记所选单元格”。', en: 'This training workbook holds {n} mistakes. Find them: select a cell you think is wrong and press Mark selected cell.' },
  'training.mark': { 'zh-CN': '标记所选单元格', en: 'Mark selected cell' },
  'training.marks': { 'zh-CN': '已标记', en: 'Marked' },
  'training.reveal': { 'zh-CN': '揭晓下一处', en: 'Reveal the next' },
  'training.score': { 'zh-CN': '评分', en: 'Score' },
  'training.showAll': { 'zh-CN': '显示全部检查结果', en: 'Show every finding' },
  'training.result': { 'zh-CN': '找对 {found} / {n} 处，漏掉 {missed} 处，标错 {wrong} 处。', en: 'Found {found} of {n}, missed {missed}, marked {wrong} cells that were right.' },
  'training.was': { 'zh-CN': '原为', en: 'was' },
  language: { 'zh-CN': 'English', en: '中文' },
} as const;

export type WordKey = keyof typeof WORDS;

export function t(lang: Lang, key: WordKey, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** zh-CN unless Office (or the browser) is set to another language. */
export function defaultLang(displayLanguage: string | undefined): Lang {
  return !displayLanguage || displayLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
