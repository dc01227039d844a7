/** Training mode: the trainee marks the cells they think are wrong, then the answers are revealed and scored. */
import { Badge, Button, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../core/messages.js';
import { formerValue, score } from '../core/training.js';
import type { PaneController } from './controller.js';
import { t } from './i18n.js';
import type { Action, Training } from './state.js';

const useStyles = makeStyles({
  box: { border: `1px solid ${tokens.colorBrandStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '10px', backgroundColor: tokens.colorNeutralBackground1, display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '6px', flexWrap: 'wrap', alignItems: 'center' },
  answer: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: '8px' },
});

export function TrainingPanel({ training, lang, controller, dispatch }: { training: Training; lang: Lang; controller: PaneController | null; dispatch: (a: Action) => void }) {
  const s = useStyles();
  const n = training.answers.length;
  const result = score(training.answers, training.marks);
  return (
    <div className={s.box} data-testid="training">
      <Text weight="semibold">{t(lang, 'training.title')}</Text>
      <Text size={200}>{t(lang, 'training.intro', { n })}</Text>
      <div className={s.row}>
        <Button size="small" appearance="primary" onClick={() => void controller?.markSelected()} data-testid="mark">
          {t(lang, 'training.mark')}
        </Button>
        <Button size="small" disabled={training.revealed >= n} onClick={() => void controller?.revealNext()} data-testid="reveal">
          {t(lang, 'training.reveal')} ({training.revealed}/{n})
        </Button>
        <Button size="small" onClick={() => dispatch({ type: 'score' })} data-testid="score">
          {t(lang, 'training.score')}
        </Button>
        {!training.showAll && (
          <Button size="small" appearance="subtle" onClick={() => void controller?.showAll()} data-testid="show-all">
            {t(lang, 'training.showAll')}
          </Button>
        )}
      </div>
      {training.marks.length > 0 && (
        <div className={s.row} data-testid="marks">
          <Text size={200}>
            {t(lang, 'training.marks')}
            {lang === 'zh-CN' ? '：' : ': '}
          </Text>
          {training.marks.map((m) => (
            <Badge key={`${m.sheet}!${m.cell}`} appearance="outline" onClick={() => void (controller ? controller.unmark(m) : dispatch({ type: 'unmark', address: m }))} title="✕">
              {m.sheet}!{m.cell} ✕
            </Badge>
          ))}
        </div>
      )}
      {training.scored && (
        <MessageBar intent={result.missed.length === 0 && result.wrong.length === 0 ? 'success' : 'info'} data-testid="score-result">
          <MessageBarBody>{t(lang, 'training.result', { found: result.found.length, n, missed: result.missed.length, wrong: result.wrong.length })}</MessageBarBody>
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
            {a.original !== null && a.original !== a.planted ? bracketed(`${t(lang, 'training.was')} ${formerValue(a.original, a.planted)}`, lang) : ''}
          </Text>
        </div>
      ))}
    </div>
  );
}

/** An aside in the language's brackets: （…） in Chinese, ( … ) after a space in English. */
const bracketed = (text: string, lang: Lang) => (lang === 'zh-CN' ? `（${text}）` : ` (${text})`);
