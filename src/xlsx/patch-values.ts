/**
 * A copy of an .xlsx with some cell values changed and every other byte kept: the parts not touched
 * are copied still compressed, and in the sheets touched only the changed cells' XML is rewritten
 * (their style attribute kept). Demo mode's 下载修正后的工作簿 uses it; ExcelJS would rewrite the
 * whole package and drop what it does not model.
 */
import { fromA1 } from '../core/address.js';
import type { CellAddress } from '../core/findings.js';
import { DEFAULT_LIMITS } from './reader/limits.js';
import { officeDocumentPart, parseRelationships, parseWorkbook } from './reader/parts.js';
import { folderOf, PartReader, relsPartOf } from './reader/workbook.js';
import { rootPrefix } from './reader/xml.js';
import { normalizePartName, ZipArchive, type Inflate } from './zip.js';
import { copiedEntry, deflatedEntry, writeZip, type WriteEntry } from './zip-write.js';

export type CellChange = CellAddress & { value: number | string };

/** A change the file cannot take as it stands: a formula cell, or a sheet that is not in it. */
export class PatchRefused extends Error {
  constructor(readonly address: string, readonly reason: 'formula' | 'no-sheet') {
    super(`${address}: ${reason}`);
    this.name = 'PatchRefused';
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cellXml(p: string, ref: string, style: string | undefined, value: number | string): string {
  const s = style ? ` s="${style}"` : '';
  return typeof value === 'number'
    ? `<${p}c r="${ref}"${s}><${p}v>${value}</${p}v></${p}c>`
    : `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value)}</${p}t></${p}is></${p}c>`;
}

/** Sets one cell's value in a sheet's XML: the cell rewritten in place, or inserted in its row in column order. */
export function setCellValue(xml: string, p: string, ref: string, value: number | string, where: string): string {
  const cell = new RegExp(`<${p}c\\b[^>]*?\\sr="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`).exec(xml);
  if (cell) {
    if (cell[0].includes(`<${p}f`)) throw new PatchRefused(where, 'formula');
    const style = /\ss="(\d+)"/.exec(cell[0].slice(0, cell[0].indexOf('>')))?.[1];
    return xml.slice(0, cell.index) + cellXml(p, ref, style, value) + xml.slice(cell.index + cell[0].length);
  }
  const { row, col } = fromA1(ref);
  const newCell = cellXml(p, ref, undefined, value);
  const rowTag = new RegExp(`<${p}row\\b[^>]*?\\sr="${row}"[^>]*?(/>|>)`).exec(xml);
  if (rowTag) {
    if (rowTag[1] === '/>') {
      const open = rowTag[0].slice(0, -2) + '>';
      return xml.slice(0, rowTag.index) + `${open}${newCell}</${p}row>` + xml.slice(rowTag.index + rowTag[0].length);
    }
    const end = xml.indexOf(`</${p}row>`, rowTag.index);
    const body = xml.slice(rowTag.index + rowTag[0].length, end);
    // Before the first cell to its right.
    let at = body.length;
    for (const m of body.matchAll(new RegExp(`<${p}c\\b[^>]*?\\sr="([A-Z]+\\d+)"`, 'g'))) {
      if (fromA1(m[1]!).col > col) {
        at = m.index;
        break;
      }
    }
    const start = rowTag.index + rowTag[0].length;
    return xml.slice(0, start + at) + newCell + xml.slice(start + at);
  }
  const newRow = `<${p}row r="${row}">${newCell}</${p}row>`;
  const empty = xml.indexOf(`<${p}sheetData/>`);
  if (empty >= 0) return xml.slice(0, empty) + `<${p}sheetData>${newRow}</${p}sheetData>` + xml.slice(empty + `<${p}sheetData/>`.length);
  for (const m of xml.matchAll(new RegExp(`<${p}row\\b[^>]*?\\sr="(\\d+)"`, 'g'))) {
    if (Number(m[1]) > row) return xml.slice(0, m.index) + newRow + xml.slice(m.index);
  }
  const close = xml.indexOf(`</${p}sheetData>`);
  return xml.slice(0, close) + newRow + xml.slice(close);
}

/** Asks Excel to recalculate on opening, so formulas over the changed cells show new results. */
function recalculateOnLoad(workbookXml: string): string {
  return workbookXml.replace(/<((?:\w+:)?calcPr)\b([^>]*?)(\/?)>/, (whole, tag: string, attrs: string, slash: string) =>
    /fullCalcOnLoad=/.test(attrs) ? whole : `<${tag}${attrs} fullCalcOnLoad="1"${slash}>`,
  );
}

export async function patchValues(bytes: Uint8Array, changes: CellChange[], inflate: Inflate): Promise<Uint8Array> {
  const zip = new ZipArchive(bytes, inflate);
  const parts = new PartReader(zip, DEFAULT_LIMITS);
  const main = officeDocumentPart(await parts.text('_rels/.rels')) ?? 'xl/workbook.xml';
  const workbookXml = (await parts.text(main)) ?? '';
  const info = parseWorkbook(workbookXml, parseRelationships(await parts.text(relsPartOf(main)), folderOf(main)));
  const rewritten = new Map<string, string>();
  for (const change of changes) {
    const where = `${change.sheet}!${change.cell}`;
    const part = info.sheets.find((s) => s.name === change.sheet)?.part;
    if (!part) throw new PatchRefused(where, 'no-sheet');
    const key = normalizePartName(part);
    const xml = rewritten.get(key) ?? (await parts.text(part))!;
    rewritten.set(key, setCellValue(xml, rootPrefix(xml), change.cell, change.value, where));
  }
  if (changes.length) rewritten.set(normalizePartName(main), recalculateOnLoad(workbookXml));
  const utf8 = new TextEncoder();
  const entries: WriteEntry[] = [];
  for (const { entry, data } of zip.rawEntries()) {
    const xml = rewritten.get(normalizePartName(entry.name));
    entries.push(xml === undefined ? copiedEntry(entry, data) : await deflatedEntry(entry.name, utf8.encode(xml)));
  }
  return writeZip(entries);
}
