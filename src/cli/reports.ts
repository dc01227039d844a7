/** Batch reports: CSV (one row per finding) and a self-contained HTML report a bureau can send on. */
import { countBySeverity, type Report } from '../core/findings.js';
import { bilingual, message, type Lang } from '../core/messages.js';
import type { Vocabulary } from '../core/vocabulary.js';
import { findingHeading } from './format-text.js';

/**
 * One CSV cell, neutralised as OWASP's CSV-injection guidance says: text starting with = + - @, a
 * tab or a carriage return (a sheet or file name can) gets a leading apostrophe so a spreadsheet
 * shows it instead of running it as a formula; plain numbers ("-12.5") stay numbers.
 */
export const csvCell = (v: unknown) => {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r\t']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Text for a terminal: control characters (escape sequences that could rewrite the screen) and
 * bidirectional overrides taken out of whatever a workbook's cells or names carried; line breaks stay.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** UTF-8 with a BOM, so Excel opens the Chinese text correctly. */
export function toCsv(report: Report, vocab: Vocabulary, lang: Lang): string {
  const header = lang === 'zh-CN'
    ? ['文件', '表', '工作表', '单元格', '严重程度', '规则', '说明', '建议修改单元格', '建议值', '修正安全性']
    : ['file', 'table', 'sheet', 'cell', 'severity', 'rule', 'message', 'fix cell', 'fix value', 'fix safety'];
  const rows = [header];
  // The whole file in the report's language: severities and fix safety too.
  const severity = (s: keyof typeof SEVERITY) => (lang === 'zh-CN' ? SEVERITY[s] : s);
  const safety = (s: keyof typeof SAFETY | undefined) => (s === undefined ? '' : lang === 'zh-CN' ? SAFETY[s] : s);
  for (const wb of report.workbooks) {
    if (wb.config) rows.push([wb.file, '', '', '', severity('info'), 'input/config', message('report/config-applied', lang, { file: wb.config }), '', '', '']);
    if (wb.error) rows.push([wb.file, '', '', '', severity('error'), `input/${wb.error.code}`, wb.error.message, '', '', '']);
    for (const f of wb.findings) {
      rows.push([wb.file, f.table ? findingHeading(f, vocab, lang, wb.tables)! : '', f.sheet ?? '', f.cell ?? '', severity(f.severity), f.ruleId, f.message, f.fix ? `${f.fix.sheet}!${f.fix.cell}` : '', f.fix ? String(f.fix.value) : '', safety(f.fix?.safety)]);
    }
  }
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;
const SAFETY = { safe: '可直接修正', unsafe: '请核实后修正', 'display-only': '仅供参考' } as const;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function toHtml(report: Report, vocab: Vocabulary, generated: Date): string {
  const rows = report.workbooks.map((wb, i) => {
    const c = countBySeverity(wb.findings);
    const status = wb.error ? '<span class="bad">无法读取</span>' : c.error ? '<span class="bad">须修改</span>' : c.warning ? '<span class="warn">须修改或说明</span>' : '<span class="ok">通过</span>';
    return `<tr><td>${i + 1}</td><td><a href="#wb${i}">${esc(fileName(wb.file))}</a></td><td>${wb.tables.length}</td><td class="n">${c.error}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td><td>${status}</td></tr>`;
  });
  const sections = report.workbooks.map((wb, i) => {
    const head = `<h2 id="wb${i}">${i + 1}. ${esc(fileName(wb.file))}</h2>${wb.config ? `<p>${esc(bilingual('report/config-applied', 'zh-CN', { file: wb.config }))}</p>` : ''}`;
    if (wb.error) return `${head}<p class="bad">${esc(wb.error.message)}</p>`;
    if (!wb.findings.length) return `${head}<p class="ok">未发现问题。</p>`;
    const body = wb.findings
      .map((f) => {
        const table = findingHeading(f, vocab, 'zh-CN', wb.tables) ?? '整个工作簿';
        const fix = f.fix ? `${esc(`${f.fix.sheet}!${f.fix.cell}`)} 改为 <b>${esc(f.fix.value)}</b><br><small>${SAFETY[f.fix.safety]}</small>` : '';
        return `<tr class="${f.severity}"><td>${esc(table)}</td><td class="cell">${esc(f.sheet ? `${f.sheet}!${f.cell ?? ''}` : '')}</td><td><span class="sev ${f.severity}">${SEVERITY[f.severity]}</span></td><td>${esc(f.message)}</td><td>${fix}</td></tr>`;
      })
      .join('');
    return `${head}<table class="findings"><thead><tr><th>表</th><th>单元格</th><th>程度</th><th>问题与依据</th><th>建议修改</th></tr></thead><tbody>${body}</tbody></table>`;
  });
  const total = countBySeverity(report.workbooks.flatMap((w) => w.findings));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预算表审核报告</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:24px auto;max-width:1200px;color:#222;line-height:1.5;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:2px solid #217346;padding-bottom:4px}
.meta{color:#666;margin-bottom:16px}table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #d0d7de;padding:6px 8px;vertical-align:top;text-align:left}th{background:#f3f6f4}
td.n{text-align:right}td.cell{white-space:nowrap;font-family:Consolas,monospace}
table.findings td:first-child{min-width:8em}table.findings td:last-child{min-width:10em}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;white-space:nowrap}
.sev.error{background:#ffc7ce;color:#9c0006}.sev.warning{background:#ffeb9c;color:#7a5b00}.sev.info{background:#ddebf7;color:#1f4e79}
.bad{color:#c00000;font-weight:600}.warn{color:#9c6500;font-weight:600}.ok{color:#217346;font-weight:600}
small{color:#666}@media print{h2{page-break-before:auto}}
</style></head><body>
<h1>预算表审核报告</h1>
<div class="meta">生成时间：${esc(generated.toLocaleString('zh-CN', { hour12: false }))} · 工作簿 ${report.workbooks.length} 个 · 错误 ${total.error} · 警告 ${total.warning} · 提示 ${total.info}</div>
<p>“错误”须在报送前修改；“警告”须修改或书面说明；“提示”供参考。单元格地址可在 Excel 中直接定位（如“表3!E12”）。</p>
<table><thead><tr><th>序号</th><th>工作簿</th><th>识别的表</th><th>错误</th><th>警告</th><th>提示</th><th>结论</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${sections.join('\n')}
<p class="meta">由 预算表审核（budget-check）生成。</p>
</body></html>
`;
}
