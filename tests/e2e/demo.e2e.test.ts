/**
 * Demo mode in a real browser, as a trainer or a new user meets it: open the sample, check, read the
 * findings on their cells, jump, fix, switch language. Runs against the production build in dist/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetWorkbookBuffer } from '../../src/xlsx/budget-writer.js';
import { layoutWorkbookBuffer } from '../../src/xlsx/layout-transcription.js';
import { checkGrid } from '../../src/core/check.js';
import { loadCatalogue } from '../../src/cli/rule-files.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { syntheticBudget } from '../../bench/synthetic.js';
import { ROOT, transcription } from '../helpers.js';
import { launch } from './browser.js';
import { serveDir } from './serve.js';

let browser: Browser;
let server: Server;
let url: string;
let mistakeFile: string;
let textFile: string;
let ambiguousFile: string;
let countyFile: string;
const ARTIFACTS = join(ROOT, 'test-results');
/** What the CLI finds in the sample (optionally with a pack): the pane must show the same. */
let core: { error: number; warning: number; info: number; total: number };
let lenient: { error: number; warning: number; info: number; total: number };

function cliCounts(...extra: string[]) {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/budget-check.js'), 'check', join(ROOT, 'samples/caofeidian-hrss-2024.xlsx'), '--format', 'json', ...extra], { encoding: 'utf8' });
  const findings = (JSON.parse(out) as { workbooks: { findings: { severity: 'error' | 'warning' | 'info' }[] }[] }).workbooks[0]!.findings;
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  return { error: n('error'), warning: n('warning'), info: n('info'), total: findings.length };
}

