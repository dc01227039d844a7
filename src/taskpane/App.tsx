/** The task pane: check, summary, findings by table, fixes — in Excel or, in demo mode, beside a preview. */
import {
  Button,
  Divider,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Select,
  Switch,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Catalogue } from '../core/check.js';
import type { Severity, WorkbookReport } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { FAMILIES, type Family } from '../core/rules/families.js';
import { FEATURE_SETS, findingKey, type Feature, type WorkbookPort } from '../core/workbook-port.js';
import { PaneController } from './controller.js';
import { bundledRuleSet, type PaneRules, type RuleSet } from './rule-set.js';
import { workerChecker, type WorkerLike } from './worker-checker.js';
import { FindingCard } from './FindingCard.js';
import { t, tablesFoundText, type WordKey } from './i18n.js';
import { countsByFamily, countsBySeverity, holdingBack, initialState, listGroups, reducer, safeFixes, type Action, type PaneError, type PaneState } from './state.js';
import { TrainingPanel } from './TrainingPanel.js';

const useStyles = makeStyles({
  // Children keep their height: a long list scrolls the pane instead of squeezing the controls.
  pane: { display: 'flex', flexDirection: 'column', gap: '10px', padding: '12px', height: '100%', boxSizing: 'border-box', overflowY: 'auto', overflowX: 'hidden', backgroundColor: tokens.colorNeutralBackground2, '& > *': { flexShrink: 0 } },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', alignItems: 'center' },
  group: { marginTop: '6px' },
  groupTitle: { display: 'block', margin: '6px 0 6px', color: tokens.colorNeutralForeground2 },
  sticky: { position: 'sticky', top: '-12px', zIndex: 1, display: 'flex', flexDirection: 'column', gap: '6px', padding: '8px 0', backgroundColor: tokens.colorNeutralBackground2 },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

function startWorker(): WorkerLike | undefined {
  try {
    return typeof Worker === 'undefined' ? undefined : (new Worker(new URL('./check-worker.ts', import.meta.url)) as unknown as WorkerLike);
  } catch {
    return undefined; // a policy that forbids workers: the check runs on the page instead
  }
}

/** An error in the reader's words: what happened, and which sheets, cells or feature it concerns. */
function errorText(error: PaneError, lang: Lang): string {
  const { code, message } = error;
  if (code === 'source') return message;
  if (code === 'unsupported' && message in FEATURE_SETS) return `${t(lang, 'err.unsupported')}（${t(lang, `feature.${message as Feature}`)}）`;
  if (code === 'protected' || code === 'formula') return `${t(lang, `err.${code}`)}${message.length < 200 ? `（${message}）` : ''}`;
  if (code === 'editing' || code === 'unsupported' || code === 'busy') return t(lang, `err.${code}`);
  return `${t(lang, 'err.other')}${message}`;
}

const PHASE_WORDS: Partial<Record<PaneState['phase'], WordKey>> = { reading: 'reading', checking: 'checking', painting: 'painting' };

export interface PaneActionContext {
  controller: PaneController;
  report: WorkbookReport;
  catalogue: Catalogue;
  busy: boolean;
}

export interface PaneProps {
  port: WorkbookPort | null;
  /** The bundled rules, prepared when the pane was built. */
  rules: PaneRules;
  lang: Lang;
  onLang?: (lang: Lang) => void;
  /** Shown above the controls in demo mode (open file, sample). */
  toolbar?: React.ReactNode;
  /** More actions beside 上一处/下一处 once checked (demo mode: undo, redo, download, export). */
  actions?: (context: PaneActionContext) => React.ReactNode;
}

export function Pane({ port, rules, lang, onLang, toolbar, actions }: PaneProps) {
  const s = useStyles();
  const [advanced, setAdvanced] = useState(false);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [state, reactDispatch] = useReducer(reducer, lang, initialState);
  // The controller reads state right after dispatching; React applies the reducer later. A mirror
  // updated by the same pure reducer gives it the state as it will be rendered.
  const stateRef = useRef(state);
  const dispatch = useMemo(
    () => (action: Action) => {
      stateRef.current = reducer(stateRef.current, action);
      reactDispatch(action);
    },
    [],
  );
  const [pack, setPack] = useState('national');
  const [localRules, setLocalRules] = useState<RuleSet | null>(null);
  // While local rules load (the linter's chunk, the files, the lint), a check would run the rules they replace.
  const [rulesLoading, setRulesLoading] = useState(false);
  const rulesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // Chromium, Edge and WebView2 pick folders with webkitdirectory; React does not know the attribute.
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);
  // Local rule files replace the bundled ones and their packs; the catalogue and the worker use the same.
  const bundled = useMemo(() => bundledRuleSet(rules, pack), [rules, pack]);
  const built = localRules ?? bundled;
  // One worker for the pane's life; the check runs there so the page keeps responding.
  const worker = useMemo(() => startWorker(), []);
  useEffect(() => () => worker?.terminate(), [worker]);
  const controller = useMemo(() => {
    const { catalogue } = built;
    if (!port || !catalogue) return null;
    const checker = worker ? workerChecker(worker, { ...built, catalogue }) : undefined;
    return new PaneController(port, catalogue, dispatch, () => stateRef.current, checker);
  }, [port, built, dispatch, worker]);

  useEffect(() => {
    if (stateRef.current.lang === lang) return;
    dispatch({ type: 'lang', lang });
    // Findings are written in the language of the check: check again to speak the new one.
    if (stateRef.current.report) void controller?.check();
  }, [lang, dispatch, controller]);
  const lastPort = useRef(port);
  useEffect(() => {
    if (lastPort.current !== port) dispatch({ type: 'reset' });
    lastPort.current = port;
  }, [port, dispatch]);
  useEffect(() => {
    void controller?.start();
    // A new controller (another pack, local rules) takes over auto re-check; the old one lets go.
    if (controller && stateRef.current.autoRecheck) void controller.setAutoRecheck(true);
    return () => void controller?.dispose();
  }, [controller]);
  // Alt+↓ / Alt+↑ step through the findings from anywhere in the pane.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || !controller) return;
      e.preventDefault();
      void controller.step(e.key === 'ArrowDown' ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controller]);

  const counts = countsBySeverity(state);
  const families = countsByFamily(state);
  const groups = listGroups(state);
  // A repeated group shows three of its findings until opened (or until 下一处 reaches a later one).
  const shownOf = (g: (typeof groups)[number]) => {
    if (!g.repeated || expanded.has(g.key)) return g.findings;
    const at = g.findings.findIndex((f) => findingKey(f) === state.selectedFinding);
    return g.findings.slice(0, Math.max(3, at + 1));
  };
  const busy = state.phase === 'reading' || state.phase === 'checking' || state.phase === 'painting';
  // What the pane is waiting for, in words: a phase of the check, or the local rule files.
  const progress = busy ? PHASE_WORDS[state.phase] : rulesLoading ? 'loadingRules' : undefined;
  const safe = safeFixes(state);
  const tables = state.report?.tables ?? [];
  const missing = port?.missingFeatures() ?? [];

  const loadLocalRules = async (files: FileList | null) => {
    if (!files?.length) return;
    setRulesLoading(true);
    try {
      // The linter comes with this module: opening the pane never loads it.
      const { kindOf, localRuleSet, overBundled } = await import('./local-rules.js');
      const sources = await Promise.all(
        [...files].filter((f) => f.name.endsWith('.json') && f.name !== 'schema.json' && !f.name.endsWith('.schema.json')).map(async (f) => {
          const path = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
          return { file: path, text: await f.text(), kind: kindOf(path) };
        }),
      );
      setLocalRules(localRuleSet(overBundled(sources)));
    } finally {
      setRulesLoading(false);
    }
  };

  return (
    <div className={s.pane} data-testid="pane" lang={lang === 'zh-CN' ? 'zh-CN' : 'en'}>
      <div className={s.header}>
        <Text size={500} weight="semibold">
          {t(lang, 'title')}
        </Text>
        {onLang && (
          <Button size="small" appearance="subtle" onClick={() => onLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="language">
            {t(lang, 'language')}
          </Button>
        )}
      </div>
      {toolbar}
      <div className={s.sticky} data-testid="actions">
        <div className={s.row}>
          <Button appearance="primary" disabled={!controller || busy || rulesLoading} onClick={() => void controller?.check()} data-testid="check">
            {state.report ? t(lang, 'recheck') : t(lang, 'check')}
          </Button>
          <Button disabled={!controller || busy || safe.length === 0} onClick={() => void controller?.apply(safe)} data-testid="apply-all-safe">
            {t(lang, 'applyAllSafe')} ({safe.length})
          </Button>
          <Button disabled={!controller || busy || !state.report} onClick={() => void controller?.clear()} data-testid="clear">
            {t(lang, 'clearMarks')}
          </Button>
        </div>
        {state.report && !holdingBack(state) && (
          <div className={s.row}>
            <Button size="small" disabled={!controller || busy} onClick={() => void controller?.step(-1)} data-testid="previous" title={t(lang, 'stepHint')}>
              ↑ {t(lang, 'previous')}
            </Button>
            <Button size="small" disabled={!controller || busy} onClick={() => void controller?.step(1)} data-testid="next" title={t(lang, 'stepHint')}>
              ↓ {t(lang, 'next')}
            </Button>
            {controller && actions?.({ controller, report: state.report, catalogue: built.catalogue as Catalogue, busy })}
          </div>
        )}
      </div>
      <ToggleButton size="small" appearance="subtle" style={{ alignSelf: 'flex-start' }} checked={advanced} onClick={() => setAdvanced((a) => !a)} aria-expanded={advanced} data-testid="advanced">
        {advanced ? '▾' : '▸'} {t(lang, 'advanced')}
      </ToggleButton>
      <div className={s.row} style={advanced ? undefined : { display: 'none' }}>
        <Text size={200} className={s.muted}>
          {t(lang, 'rules')}
        </Text>
        <Select size="small" aria-label={t(lang, 'pack')} value={localRules ? '__local' : pack} onChange={(_, d) => (d.value === '__local' ? undefined : (setLocalRules(null), setPack(d.value)))} data-testid="pack">
          {built.packs.map((p) => (
            <option key={p.name} value={p.name}>
              {p.title[lang]}
            </option>
          ))}
          {localRules && <option value="__local">{t(lang, 'localRules')}</option>}
        </Select>
        <input ref={rulesInput} type="file" accept=".json" multiple style={{ display: 'none' }} onChange={(e) => {
            // Cleared after reading, so choosing the same (edited) file again loads it again.
            void loadLocalRules(e.target.files).then(() => (e.target.value = ''));
          }} data-testid="local-rules" />
        <Button size="small" appearance="subtle" onClick={() => rulesInput.current?.click()}>
          {t(lang, 'localRules')}
        </Button>
        <input
          ref={folderInput}
          type="file"
          multiple
          style={{ display: 'none' }}
          onChange={(e) => {
            void loadLocalRules(e.target.files).then(() => (e.target.value = ''));
          }}
          data-testid="local-rules-folder"
        />
        <Button size="small" appearance="subtle" onClick={() => folderInput.current?.click()}>
          {t(lang, 'localRulesFolder')}
        </Button>
      </div>
      {built.diagnostics.length > 0 && (
        <MessageBar intent="error" data-testid="rule-problems">
          <MessageBarBody>
            {t(lang, 'err.rules')}
            {built.diagnostics.slice(0, 5).map((d) => (
              <div key={`${d.file}:${d.line}:${d.column}`}>{`${d.file}:${d.line}:${d.column} ${d.path} ${d.message}`}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Switch checked={state.autoRecheck} disabled={!controller || missing.includes('autoRecheck')} onChange={(_, d) => void controller?.setAutoRecheck(d.checked)} label={t(lang, 'autoRecheck')} style={advanced ? undefined : { display: 'none' }} />
      {progress && <ProgressBar thickness="large" data-testid="progress" aria-label={t(lang, progress)} />}
      {progress && <Text size={200} data-testid="progress-text">{t(lang, progress)}</Text>}
      {missing.length > 0 && (
        <MessageBar intent="warning" data-testid="old-excel">
          <MessageBarBody>
            {t(lang, 'oldExcel')}
            {missing.map((f) => `${t(lang, `feature.${f}`)}（ExcelApi ${FEATURE_SETS[f]}）`).join(lang === 'zh-CN' ? '、' : ', ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.error && (
        <MessageBar intent="error" data-testid="error">
          <MessageBarBody>
            {errorText(state.error, lang)}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => dispatch({ type: 'dismiss-error' })}>
              {t(lang, 'dismiss')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Divider style={{ flexGrow: 0 }} />
      {state.training && <TrainingPanel training={state.training} lang={lang} controller={controller} dispatch={dispatch} />}
      {!state.report && !busy && !state.training && <Text className={s.muted}>{t(lang, 'notChecked')}</Text>}
      {state.report && !holdingBack(state) && (
        <>
          <div role="status" aria-live="polite" className={s.visuallyHidden} data-testid="announce">
            {t(lang, 'announce', { error: counts.error, warning: counts.warning, info: counts.info })}
          </div>
          <Text size={200} className={s.muted} data-testid="tables-found">
            {tablesFoundText(lang, tables)}
          </Text>
          <div className={s.row} data-testid="summary">
            <ToggleButton size="small" checked={!state.severityFilter} onClick={() => dispatch({ type: 'filter-severity' })}>
              {t(lang, 'all')}
            </ToggleButton>
            {(['error', 'warning', 'info'] as Severity[]).map((sev) => (
              <ToggleButton key={sev} size="small" checked={state.severityFilter === sev} onClick={() => dispatch({ type: 'filter-severity', severity: state.severityFilter === sev ? undefined : sev })} data-testid={`count-${sev}`}>
                {t(lang, sev)} {counts[sev]}
              </ToggleButton>
            ))}
          </div>
          <div className={s.row}>
            {FAMILIES.filter((fam) => families[fam]).map((fam: Family) => (
              <ToggleButton key={fam} size="small" appearance="subtle" checked={state.familyFilter === fam} onClick={() => dispatch({ type: 'filter-family', family: state.familyFilter === fam ? undefined : fam })}>
                {t(lang, `family.${fam}` as WordKey)} {families[fam]}
              </ToggleButton>
            ))}
            <Switch checked={state.showIgnored} onChange={(_, d) => dispatch({ type: 'show-ignored', on: d.checked })} label={t(lang, 'showIgnored')} />
          </div>
          {groups.length === 0 && <Text data-testid="no-problems">{t(lang, 'noProblems')}</Text>}
          {groups.map((g) => {
            const shown = shownOf(g);
            return (
              <div key={g.key} className={s.group} data-testid="table-group" data-repeated={g.repeated ? g.repeated.tables : undefined}>
                <Text as="h3" weight="semibold" size={300} className={s.groupTitle}>
                  {g.repeated ? t(lang, 'repeated', { n: g.repeated.tables, title: ruleTitle(built.catalogue, g.repeated.ruleId, lang) }) : `${g.title ?? t(lang, 'workbookLevel')}${g.sheet ? `（${g.sheet}）` : ''} · ${g.findings.length}`}
                </Text>
                {shown.map((f, i) => {
                  const key = findingKey(f);
                  return (
                    <FindingCard
                      key={`${key}#${i}`}
                      finding={f}
                      lang={lang}
                      // The finding chosen (下一处, a click on its card), not every finding of its cell; a cell
                      // reached by a link outlines the findings there.
                      selected={state.selectedFinding !== undefined ? state.selectedFinding === key : state.selected === `${f.sheet}!${f.cell}`}
                      ignored={state.memory.ignored.includes(key)}
                      explanation={state.memory.explanations[key]}
                      onSelect={() => void controller?.select(f)}
                      onGoTo={(address) => void controller?.goTo(address)}
                      onApply={(fix) => void controller?.apply([fix])}
                      valueAt={(a) => controller?.valueAt(a) ?? null}
                      onIgnore={() => void controller?.ignore(key)}
                      onUnignore={() => void controller?.unignore(key)}
                      onExplain={(text) => void controller?.explain(key, text)}
                    />
                  );
                })}
                {shown.length < g.findings.length && (
                  <Button size="small" appearance="subtle" onClick={() => setExpanded((e) => new Set(e).add(g.key))} data-testid="show-repeated">
                    {t(lang, 'showAllRepeated', { n: g.findings.length })}
                  </Button>
                )}
              </div>
            );
          })}
        </>
      )}
    </div>
  );
}

export function Root(props: Omit<PaneProps, 'lang' | 'onLang'> & { initialLang: Lang; children?: (lang: Lang, setLang: (l: Lang) => void) => React.ReactNode }) {
  const [lang, setLang] = useState<Lang>(props.initialLang);
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      {props.children ? props.children(lang, setLang) : <Pane {...props} lang={lang} onLang={setLang} />}
    </FluentProvider>
  );
}

/** A rule's title, as its docs and the packs name it; its id where the catalogue has no such rule. */
function ruleTitle(catalogue: Catalogue | undefined, ruleId: string, lang: Lang): string {
  return catalogue?.rules.find((r) => r.id === ruleId)?.title[lang] ?? ruleId;
}
