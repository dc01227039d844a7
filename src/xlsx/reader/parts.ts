/** The workbook-level parts: sheet list, relationships, shared strings and cell styles. */
import { builtInFormat, isDateFormat } from './number-formats.js';
import { attributes, rootPrefix, startTags, stringItemText } from './xml.js';

export interface SheetEntry {
  name: string;
  /** Part name of the sheet's XML, e.g. "xl/worksheets/sheet1.xml". */
  part: string | undefined;
  hidden: boolean;
}

export interface Relationship {
  type: string;
  target: string;
}

/** Resolves a relationship target against the folder of the part that owns it ("xl/", "/xl/x.xml", "../x"). */
export function resolveTarget(ownerFolder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : ownerFolder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Relationships of a .rels part by id, targets resolved to part names. */
export function parseRelationships(xml: string | undefined, ownerFolder: string): Map<string, Relationship> {
  const out = new Map<string, Relationship>();
  if (!xml) return out;
  for (const { tag } of startTags(xml, `${rootPrefix(xml)}Relationship`)) {
    const a = attributes(tag);
    if (a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { type: a.Type ?? '', target: resolveTarget(ownerFolder, a.Target) });
  }
  return out;
}

/** The main part named by the package's root relationships (normally xl/workbook.xml). */
export function officeDocumentPart(rootRels: string | undefined): string | undefined {
  for (const rel of parseRelationships(rootRels, '').values()) if (rel.type.endsWith('/officeDocument')) return rel.target;
  return undefined;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStringsPart: string | undefined;
  stylesPart: string | undefined;
}

export function parseWorkbook(xml: string, rels: Map<string, Relationship>): WorkbookInfo {
  const p = rootPrefix(xml);
  const sheets: SheetEntry[] = [];
  for (const { tag } of startTags(xml, `${p}sheet`)) {
    const a = attributes(tag);
    const rel = rels.get(a.id ?? '');
    // Chart sheets and dialog sheets have no cells to check.
    const part = rel && rel.type.endsWith('/worksheet') ? rel.target : undefined;
    if (rel && !part) continue;
    sheets.push({ name: a.name ?? '', part, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
  }
  const pr = startTags(xml, `${p}workbookPr`).next().value;
  const date1904 = pr ? /^(1|true)$/.test(attributes(pr.tag).date1904 ?? '') : false;
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  return { sheets, date1904, sharedStringsPart: byType('/sharedStrings'), stylesPart: byType('/styles') };
}

export function parseSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const p = rootPrefix(xml);
  const out: string[] = [];
  const close = `</${p}si>`;
  for (const si of startTags(xml, `${p}si`)) {
    if (si.selfClosing) {
      out.push('');
      continue;
    }
    const end = xml.indexOf(close, si.end);
    out.push(stringItemText(xml.slice(si.end, end < 0 ? xml.length : end), p));
  }
  return out;
}

/** What a cell's style index (the `s` attribute) tells the checker. */
export interface CellStyle {
  numFmt?: string;
  isDate: boolean;
  indent?: number;
}

export function parseStyles(xml: string | undefined): CellStyle[] {
  if (!xml) return [];
  const p = rootPrefix(xml);
  const custom = new Map<number, string>();
  for (const { tag } of startTags(xml, `${p}numFmt`)) {
    const a = attributes(tag);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  }
  const start = xml.indexOf(`<${p}cellXfs`);
  if (start < 0) return [];
  const end = xml.indexOf(`</${p}cellXfs>`, start);
  const stop = end < 0 ? xml.length : end;
  const styles: CellStyle[] = [];
  const xfs = [...startTags(xml, `${p}xf`, start, stop)];
  xfs.forEach((xf, k) => {
    const a = attributes(xf.tag);
    const id = Number(a.numFmtId ?? 0);
    const numFmt = id ? (custom.get(id) ?? builtInFormat(id)) : undefined;
    let indent: number | undefined;
    if (!xf.selfClosing) {
      const until = k + 1 < xfs.length ? xfs[k + 1]!.start : stop;
      const al = startTags(xml, `${p}alignment`, xf.end, until).next().value;
      const n = al ? parseInt(attributes(al.tag).indent ?? '', 10) : NaN;
      if (n > 0) indent = n;
    }
    styles.push({ ...(numFmt && { numFmt }), isDate: isDateFormat(numFmt), ...(indent && { indent }) });
  });
  return styles;
}