beforeAll(async () => {
  ({ server, url } = await serveDir(join(ROOT, 'dist')));
  core = cliCounts();
  lenient = cliCounts('--rules', 'lenient-performance');
  browser = await launch();
  const data = await transcription();
  data.tables.find((t) => t.id === 'expense-summary')!.rows.find((r) => r[1] === '2080505')![4] = '187.45';
  const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
  mistakeFile = join(dir, '有错误的预算.xlsx');
  writeFileSync(mistakeFile, await budgetWorkbookBuffer(data));
  // 合计 1 but 公务接待费 10: either could be the slip (×10 both ways), so the person chooses.
  ambiguousFile = join(dir, '三公.xlsx');
  writeFileSync(
    ambiguousFile,
    await layoutWorkbookBuffer({
      source: { title: 't', department: 'd', province: 'p', year: 2024, document: 'test', origin: 'test' },
      sheets: [{ name: '三公', rows: [['2024年“三公”经费预算表', null], [null, '单位：万元'], ['项目', '预算数'], ['合计', 1], ['因公出国(境)费', 0], ['公务接待费', 10], ['公务用车购置及运行费', 0]] }],
    }),
  );
  countyFile = join(dir, '县级预算.xlsx');
  writeFileSync(countyFile, await budgetWorkbookBuffer(syntheticBudget({ classes: ['201', '205', '208', '210', '212', '213', '214', '221'], sections: 10, items: 9, projects: 300, seed: 2024 })));
  textFile = join(dir, 'notes.xlsx');
  writeFileSync(textFile, '不是工作簿');
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo(query = '', viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  // A missing element fails in seconds rather than hanging the run.
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  (page as Page & { sent?: string[] }).sent = requests;
  // Nothing leaves this machine: any request off the test server fails the test.
  await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  await page.goto(`${url}index.html?demo${query}`);
  return page;
}

/** The bundles the page has asked for so far (webpack's output at the top of dist/, not the copied assets). */
function scriptsSent(page: Page): string[] {
  return ((page as Page & { sent?: string[] }).sent ?? []).filter((u) => u.startsWith(url)).map((u) => u.slice(url.length)).filter((f) => /^[^/]+\.js$/.test(f));
}

/** The npm packages a script of dist/ was built from, by its source map. */
function bundledPackages(script: string): string[] {
  const map = JSON.parse(readFileSync(join(ROOT, 'dist', `${script}.map`), 'utf8')) as { sources: string[] };
  return [...new Set(map.sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []))];
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('check').click();
  await page.getByTestId('summary').waitFor();
  await expectIdle(page);
}

/** Opens a file (or the bundled sample) in demo mode and checks it. */
async function openAndCheck(page: Page, file: string): Promise<void> {
  if (file === 'sample') await page.getByTestId('load-sample').click();
  else await page.getByTestId('open-file').setInputFiles(file);
  await page.getByTestId('file-name').waitFor();
  await check(page);
}

async function expectIdle(page: Page): Promise<void> {
  await page.getByTestId('progress').waitFor({ state: 'detached' });
}

describe('demo mode', () => {
  it('loads the sample, checks it, and shows each finding on its highlighted cell', async () => {
    const page = await openDemo();
    await page.getByTestId('load-sample').click();
    await page.getByTestId('grid-preview').waitFor();
    await check(page);
    await expect.poll(() => page.getByTestId('tables-found').textContent()).toBe('识别到 9 张标准表、1 张政府采购预算表、1 张部门固定资产占用情况表、16 张项目绩效目标表');
    expect(await page.getByTestId('count-error').textContent()).toBe('错误 0');
    expect(await page.getByTestId('count-warning').textContent()).toBe(`警告 ${core.warning}`);
    expect(await page.getByTestId('finding').count()).toBe(core.total);
    const placeholder = page.locator('[data-testid="finding"][data-cell="项目绩效目标表!C14"]');
    expect(await placeholder.textContent()).toContain('三级指标写成了类别名“社会效益指标”');

    // Jump: the preview switches to the finding's sheet and selects its cell.
    await placeholder.getByTestId('goto').click();
    await page.locator('td[data-selected="yes"]').waitFor();
    expect(await page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('C14');
    expect(await page.locator('[data-highlight="yes"]').count()).toBeGreaterThan(0);
    expect(await page.locator('td[data-a1="C14"]').getAttribute('style')).toContain('rgb(255, 235, 156)');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-with-findings.png') });
    // A long paragraph its column cuts short is read whole above the grid, as in Excel's formula bar.
    await page.locator('[data-testid="finding"][data-cell="说明!A55"]').getByTestId('goto').click();
    await expect.poll(() => page.getByTestId('cell-bar').textContent()).toMatch(/^A55.*本年度拟购置固定资产总额为17\.65万元，已按要求列入政府采购预算，详见政府采购预算表。$/);

    // Fix: the ≤100% rate indicator gets =100% (a rate cannot pass 100%), the check runs again, the finding is gone.
    // An unsafe fix shows before and after and waits for the person to confirm.
    const rate = page.locator('[data-testid="finding"][data-cell="项目绩效目标表!E266"]');
    await rate.getByTestId('apply-fix').click();
    expect(await rate.getByTestId('apply-fix').textContent()).toBe('核实后修正：改为 =100%');
    expect(await rate.getByTestId('confirm-fix').textContent()).toContain('项目绩效目标表!E266：≤100% → =100%');
    await rate.getByTestId('confirm-apply').click();
    await expect.poll(() => rate.count()).toBe(0);
    expect(await page.getByTestId('finding').count()).toBe(core.total - 1);
    await page.getByTestId('sheet-tab-项目绩效目标表').click();
    expect(await page.locator('td[data-a1="E266"]').textContent()).toBe('=100%');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('finds a planted mistake in an opened file and fixes it in two clicks', async () => {
    const page = await openDemo();
    await openAndCheck(page, mistakeFile);
    const error = page.locator('[data-testid="finding"][data-severity="error"]');
    expect(await error.count()).toBe(1);
    expect(await error.getAttribute('data-cell')).toBe('表3!E13');
    expect(await error.textContent()).toContain('为 187.45 万元，应为 178.45 万元');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-with-error.png') });
    // Click one: 全部安全修正 (1). Click two was 检查.
    await page.getByTestId('apply-all-safe').click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toBe('错误 0');
    await page.getByTestId('sheet-tab-表3').click();
    expect(await page.locator('td[data-a1="E13"]').textContent()).toBe('178.45');
    await page.close();
  });

  it('an ambiguous mistake names its candidate cells as links and offers no one-click fix', async () => {
    const page = await openDemo();
    await openAndCheck(page, ambiguousFile);
    const finding = page.locator('[data-testid="finding"][data-severity="error"]');
    expect(await finding.count()).toBe(1);
    expect(await finding.getByTestId('apply-fix').count()).toBe(0);
    const candidates = finding.getByTestId('candidate');
    expect(await candidates.count()).toBe(2);
    expect((await candidates.allTextContents()).sort()).toEqual(['三公!B4 → 10', '三公!B6 → 1']);
    await finding.locator('[data-testid="candidate"][data-cell="三公!B6"]').click();
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('B6');
    await page.close();
  });

  it('explains a file it cannot use instead of failing silently', async () => {
    const page = await openDemo();
    await page.getByTestId('open-file').setInputFiles(textFile);
    await expect.poll(() => page.getByTestId('open-problem').textContent()).toMatch(/不是 \.xlsx 工作簿/);
    // In the language of the page only, and in the other once the user switches.
    expect(await page.getByTestId('open-problem').textContent()).not.toMatch(/is not an \.xlsx workbook/);
    await page.getByTestId('language').click();
    await expect.poll(() => page.getByTestId('open-problem').textContent()).toMatch(/is not an \.xlsx workbook/);
    await page.close();
  });

  it('switches to English and back, checking again in the new language', async () => {
    const page = await openDemo();
    await openAndCheck(page, 'sample');
    await page.getByTestId('language').click();
    await expect.poll(() => page.getByTestId('check').textContent()).toBe('Check again');
    await expectIdle(page);
    await expect.poll(() => page.locator('[data-testid="finding"][data-cell="项目绩效目标表!C14"]').textContent()).toContain('is just the category name');
    expect(await page.getByTestId('count-warning').textContent()).toBe(`Warnings ${core.warning}`);
    await page.screenshot({ path: join(ARTIFACTS, 'pane-english.png') });
    await page.getByTestId('language').click();
    await expect.poll(() => page.getByTestId('check').textContent()).toBe('重新检查');
    await page.close();
  });
});

describe('the pane a finance clerk trusts', () => {
  const cells = (page: Page) => page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-severity'), e.getAttribute('data-cell')]));

  it('lists errors first and steps through the findings with Alt+↓ / Alt+↑, selecting each cell', async () => {
    const page = await openDemo();
    await openAndCheck(page, mistakeFile);
    const list = await cells(page);
    expect(list[0]).toEqual(['error', '表3!E13']);
    // Severity never rises down the list within a group, and the error's group comes first.
    expect(list.findIndex(([sev]) => sev !== 'error')).toBe(1);
    const withCell = list.filter(([, c]) => c);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').getAttribute('data-cell')).toBe(withCell[0]![1]);
    expect(await page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('E13');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').getAttribute('data-cell')).toBe(withCell[1]![1]);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').getAttribute('data-cell')).toBe(withCell[0]![1]);
    await page.getByTestId('next').click();
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').getAttribute('data-cell')).toBe(withCell[1]![1]);
    // The announcement for screen readers says what the check found.
    expect(await page.getByTestId('announce').textContent()).toContain('错误 1 处');
    await page.close();
  });

  it('a card names its first related cells and counts the rest until asked (西安 国资委 2022: 表6!G16 against 17 cells)', async () => {
    const page = await openDemo();
    await openAndCheck(page, join(ROOT, 'samples', 'real', 'shaanxi-xian-guoziwei-2022-dept.xlsx'));
    const card = page.locator('[data-testid="finding"][data-cell="表6!G16"]').first();
    expect(await card.getByTestId('related-cell').count()).toBe(6);
    expect(await card.getByTestId('more-related').textContent()).toBe('另有 11 处');
    await card.getByTestId('more-related').click();
    expect(await card.getByTestId('related-cell').count()).toBe(17);
    await page.close();
  });

  it('a warning explained keeps its reason on its card', async () => {
    const page = await openDemo();
    await openAndCheck(page, 'sample');
    const card = page.locator('[data-testid="finding"][data-severity="warning"]').first();
    await card.getByTestId('explain').click();
    await card.locator('textarea').fill('该指标按上级文件口径填写');
    await card.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => card.getByTestId('explanation-text').textContent()).toBe('理由：该指标按上级文件口径填写');
    await page.close();
  });

  it('of two findings on one cell, the one chosen is outlined, not both', async () => {
    const page = await openDemo();
    await openAndCheck(page, 'sample');
    const both = page.locator('[data-testid="finding"][data-cell="项目绩效目标表!E251"]');
    expect(await both.count()).toBe(2);
    await both.nth(1).getByTestId('goto').click();
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').count()).toBe(1);
    expect(await both.nth(1).getAttribute('data-selected')).toBe('yes');
    // A click on a highlighted cell of the preview chooses its (first) finding in the list.
    await page.getByTestId('sheet-tab-说明').click();
    await page.locator('td[data-a1="A55"]').click();
    await expect.poll(() => page.locator('[data-testid="finding"][data-selected="yes"]').getAttribute('data-cell')).toBe('说明!A55');
    await page.close();
  });

  it('an ambiguous mistake: the clerk chooses the cell, sees before and after, confirms; the check runs again', async () => {
    const page = await openDemo();
    await openAndCheck(page, ambiguousFile);
    const finding = page.locator('[data-testid="finding"][data-severity="error"]');
    const choices = finding.getByTestId('choose-candidate');
    expect(await choices.count()).toBe(2);
    const b4 = finding.locator('[data-testid="candidate"][data-cell="三公!B4"]');
    await b4.locator('xpath=..').getByTestId('choose-candidate').click();
    expect(await finding.getByTestId('confirm-fix').textContent()).toContain('三公!B4：1 → 10');
    await finding.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toBe('错误 0');
    expect(await page.locator('td[data-a1="B4"]').textContent()).toBe('10.00');
    await page.close();
  });

  it('undo and redo a fix; download the fixed workbook (re-read and checked clean) and export the HTML report; nothing leaves the page’s origin', async () => {
    const page = await openDemo();
    await openAndCheck(page, mistakeFile);
    await page.getByTestId('apply-all-safe').click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toBe('错误 0');
    // The card is gone with its mistake; what was changed is said, the cell a link to it.
    expect(await page.getByTestId('changes-made').textContent()).toBe('已修改 1 处：表3!E13 187.45 → 178.45');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toBe('错误 1');
    expect(await page.getByTestId('changes-made').count()).toBe(0);
    await page.getByTestId('sheet-tab-表3').click();
    expect(await page.locator('td[data-a1="E13"]').textContent()).toBe('187.45');
    await page.getByTestId('redo').click();
    await expect.poll(() => page.getByTestId('count-error').textContent()).toBe('错误 0');
    expect(await page.locator('td[data-a1="E13"]').textContent()).toBe('178.45');

    const [fixed] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(fixed.suggestedFilename()).toBe('有错误的预算-修正.xlsx');
    const grid = await readWorkbookBuffer('fixed.xlsx', new Uint8Array(readFileSync((await fixed.path())!)));
    const { report } = await checkGrid('fixed.xlsx', grid, await loadCatalogue());
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.findings.length).toBe(core.total);

    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    const text = readFileSync((await html.path())!, 'utf8');
    expect(text).toContain('<html');
    // The report is of the fixed workbook, named as the download names it.
    expect(html.suggestedFilename()).toBe('有错误的预算-修正-审核结果.html');
    expect(text).toContain('有错误的预算-修正.xlsx');
    expect(text).not.toContain('有错误的预算.xlsx');
    // The print view: the findings, without buttons or the preview.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('demo-preview').isVisible()).toBe(false);
    expect(await page.getByTestId('check').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="finding"]').first().isVisible()).toBe(true);
    // The counts are printed (they are buttons on screen); the demo's instructions and switches are not.
    expect(await page.getByTestId('count-warning').isVisible()).toBe(true);
    expect(await page.getByTestId('demo-intro').isVisible()).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'pane-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const requests = (page as Page & { sent?: string[] }).sent!;
    expect(requests.filter((r) => !r.startsWith(url) && !r.startsWith('blob:') && !r.startsWith('data:'))).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
    await page.close();
  });

  it('every page carries a strict Content-Security-Policy; the help page the manifest links to is served', async () => {
    const get = async (path: string) => {
      const r = await fetch(`${url}${path}`);
      return { status: r.status, text: await r.text() };
    };
    for (const path of ['index.html', 'taskpane.html', 'commands.html', 'help.html']) {
      const { status, text } = await get(path);
      expect(status).toBe(200);
      const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(text)?.[1] ?? '';
      expect(csp).toMatch(/^default-src 'self';/);
      expect(csp).toContain("frame-src 'self'");
      expect(text).not.toMatch(/<script>(?!<\/script>)/);
    }
    expect((await get('index.html')).text).not.toContain('office.js');
    expect((await get('taskpane.html')).text).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    const help = await get('help.html');
    expect(help.text).toContain('<title>预算表审核 · 使用帮助</title>');
    for (const link of readFileSync(join(ROOT, 'manifest.xml'), 'utf8').match(/https:\/\/localhost:3000\/[\w.-]+\.html/g)!) expect((await get(link.replace('https://localhost:3000/', ''))).status).toBe(200);
  });

  it('at 350 px (Excel’s task pane) nothing scrolls sideways, before or after a jump', async () => {
    const page = await openDemo('', { width: 350, height: 800 });
    await openAndCheck(page, 'sample');
    const sideways = () => page.evaluate('[document.documentElement.scrollWidth, window.scrollX]');
    expect(await sideways()).toEqual([350, 0]);
    await page.locator('[data-testid="finding"]').first().getByTestId('goto').click();
    await page.locator('td[data-selected="yes"]').waitFor();
    expect(await sideways()).toEqual([350, 0]);
    // A finding far down the list: its cell is shown in the preview, in the window, with the finding and
    // the action bar (上一处 / 下一处 / 撤销) still in view — the list and the preview scroll apart.
    const last = page.locator('[data-testid="finding"]').last();
    await last.scrollIntoViewIfNeeded();
    await last.getByTestId('goto').click();
    const inWindow = (selector: string) => page.evaluate(`(() => { const r = document.querySelector('${selector}').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`);
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe(await last.getAttribute('data-cell').then((c) => c!.split('!')[1]));
    expect(await inWindow('td[data-selected="yes"]')).toBe(true);
    expect(await inWindow('[data-testid="finding"][data-selected="yes"]')).toBe(true);
    expect(await inWindow('[data-testid="next"]')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'pane-350px.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'pane-350px-full.png'), fullPage: true });
    await page.close();
  });

  it('is usable without a mouse and by a screen reader: named controls, headings, a live region, keyboard cells', async () => {
    const page = await openDemo();
    await openAndCheck(page, 'sample');
    await page.getByTestId('advanced').click();
    const tree = await page.locator('body').ariaSnapshot();
    writeFileSync(join(ARTIFACTS, 'pane-aria.yml'), tree);
    // Every control has a name a screen reader can say.
    expect(tree.split('\n').filter((l) => /^\s*- (button|combobox|link|checkbox|switch|textbox)\s*$/.test(l))).toEqual([]);
    expect(tree).toContain('combobox "规则包"');
    expect(tree).toMatch(/heading "2024年劳动就业社会保障服务协理员补贴及培训经费（项目绩效目标表） · \d+" \[level=3\]/);
    expect(tree).toMatch(/status: 检查完成：错误 0 处，警告 \d+ 处，提示 \d+ 处/);
    // The preview's cells are reached from the keyboard: focus the grid, move with the arrows.
    await page.getByTestId('preview-grid').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('A1');
    // A1 is the sheet's merged title: down leaves it below its last row, then right moves along the row.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('A2');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toMatch(/^[B-Z]2$/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('td[data-selected="yes"]').getAttribute('data-a1')).toBe('A1');
    await page.close();
  });

  it('one problem found once in each of many project tables is one group, which says what the problem is', async () => {
    const page = await openDemo();
    await openAndCheck(page, join(ROOT, 'samples', 'real', 'guangdong-guangzhou-shengtai-2026-dept.xlsx'));
    const gathered = page.locator('[data-testid="table-group"][data-repeated]').first();
    await gathered.waitFor();
    expect(await gathered.locator('h3').textContent()).toMatch(/^同一问题出现在 \d+ 张表中：\S+/);
    await page.close();
  });

  it('the county workbook is checked in a worker: the page keeps responding', async () => {
    const page = await openDemo();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.getByTestId('open-file').setInputFiles(countyFile);
    await page.getByTestId('file-name').waitFor();
    // A heartbeat every 20 ms: the longest gap between beats is the longest the page stood still.
    await page.evaluate('window.gaps = []; { let last = performance.now(); setInterval(() => { const now = performance.now(); window.gaps.push(now - last); last = now; }, 20); }');
    const started = Date.now();
    await check(page);
    const firstResult = Date.now() - started;
    const longest = (await page.evaluate('Math.max(...window.gaps)')) as number;
    console.log(`county workbook: first result after ${firstResult} ms, longest pause of the page ${Math.round(longest)} ms`);
    expect(workers.length).toBe(1);
    expect(await page.getByTestId('tables-found').textContent()).toContain('300 张项目绩效目标表');
    expect(longest).toBeLessThan(400);
    await page.close();
  });
});

describe('rule packs and a maintainer’s local rules in the pane', () => {
  it('a pack chosen in the pane changes what is reported', async () => {
    const page = await openDemo();
    await openAndCheck(page, 'sample');
    expect(await page.getByTestId('count-info').textContent()).toBe(`提示 ${core.info}`);
    await page.getByTestId('advanced').click();
    await page.getByTestId('pack').selectOption('lenient-performance');
    await check(page);
    // The lenient pack reports fewer warnings than the national one, and the pane shows what the CLI does.
    expect(lenient.warning).toBeLessThan(core.warning);
    expect(await page.getByTestId('count-warning').textContent()).toBe(`警告 ${lenient.warning}`);
    expect(await page.getByTestId('count-info').textContent()).toBe(`提示 ${lenient.info}`);
    await page.close();
  });

  it('a local rule file takes effect; a broken one is reported with its position', async () => {
    const { readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'local-rules-'));
    const rule = JSON.parse(readFileSync(join(ROOT, 'rules', 'perf-value-unit.json'), 'utf8'));
    rule.severity = 'error';
    writeFileSync(join(dir, 'perf-value-unit.json'), JSON.stringify(rule, null, 2));
    const page = await openDemo();
    await page.getByTestId('load-sample').waitFor();
    // The bundled rules come prepared: the linter (zod, jsonc-parser, json-rules-engine) loads with local files only.
    const linter = () => scriptsSent(page).filter((f) => bundledPackages(f).some((p) => /^(zod|jsonc-parser|json-rules-engine)$/.test(p)));
    expect(linter()).toEqual([]);
    // The linter's chunk held back, as on a slow network: until the rules are read, 检查 waits — a check
    // then would run the bundled rules the clerk has just replaced, and say nothing of it.
    const linterChunks = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js') && bundledPackages(f).includes('zod'));
    expect(linterChunks.length).toBeGreaterThan(0);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route((u) => linterChunks.some((c) => u.pathname.endsWith(`/${c}`)), async (route) => {
      await held;
      await route.continue();
    });
    // Rules first, then the workbook: opening a workbook keeps the rules chosen.
    await page.getByTestId('local-rules').setInputFiles(join(dir, 'perf-value-unit.json'));
    await page.getByTestId('load-sample').click();
    await page.getByTestId('file-name').waitFor();
    expect(await page.getByTestId('progress-text').textContent()).toContain('正在读取规则文件');
    expect(await page.getByTestId('check').isDisabled()).toBe(true);
    release();
    await check(page);
    expect(linter().length).toBeGreaterThan(0);
    expect(await page.getByTestId('count-error').textContent()).toBe('错误 1');
    expect(await page.locator('[data-testid="finding"][data-severity="error"]').getAttribute('data-cell')).toBe('项目绩效目标表!E251');

    writeFileSync(join(dir, 'perf-value-unit.json'), JSON.stringify({ ...rule, severty: 'error' }, null, 2));
    await page.getByTestId('local-rules').setInputFiles(join(dir, 'perf-value-unit.json'));
    await expect.poll(() => page.getByTestId('rule-problems').textContent({ timeout: 5000 })).toMatch(/perf-value-unit\.json:\d+:\d+ \$\.severty 未知的键“severty”/);
    await page.close();
  });
});

describe('the maintainer scenarios of the README, in the pane as in the CLI', () => {
  it('a header synonym, a new tie with a tolerance, a new check and a severity change, loaded as a folder', async () => {
    const { cpSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'maintainer-'));
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const json = (f: string) => JSON.parse(readFileSync(join(rules, f), 'utf8'));
    const write = (f: string, j: unknown) => writeFileSync(join(rules, f), JSON.stringify(j, null, 2));
    // 1. A header synonym: 本年拨款 read as 财政拨款收入.
    const vocab = json('vocabulary/tables.json');
    vocab.tables.find((t: any) => t.id === 'income-summary').columns.find((c: any) => c.role === 'fiscal').match.push({ all: ['本年拨款'] });
    write('vocabulary/tables.json', vocab);
    // 2. A new tie with a chosen tolerance: 表2 财政拨款收入 合计 = 表4 一般公共预算收入, within 1 万元.
    const tie = json('table-ties.json');
    write('fiscal-income-within-one.json', {
      ...tie,
      id: 'fiscal-income-within-one',
      params: { ties: [{ left: { table: 'income-summary', column: 'fiscal', row: { total: true } }, right: { table: 'fiscal-summary', column: 'incomeAmount', row: { key: 'incomeGeneral', side: 'incomeItem' } }, tolerance: { amount: 1, unit: '万元' } }] },
      tests: { valid: [], invalid: [] },
    });
    // 3. A new check: satisfaction targets of at least 95%.
    write('satisfaction-at-least-95.json', {
      ...json('perf-value-unit.json'),
      id: 'satisfaction-at-least-95',
      conditions: { all: [{ fact: 'level2', operator: 'matches', value: '满意度' }, { fact: 'number', operator: 'lessThan', value: 95 }] },
      message: { 'zh-CN': '项目“{{project}}”的满意度目标为“{{value}}”，本地要求不低于 95%', en: 'the satisfaction target of “{{project}}” is “{{value}}”' },
      tests: { valid: [], invalid: [] },
    });
    // 4. A severity change.
    write('perf-rate-comparator.json', { ...json('perf-rate-comparator.json'), severity: 'error' });

    // A workbook that says 本年拨款, with its fiscal income total 2 万元 off (beyond the tolerance).
    const data = await transcription();
    const income = data.tables.find((t) => t.id === 'income-summary')!;
    income.header[1]![5] = '本年拨款';
    income.rows[0]![5] = String(Number(income.rows[0]![5]) + 2);
    const file = join(dir, '本年拨款.xlsx');
    writeFileSync(file, await budgetWorkbookBuffer(data));

    const { spawnSync } = await import('node:child_process');
    // Exit 1: the planted difference is an error.
    const out = spawnSync(process.execPath, [join(ROOT, 'bin/budget-check.js'), 'check', file, '--format', 'json', '--rules', rules], { encoding: 'utf8' }).stdout;
    const cli = (JSON.parse(out) as { workbooks: { findings: { ruleId: string; severity: string; sheet: string; cell: string }[] }[] }).workbooks[0]!.findings;
    const scenario = (f: { ruleId: string }) => ['fiscal-income-within-one', 'satisfaction-at-least-95', 'perf-rate-comparator'].includes(f.ruleId);
    expect(cli.some((f) => f.ruleId === 'satisfaction-at-least-95')).toBe(true);
    expect(cli.some((f) => f.ruleId === 'perf-rate-comparator' && f.severity === 'error')).toBe(true);
    // The 2 万元 lands on the 本年拨款 cell, read only thanks to the synonym.
    expect(cli.some((f) => f.sheet === '表2' && f.cell === 'F6')).toBe(true);

    const page = await openDemo();
    await page.getByTestId('local-rules-folder').setInputFiles(rules);
    await openAndCheck(page, file);
    const shown = await page.locator('[data-testid="finding"]').evaluateAll((els) => els.map((e) => ({ rule: e.getAttribute('data-rule'), cell: e.getAttribute('data-cell'), severity: e.getAttribute('data-severity') })));
    const key = (x: { rule: string | null; cell: string | null; severity: string | null }) => `${x.rule} ${x.cell} ${x.severity}`;
    expect(shown.filter((x) => scenario({ ruleId: x.rule ?? '' })).map(key).sort()).toEqual(cli.filter(scenario).map((f) => key({ rule: f.ruleId, cell: `${f.sheet}!${f.cell}`, severity: f.severity })).sort());
    expect(shown.some((x) => x.cell === '表2!F6')).toBe(true);
    expect(await page.getByTestId('count-error').textContent()).toBe(`错误 ${cli.filter((f) => f.severity === 'error').length}`);
    await page.close();
  });
});

