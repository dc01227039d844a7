/** One finding: where (a link that selects the cell), what is wrong, and what the user can do. */
import { Badge, Button, Link, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { CellAddress, Finding, Fix } from '../core/findings.js';
import type { Lang } from '../core/messages.js';
import { t } from './i18n.js';

const useStyles = makeStyles({
  card: {
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
    padding: '8px 10px',
    marginBottom: '8px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorder2 },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  ignored: { opacity: 0.55 },
  head: { display: 'flex', alignItems: 'center', gap: '6px', marginBottom: '4px', flexWrap: 'wrap' },
  message: { display: 'block', lineHeight: '1.45' },
  actions: { display: 'flex', gap: '6px', marginTop: '6px', flexWrap: 'wrap', alignItems: 'center' },
  explanation: { marginTop: '6px', display: 'flex', flexDirection: 'column', gap: '4px' },
  basis: { marginTop: '4px', color: tokens.colorNeutralForeground2, '& summary': { cursor: 'pointer', fontSize: tokens.fontSizeBase200 } },
  candidates: { marginTop: '6px', display: 'flex', flexDirection: 'column', gap: '2px' },
  confirm: { marginTop: '6px', padding: '6px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3 },
});

/** "…为 187.45，应为 178.45。依据：…" → the one-line headline, and the reasoning shown on request. */
function splitBasis(message: string): [string, string | undefined] {
  const at = message.search(/依据：|Because: /);
  if (at <= 0) return [message, undefined];
  return [message.slice(0, at).trim(), message.slice(at).replace(/^(依据：|Because: )/, '').trim()];
}

const short = (v: unknown) => (String(v).length > 24 ? `${String(v).slice(0, 24)}…` : String(v));

/** Related cells named on a card before the rest are counted (a total's 35 parts would bury the message). */
const RELATED_SHOWN = 6;

const SEVERITY_COLOUR = { error: 'danger', warning: 'warning', info: 'informative' } as const;

export interface FindingCardProps {
  finding: Finding;
  lang: Lang;
  selected: boolean;
  ignored: boolean;
  explanation?: string;
  onSelect: () => void;
  /** Selects another cell the finding names (a related cell, a candidate the person chooses between). */
  onGoTo: (address: CellAddress) => void;
  /** Writes a fix (then the workbook is checked again). */
  onApply: (fix: Fix) => void;
  /** The cell's value when last read, shown as "before" when a change needs confirming. */
  valueAt: (address: CellAddress) => string | number | boolean | null;
  onIgnore: () => void;
  onUnignore: () => void;
  onExplain: (text: string) => void;
}

export function FindingCard(p: FindingCardProps) {
  const s = useStyles();
  const [editing, setEditing] = useState(false);
  const [showAllRelated, setShowAllRelated] = useState(false);
  const [confirming, setConfirming] = useState<Fix | null>(null);
  const card = useRef<HTMLDivElement>(null);
  // Stepping with 下一处 brings the card into view.
  useEffect(() => {
    if (p.selected) card.current?.scrollIntoView({ block: 'nearest' });
  }, [p.selected]);
  const [text, setText] = useState(p.explanation ?? '');
  const f = p.finding;
  const where = f.sheet ? `${f.sheet}!${f.cell ?? ''}` : t(p.lang, 'workbookLevel');
  const [headline, basis] = splitBasis(f.message);
  return (
    <div
      ref={card}
      className={[s.card, s[f.severity], p.selected ? s.selected : '', p.ignored ? s.ignored : ''].join(' ')}
      data-testid="finding"
      data-cell={f.sheet ? `${f.sheet}!${f.cell}` : ''}
      data-rule={f.ruleId}
      data-severity={f.severity}
      data-selected={p.selected ? 'yes' : undefined}
    >
      <div className={s.head}>
        <Badge appearance="filled" color={SEVERITY_COLOUR[f.severity]} size="small">
          {t(p.lang, `one.${f.severity}`)}
        </Badge>
        {f.sheet && f.cell ? (
          <Link onClick={p.onSelect} data-testid="goto" title={where}>
            {where}
          </Link>
        ) : (
          <Text weight="semibold">{where}</Text>
        )}
        {p.explanation && <Badge appearance="tint" color="success" size="small">{t(p.lang, 'explained')}</Badge>}
      </div>
      <Text className={s.message} size={300} data-testid="headline">
        {headline}
      </Text>
      {p.explanation && !editing && (
        // The reason given is read on the card, as it is kept in the workbook, not hidden behind a badge.
        <Text size={200} data-testid="explanation-text">
          {t(p.lang, 'explanationLabel')}
          {p.explanation}
        </Text>
      )}
      {basis && (
        <details className={s.basis} data-testid="basis">
          <summary>{t(p.lang, 'basis')}</summary>
          <Text size={200}>{basis}</Text>
        </details>
      )}
      {f.related && f.related.length > 0 && (
        <div className={s.actions} data-testid="related">
          <Text size={200}>{t(p.lang, 'related')}</Text>
          {(showAllRelated ? f.related : f.related.slice(0, RELATED_SHOWN)).map((c) => (
            <Link key={`${c.sheet}!${c.cell}`} onClick={() => p.onGoTo(c)} data-testid="related-cell" data-cell={`${c.sheet}!${c.cell}`}>
              {c.sheet}!{c.cell}
            </Link>
          ))}
          {!showAllRelated && f.related.length > RELATED_SHOWN && (
            <Link onClick={() => setShowAllRelated(true)} data-testid="more-related">
              {t(p.lang, 'moreRelated', { n: f.related.length - RELATED_SHOWN })}
            </Link>
          )}
        </div>
      )}
      {f.candidates && f.candidates.length > 0 && (
        <div className={s.candidates} data-testid="candidates">
          <Text size={200}>{t(p.lang, 'candidates')}</Text>
          {f.candidates.map((c) => (
            <div key={`${c.sheet}!${c.cell}`} className={s.actions}>
              <Link onClick={() => p.onGoTo(c)} data-testid="candidate" data-cell={`${c.sheet}!${c.cell}`}>
                {c.sheet}!{c.cell} → {String(c.value)}
              </Link>
              {!p.ignored && (
                <Button size="small" onClick={() => setConfirming({ sheet: c.sheet, cell: c.cell, value: c.value, safety: 'unsafe' })} data-testid="choose-candidate">
                  {t(p.lang, 'chooseCandidate')}
                </Button>
              )}
            </div>
          ))}
        </div>
      )}
      <div className={s.actions}>
        {/* One click only for a fix the evidence agrees on; an unsafe one shows before and after first; a reference value is never applied. */}
        {f.fix && f.fix.safety !== 'display-only' && !p.ignored && (
          <Button
            size="small"
            appearance={f.fix.safety === 'safe' ? 'primary' : undefined}
            onClick={() => (f.fix!.safety === 'safe' ? p.onApply(f.fix!) : setConfirming(f.fix!))}
            data-testid="apply-fix"
            title={`${f.fix.sheet}!${f.fix.cell}`}
          >
            {/* An unsafe fix opens a confirmation: said in its words, not by an ellipsis after the value, which reads as cut short. */}
            {t(p.lang, f.fix.safety === 'safe' ? 'applyFix' : 'reviewFix')}：{t(p.lang, 'fixTo')} {short(f.fix.value)}
          </Button>
        )}
        {f.fix && (
          <Badge appearance="outline" size="small">
            {t(p.lang, f.fix.safety)}
            {f.fix.safety === 'display-only' && `：${short(f.fix.value)}`}
          </Badge>
        )}
        {f.severity !== 'error' && (
          <Button size="small" onClick={() => setEditing((e) => !e)} data-testid="explain">
            {t(p.lang, 'explain')}
          </Button>
        )}
        {p.ignored ? (
          <Button size="small" appearance="subtle" onClick={p.onUnignore}>
            {t(p.lang, 'unignore')}
          </Button>
        ) : (
          <Button size="small" appearance="subtle" onClick={p.onIgnore} data-testid="ignore">
            {t(p.lang, 'ignore')}
          </Button>
        )}
      </div>
      {confirming && (
        <div className={s.confirm} role="group" aria-label={t(p.lang, 'confirmFix')} data-testid="confirm-fix">
          <Text size={200}>
            {t(p.lang, 'confirmFix')} {confirming.sheet}!{confirming.cell}：{short(p.valueAt(confirming) ?? '')} → <b>{short(confirming.value)}</b>
          </Text>
          <div className={s.actions}>
            <Button
              size="small"
              appearance="primary"
              data-testid="confirm-apply"
              onClick={() => {
                p.onApply(confirming);
                setConfirming(null);
              }}
            >
              {t(p.lang, 'confirmApply')}
            </Button>
            <Button size="small" onClick={() => setConfirming(null)}>
              {t(p.lang, 'cancel')}
            </Button>
          </div>
        </div>
      )}
      {editing && (
        <div className={s.explanation}>
          <Textarea value={text} onChange={(_, d) => setText(d.value)} placeholder={t(p.lang, 'explanationPlaceholder')} resize="vertical" />
          <Button
            size="small"
            onClick={() => {
              p.onExplain(text);
              setEditing(false);
            }}
          >
            {t(p.lang, 'save')}
          </Button>
        </div>
      )}
    </div>
  );
}
