/** Demo mode: the same pane in an ordinary browser, with an .xlsx opened from disk or the bundled sample. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../core/messages.js';
import { SourceError } from '../../core/source-error.js';
import { bufferToGrid } from '../../xlsx/read.js';
import { Pane } from '../App.js';
import type { PaneRules } from '../rule-set.js';
import { DemoActions } from './DemoActions.js';
import { t } from '../i18n.js';
import { DemoWorkbook, type DemoView } from './demo-workbook.js';
import { GridPreview } from './GridPreview.js';

const useStyles = makeStyles({
  shell: {
    display: 'flex',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    // A narrow window (Excel's task pane is ~350 px): the pane on top, the preview below, never wider than
    // the window. Each scrolls in its own part of the window, as side by side: a jump to a cell shows it
    // in the preview while the finding stays in view, and the pane's action bar stays on top of the list.
    '@media (max-width: 720px)': { flexDirection: 'column' },
  },
  pane: {
    width: '440px',
    flexShrink: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    height: '100%',
    '@media (max-width: 720px)': { width: '100%', height: '58vh', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  preview: {
    flex: 1,
    padding: '8px',
    minWidth: 0,
    height: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    '@media (max-width: 720px)': { height: 'auto', minHeight: 0 },
  },
  toolbar: { display: 'flex', gap: '6px', flexWrap: 'wrap', alignItems: 'center' },
  intro: { color: tokens.colorNeutralForeground2 },
});

export const SAMPLE_URL = 'samples/caofeidian-hrss-2024.xlsx';

export function DemoApp({ rules, lang, setLang }: { rules: PaneRules; lang: Lang; setLang: (l: Lang) => void }) {
  const s = useStyles();
  const [workbook, setWorkbook] = useState<DemoWorkbook | null>(null);
  const [view, setView] = useState<DemoView | null>(null);
  // Kept as the error, so it is said in the language chosen now, not the one of the moment it happened.
  const [problem, setProblem] = useState<SourceError | string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => (workbook ? workbook.subscribe(setView) : undefined), [workbook]);

  const open = async (name: string, bytes: Uint8Array) => {
    try {
      setProblem(null);
      setWorkbook(new DemoWorkbook(await bufferToGrid(name, bytes), name, bytes));
    } catch (e) {
      setProblem(e instanceof SourceError ? e : String(e));
    }
  };

  const toolbar = (
    <div className={s.toolbar}>
      <Text className={s.intro} size={200} data-testid="demo-intro">
        {t(lang, 'demoIntro')}
      </Text>
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx"
        style={{ display: 'none' }}
        data-testid="open-file"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) await open(f.name, new Uint8Array(await f.arrayBuffer()));
          e.target.value = '';
        }}
      />
      <Button size="small" onClick={() => fileInput.current?.click()}>
        {t(lang, 'openFile')}
      </Button>
      <Button size="small" data-testid="load-sample" onClick={async () => open('caofeidian-hrss-2024.xlsx', new Uint8Array(await (await fetch(SAMPLE_URL)).arrayBuffer()))}>
        {t(lang, 'loadSample')}
      </Button>
      {workbook && (
        <Text size={200} weight="semibold" data-testid="file-name">
          {workbook.fileName}
        </Text>
      )}
      {problem && (
        <Text size={200} style={{ color: tokens.colorPaletteRedForeground1 }} data-testid="open-problem">
          {problem instanceof SourceError ? problem.localized(lang) : problem}
        </Text>
      )}
    </div>
  );

  return (
    <div className={s.shell} data-testid="demo-shell">
      <div className={s.pane} data-testid="demo-pane">
        <Pane port={workbook} rules={rules} lang={lang} onLang={setLang} toolbar={toolbar} actions={(c) => workbook && <DemoActions workbook={workbook} lang={lang} context={c} />} />
      </div>
      <div className={s.preview} data-testid="demo-preview">{view && workbook && <GridPreview view={view} onSelect={(a) => void workbook.userSelect(a)} />}</div>
    </div>
  );
}