describe('training mode', () => {
  it('a trainee marks cells, the answers are revealed one by one, and the marks are scored', async () => {
    const { spawnSync } = await import('node:child_process');
    const out = mkdtempSync(join(tmpdir(), 'e2e-training-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'budget-check.js'), 'train', '--from', join(ROOT, 'samples', 'caofeidian-hrss-2024.xlsx'), '--mistakes', 'transposed-digits,cost-above-budget', '--seed', '2', '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const answers = JSON.parse((await import('node:fs')).readFileSync(join(out, 'answers.json'), 'utf8')) as { sheet: string; cell: string; name: string }[];

    const page = await openDemo();
    await page.getByTestId('open-file').setInputFiles(join(out, 'caofeidian-hrss-2024-练习01.xlsx'));
    await page.getByTestId('training').waitFor();
    expect(await page.getByTestId('training').textContent()).toContain('其中有 2 处错误');
    // No answer sheet among the tabs, and no findings until asked.
    expect(await page.locator('[data-testid^="sheet-tab-_budgetcheck"]').count()).toBe(0);
    await page.getByTestId('check').click();
    await expect.poll(() => page.getByTestId('check').textContent()).toBe('重新检查');
    await expectIdle(page);
    expect(await page.getByTestId('finding').count()).toBe(0);

    // The trainee finds the first one and wrongly suspects another cell.
    await page.getByTestId(`sheet-tab-${answers[0]!.sheet}`).click();
    await page.locator(`td[data-a1="${answers[0]!.cell}"]`).click();
    await page.getByTestId('mark').click();
    await page.getByTestId('sheet-tab-表1').click();
    await page.locator('td[data-a1="C6"]').click();
    await page.getByTestId('mark').click();
    await expect.poll(() => page.getByTestId('marks').textContent()).toContain(`${answers[0]!.sheet}!${answers[0]!.cell}`);
    // The marked cell is painted on the sheet too (blue, 提示's colour).
    await expect.poll(() => page.locator('td[data-a1="C6"]').getAttribute('data-highlight')).toBe('yes');

    await page.getByTestId('reveal').click();
    await page.getByTestId('answer').first().waitFor();
    expect(await page.getByTestId('answer').first().textContent()).toContain(answers[0]!.name);
    await page.getByTestId('score').click();
    expect(await page.getByTestId('score-result').textContent()).toBe('找对 1 / 2 处，漏掉 1 处，标错 1 处。');
    await page.screenshot({ path: join(ARTIFACTS, 'pane-training.png') });
    await page.getByTestId('show-all').click();
    await expect.poll(() => page.getByTestId('finding').count()).toBeGreaterThan(1);
    await page.close();
  });
});

describe('a maintainer’s rules folder in the pane', () => {
  it('loads a whole rules folder (rules, vocabulary, packs) and uses it', async () => {
    const { cpSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'rules-folder-'));
    cpSync(join(ROOT, 'rules'), join(dir, 'rules'), { recursive: true });
    const file = join(dir, 'rules', 'perf-rate-comparator.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), severity: 'error' }, null, 2));
    const page = await openDemo();
    await page.getByTestId('local-rules-folder').setInputFiles(join(dir, 'rules'));
    await openAndCheck(page, 'sample');
    expect(await page.getByTestId('count-error').textContent()).toBe('错误 2');
    await page.close();
  });
});
