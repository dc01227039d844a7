/** Training mode: the trainee marks the cells they think are wrong, then the answers are revealed and scored. */
import { Badge, Button, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../core/messages.js';
import { score } from '../core/training.js';
import type { PaneController } from './controller.js';
import type { Action, Training } from './state.js';

const useStyles = makeStyles({
  box: { border: `1px solid ${tokens.colorBrandStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '10px', backgroundColor: tokens.colorNeutralBackground1, display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', alignItems: 'center' },
  answer: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: '8px' },
});

const W = {
  title: { 'zh-CN': '培训模式', en: 'Training' },
  intro: { 'zh-CN': '这是一个练习工作簿，其中有 {n} 处错误。先自己找：选中你认为有错的单元格，点“标记所选单元格”。', en: 'This training workbook holds {n} mistakes. Find them: select a cell you think is wrong and press Mark selected cell.' },
  mark: { 'zh-CN': '标记所选单元格', en: 'Mark selected cell' },
  marks: { 'zh-CN': '已标记', en: 'Marked' },
  reveal: { 'zh-CN': '揭晓下一处', en: 'Reveal the next' },
  score: { 'zh-CN': '评分', en: 'Score' },
  showAll: { 'zh-CN': '显示全部检查结果', en: 'Show every finding' },
  result: { 'zh-CN': '找对 {found} / {n} 处，漏掉 {missed} 处，标错 {wrong} 处。', en: 'Found {found} of {n}, missed {missed}, marked {wrong} cells that were right.' },
  was: { 'zh-CN': '原为', en: 'was' },
} as const;

const w = (lang: Lang, key: keyof typeof W, p: Record<string, number> = {}) => W[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));

export function TrainingPanel({ training, lang, controller, dispatch }: { training: Training; lang: Lang; controller: PaneController | null; dispatch: (a: Action) => void }) {
  const s = useStyles();
  const n = training.answers.length;
  const result = score(training.answers, training.marks);
  return (
    <div className={s.box} data-testid="training">
      <Text weight="semibold">{w(lang, 'title')}</Text>
      <Text size={200}>{w(lang, 'intro', { n })}</Text>
      <div className={s.row}>
        <Button size="small" appearance="primary" onClick={() => void controller?.markSelected()} data-testid="mark">
          {w(lang, 'mark')}
        </Button>
        <Button size="small" disabled={training.revealed >= n} onClick={() => void controller?.revealNext()} data-testid="reveal">
          {w(lang, 'reveal')} ({training.revealed}/{n})
        </Button>
        <Button size="small" onClick={() => dispatch({ type: 'score' })} data-testid="score">
          {w(lang, 'score')}
        </Button>
        {!training.showAll && (
          <Button size="small" appearance="subtle" onClick={() => void controller?.showAll()} data-testid="show-all">
            {w(lang, 'showAll')}
          </Button>
        )}
      </div>
      {training.marks.length > 0 && (
        <div className={s.row} data-testid="marks">
          <Text size={200}>{w(lang, 'marks')}：</Text>
          {training.marks.map((m) => (
            <Badge key={`${m.sheet}!${m.cell}`} appearance="outline" onClick={() => dispatch({ type: 'unmark', address: m })} title="✕">
              {m.sheet}!{m.cell} ✕
            </Badge>
          ))}
        </div>
      )}
      {training.scored && (
        <MessageBar intent={result.missed.length === 0 && result.wrong.length === 0 ? 'success' : 'info'} data-testid="score-result">
          <MessageBarBody>{w(lang, 'result', { found: result.found.length, n, missed: result.missed.length, wrong: result.wrong.length })}</MessageBarBody>
        </MessageBar>
      )}
      {training.answers.slice(0, training.revealed).map((a, i) => (
        <div key={`${a.sheet}!${a.cell}`} className={s.answer} data-testid="answer">
          <Text weight="semibold">
            {i + 1}. {a.name}{' '}
          </Text>
          <Link onClick={() => void controller?.goTo({ sheet: a.sheet, cell: a.cell })}>
            {a.sheet}!{a.cell}
          </Link>
          {result.found.includes(a) && <Badge color="success" size="small">✓</Badge>}
          <Text size={200} block>
            {a.explanation}
            {a.original !== null && a.original !== a.planted ? `（${w(lang, 'was')} ${String(a.original)}）` : ''}
          </Text>
        </div>
      ))}
    </div>
  );
}
