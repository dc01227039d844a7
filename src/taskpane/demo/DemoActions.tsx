/** Demo mode as a tool: undo and redo fixes, download the fixed workbook, export the CLI's reports. */
import { Button, Link, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { toCsv, toHtml } from '../../cli/reports.js';
import type { Lang } from '../../core/messages.js';
import { patchValues, PatchRefused } from '../../xlsx/patch-values.js';
import { streamInflate } from '../../xlsx/zip.js';
import type { PaneActionContext } from '../App.js';
import { t } from '../i18n.js';
import type { DemoWorkbook } from './demo-workbook.js';

function save(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const base = (file: string) => file.replace(/\.xlsx$/i, '');

/** A cell's value as the list of changes names it: a blank cell in words. */
const valueText = (value: string | number | null, lang: Lang) => (value === null ? t(lang, 'blankValue') : String(value));

/** The latest changes named in the action bar; earlier ones are counted. */
const CHANGES_SHOWN = 5;

export function DemoActions({ workbook, lang, context }: { workbook: DemoWorkbook; lang: Lang; context: PaneActionContext }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { controller, report, catalogue, busy } = context;
  const again = async (step: () => boolean) => {
    if (step()) await controller.check();
  };
  // With fixes made, the report is of the fixed workbook, the one the download gives: named so, not as
  // the file opened, whose findings it no longer lists.
  const checked = workbook.applied.length > 0 ? `${base(workbook.fileName)}-修正.xlsx` : workbook.fileName;
  const download = async () => {
    setProblem(null);
    try {
      const bytes = await patchValues(workbook.bytes!, workbook.applied, streamInflate);
      save(checked, bytes as Uint8Array<ArrayBuffer>, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      setProblem(e instanceof PatchRefused ? `${e.address}` : String(e));
    }
  };
  const whole = { version: 1 as const, workbooks: [{ ...report, file: checked }] };
  return (
    <>
      <Button size="small" disabled={busy || !workbook.canUndo} onClick={() => void again(() => workbook.undo())} data-testid="undo">
        {t(lang, 'undo')}
      </Button>
      <Button size="small" disabled={busy || !workbook.canRedo} onClick={() => void again(() => workbook.redo())} data-testid="redo">
        {t(lang, 'redo')}
      </Button>
      <Button size="small" disabled={busy || !workbook.bytes || workbook.applied.length === 0} onClick={() => void download()} data-testid="download">
        {t(lang, 'download')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => save(`${base(checked)}-审核结果.html`, toHtml(whole, catalogue.vocab, new Date()), 'text/html')} data-testid="export-html">
        {t(lang, 'exportHtml')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => save(`${base(checked)}-审核结果.csv`, toCsv(whole, catalogue.vocab, lang), 'text/csv')} data-testid="export-csv">
        {t(lang, 'exportCsv')}
      </Button>
      <Button size="small" onClick={() => window.print()} data-testid="print">
        {t(lang, 'print')}
      </Button>
      {workbook.changes.length > 0 && (
        // What has been changed so far, each cell a link to it: a card disappears once its fix is made.
        <Text size={200} data-testid="changes-made">
          {t(lang, 'changesMade', { n: workbook.changes.length })}
          {workbook.changes.slice(-CHANGES_SHOWN).map(({ fix, before }, i) => (
            <span key={`${fix.sheet}!${fix.cell}#${i}`}>
              {i > 0 && (lang === 'zh-CN' ? '；' : '; ')}
              <Link onClick={() => void controller.goTo({ sheet: fix.sheet, cell: fix.cell })} data-testid="change-made">
                {fix.sheet}!{fix.cell}
              </Link>{' '}
              {valueText(before, lang)} → {valueText(fix.value, lang)}
            </span>
          ))}
          {workbook.changes.length > CHANGES_SHOWN && (lang === 'zh-CN' ? ' 等' : ' …')}
        </Text>
      )}
      {problem && (
        <Text size={200} style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="download-problem">
          {t(lang, 'err.formula')}
          {problem}
        </Text>
      )}
    </>
  );
}
