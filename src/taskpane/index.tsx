/**
 * Entry point. Inside Excel the pane works on the open workbook through the office.js gateway;
 * opened in an ordinary browser (or with ?demo) it runs in demo mode on an .xlsx held in memory.
 */
import { createRoot } from 'react-dom/client';
import { ExcelGateway } from '../excel/gateway.js';
import type { RunLike } from '../excel/office-types.js';
import { Root } from './App.js';
import { DemoApp } from './demo/DemoApp.js';
import { defaultLang, t } from './i18n.js';
import type { PaneRules } from './rule-set.js';

/** The bundled rules, linted and prepared at build time from rules/ (see webpack.config.js). */
declare const __PANE_RULES__: PaneRules;
const rules = __PANE_RULES__;

const root = createRoot(document.getElementById('root')!);

function mount(inExcel: boolean): void {
  if (inExcel) {
    // Excel.run(options | context, batch): options for a batch, the registering context to remove a handler.
    const run: RunLike = (options, batch) => (options ? Excel.run(options as never, batch as never) : Excel.run(batch as never)) as never;
    const port = new ExcelGateway({ run, supports: (v) => Office.context.requirements.isSetSupported('ExcelApi', v) });
    root.render(<Root port={port} rules={rules} initialLang={defaultLang(Office.context.displayLanguage)} />);
    return;
  }
  // Demo mode speaks Chinese first, whatever the browser's language; ?lang=en for English.
  const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
  root.render(<Root port={null} rules={rules} initialLang={lang}>{(l, setLang) => <DemoApp rules={rules} lang={l} setLang={setLang} />}</Root>);
}

/** Excel has not answered yet: say so, and offer demo mode, rather than guess and fall into it inside Excel. */
function waiting(): void {
  const lang = (navigator.language || '').startsWith('zh') ? 'zh-CN' : 'en';
  root.render(
    <p style={{ padding: 16 }} data-testid="waiting">
      {t(lang, 'waitingForExcel')}
      <a href="index.html?demo">{t(lang, 'openDemo')}</a>
    </p>,
  );
}

const forceDemo = new URLSearchParams(location.search).has('demo');
if (forceDemo || typeof Office === 'undefined') {
  mount(false);
} else {
  let ready = false;
  void Office.onReady((info) => {
    ready = true;
    mount(info.host === Office.HostType.Excel);
  });
  setTimeout(() => ready || waiting(), 3000);
}
