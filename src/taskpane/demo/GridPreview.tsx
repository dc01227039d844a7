/** Demo mode's view of the workbook: sheet tabs and cells, with the pane's highlights painted on them. */
import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { columnLetters, fromA1, toA1 } from '../../core/address.js';
import { cellAt, MergeIndex } from '../../core/grid.js';
import { HIGHLIGHT_COLOURS } from '../../core/workbook-port.js';
import type { DemoView } from './demo-workbook.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minWidth: 0, maxWidth: '100%' },
  tabs: { overflowX: 'auto', minWidth: 0, flexShrink: 0 },
  scroller: { overflow: 'auto', flex: 1, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: '#fff', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  table: { borderCollapse: 'collapse', fontSize: '12px', fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif' },
  head: { position: 'sticky', top: 0, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, fontWeight: 400, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '1px 4px', zIndex: 1 },
  rowHead: { position: 'sticky', left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '1px 4px', textAlign: 'right' },
  // The corner above the row numbers stays over both the column letters and the row numbers as the grid scrolls either way.
  corner: { left: 0, zIndex: 2 },
  cell: { border: `1px solid #e1e1e1`, padding: '2px 4px', maxWidth: '260px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: '20px' },
  number: { textAlign: 'right' },
  selected: { outline: '2px solid #217346', outlineOffset: '-2px' },
  changed: { fontWeight: 700, color: '#217346' },
  // Excel's name box and formula bar: the selected cell's whole text, which its column may cut short.
  cellBar: { display: 'flex', gap: '8px', flexShrink: 0, fontSize: '12px', padding: '2px 4px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderBottom: 'none', backgroundColor: '#fff', maxHeight: '4.5em', overflowY: 'auto' },
  cellName: { color: tokens.colorNeutralForeground3, minWidth: '3.5em', flexShrink: 0 },
  cellText: { whiteSpace: 'pre-wrap', wordBreak: 'break-all' },
});

export function GridPreview({ view, onSelect }: { view: DemoView; onSelect?: (address: { sheet: string; cell: string }) => void }) {
  const s = useStyles();
  const [sheetName, setSheetName] = useState(view.grid.sheets[0]?.name ?? '');
  const scroller = useRef<HTMLDivElement>(null);
  // Hidden sheets (a training workbook's answer key among them) stay hidden, as in Excel.
  const visible = view.grid.sheets.filter((x) => !x.hidden);
  const sheet = visible.find((x) => x.name === sheetName) ?? visible[0];

  // Jump to the selected finding's sheet and cell.
  useEffect(() => {
    if (view.selected) setSheetName(view.selected.sheet);
  }, [view.selected, view.version]);
  useEffect(() => {
    if (!view.selected || view.selected.sheet !== sheet?.name) return;
    // Scroll the grid only: scrollIntoView would scroll the page (and the pane) too.
    const box = scroller.current;
    const cell = box?.querySelector<HTMLElement>(`[data-a1="${view.selected.cell}"]`);
    if (!box || !cell) return;
    box.scrollTop = Math.max(0, cell.offsetTop - box.clientHeight / 2);
    box.scrollLeft = Math.max(0, cell.offsetLeft - box.clientWidth / 2);
  }, [view.selected, view.version, sheet?.name]);

  const paint = useMemo(() => new Map(view.highlights.filter((h) => h.sheet === sheet?.name).map((h) => [h.cell, HIGHLIGHT_COLOURS[h.severity]])), [view.highlights, sheet?.name]);
  const merges = useMemo(() => new MergeIndex(sheet?.merges ?? []), [sheet]);
  if (!sheet) return null;
  const width = Math.min(30, Math.max(1, ...sheet.rows.map((r) => r?.length ?? 0)));
  const changed = new Set(view.changed);

  return (
    <div className={s.root} data-testid="grid-preview">
      <TabList className={s.tabs} selectedValue={sheet.name} onTabSelect={(_, d) => setSheetName(String(d.value))} size="small">
        {visible.map((x) => (
          <Tab key={x.name} value={x.name} data-testid={`sheet-tab-${x.name}`}>
            {x.name}
          </Tab>
        ))}
      </TabList>
      {view.selected?.sheet === sheet.name && (
        <div className={s.cellBar} data-testid="cell-bar">
          <span className={s.cellName}>{view.selected.cell}</span>
          <span className={s.cellText}>{cellAt(view.grid, sheet.name, view.selected.cell)?.text ?? ''}</span>
        </div>
      )}
      <div
        className={s.scroller}
        ref={scroller}
        tabIndex={0}
        role="grid"
        aria-label={sheet.name}
        data-testid="preview-grid"
        onKeyDown={(e) => {
          // Arrow keys move the selected cell, so training works without a mouse.
          const move = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
          if (!move || e.altKey) return;
          e.preventDefault();
          const at = view.selected?.sheet === sheet.name ? fromA1(view.selected.cell) : { row: 0, col: 1 };
          // From a merged area, leave by its far edge; into one, land on its top-left cell (the one drawn).
          const here = merges.rangeAt(at.row, at.col);
          const from = { row: move[0]! > 0 && here ? here.bottom : at.row, col: move[1]! > 0 && here ? here.right : at.col };
          const row = Math.min(sheet.rows.length, Math.max(1, from.row + move[0]!));
          const col = Math.min(width, Math.max(1, from.col + move[1]!));
          const target = merges.master(row, col) ?? { row, col };
          onSelect?.({ sheet: sheet.name, cell: toA1(target.row, target.col) });
        }}
      >
        <table className={s.table}>
          <thead>
            <tr>
              <th className={`${s.head} ${s.corner}`} />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={s.head}>
                  {columnLetters(c + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, r) => (
              <tr key={r}>
                <th className={s.rowHead}>{r + 1}</th>
                {Array.from({ length: width }, (_, c) => {
                  const a1 = toA1(r + 1, c + 1);
                  // A merged area is drawn once, by its top-left cell spanning the rest.
                  if (merges.master(r + 1, c + 1)) return null;
                  const range = merges.rangeAt(r + 1, c + 1);
                  const cell = row?.[c];
                  const selected = view.selected?.sheet === sheet.name && view.selected.cell === a1;
                  const classes = [s.cell, typeof cell?.value === 'number' ? s.number : '', selected ? s.selected : '', changed.has(`${sheet.name}!${a1}`) ? s.changed : ''].join(' ');
                  return (
                    <td
                      key={c}
                      data-a1={a1}
                      data-highlight={paint.has(a1) ? 'yes' : undefined}
                      data-selected={selected ? 'yes' : undefined}
                      aria-selected={selected}
                      className={classes}
                      style={paint.has(a1) ? { backgroundColor: paint.get(a1) } : undefined}
                      colSpan={range ? range.right - range.left + 1 : undefined}
                      rowSpan={range ? range.bottom - range.top + 1 : undefined}
                      title={cell?.text}
                      onClick={() => onSelect?.({ sheet: sheet.name, cell: a1 })}
                    >
                      {cell?.text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
