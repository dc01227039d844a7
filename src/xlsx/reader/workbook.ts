/**
 * .xlsx bytes → grid with our own reader: the zip directory first, then the workbook's sheet list,
 * shared strings and styles, then each sheet scanned in turn. Every limit is enforced on the way.
 * Runs in Node and browsers; the caller supplies the inflater.
 */
import type { GridSheet, GridWorkbook } from '../../core/grid.js';
import { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './limits.js';
import { officeDocumentPart, parseRelationships, parseSharedStrings, parseStyles, parseWorkbook } from './parts.js';
import { scanSheet } from './sheet.js';
import { decodeUtf8, ZipArchive, ZipLimit, type Inflate } from '../zip.js';
import { closesRoot, rootPrefix } from './xml.js';

export class NotAWorkbook extends Error {
  constructor(readonly parts: string[]) {
    super(`no workbook part in the package (parts: ${parts.slice(0, 5).join(', ')})`);
    this.name = 'NotAWorkbook';
  }
}

/** A part the package lists but lacks, or one cut short (its root never closed): the workbook is damaged. */
export class DamagedPart extends Error {
  constructor(
    readonly part: string,
    readonly missing: boolean,
    /** The sheet the part holds, when it is a sheet's. */
    readonly sheet?: string,
  ) {
    super(`${part} ${missing ? 'is missing' : 'is cut short'}${sheet === undefined ? '' : ` (sheet “${sheet}”)`}`);
    this.name = 'DamagedPart';
  }
}

/** How much of a part's end shows whether its root is closed, and of its start, which prefix the root has. */
const EDGE = 1024;

/** Throws DamagedPart unless the part (text, or bytes as inflated) ends with its root element closed. */
function assertWhole(data: string | Uint8Array, part: string, root: string, sheet?: string): void {
  const head = typeof data === 'string' ? data.slice(0, EDGE) : decodeUtf8(data.subarray(0, EDGE));
  const tail = typeof data === 'string' ? data.slice(-EDGE) : decodeUtf8(data.subarray(Math.max(0, data.length - EDGE)));
  if (!closesRoot(tail, rootPrefix(head), root)) throw new DamagedPart(part, false, sheet);
}

export function folderOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

/** Reads parts while keeping count of the bytes inflated, so the total stays under its limit too. */
export class PartReader {
  private total = 0;
  constructor(
    private readonly zip: ZipArchive,
    private readonly limits: ReadLimits,
  ) {}

  async text(part: string | undefined): Promise<string | undefined> {
    const data = await this.bytes(part);
    return data && decodeUtf8(data);
  }

  /** The part's bytes as inflated, for a scanner that reads them in place (a sheet). */
  async bytes(part: string | undefined): Promise<Uint8Array | undefined> {
    if (!part || !this.zip.has(part)) return undefined;
    const room = Math.min(this.limits.maxPartBytes, this.limits.maxTotalBytes - this.total);
    let data: Uint8Array | undefined;
    try {
      data = await this.zip.read(part, Math.max(0, room));
    } catch (e) {
      if (!(e instanceof ZipLimit)) throw e;
      const total = room < this.limits.maxPartBytes;
      throw new LimitExceeded(total ? 'total-bytes' : 'part-bytes', total ? this.limits.maxTotalBytes : this.limits.maxPartBytes, part);
    }
    // The bytes actually inflated count, not the size the zip's directory claims (it may lie).
    this.total += data?.length ?? 0;
    return data;
  }
}

export async function readXlsx(bytes: Uint8Array, inflate: Inflate, limits: ReadLimits = DEFAULT_LIMITS): Promise<GridWorkbook> {
  const zip = new ZipArchive(bytes, inflate);
  const parts = new PartReader(zip, limits);
  const main = officeDocumentPart(await parts.text('_rels/.rels')) ?? 'xl/workbook.xml';
  const workbookXml = await parts.text(main);
  if (workbookXml === undefined) throw new NotAWorkbook(zip.names());
  assertWhole(workbookXml, main, 'workbook');
  const info = parseWorkbook(workbookXml, parseRelationships(await parts.text(relsPartOf(main)), folderOf(main)));
  // Strings and styles cut short would leave cells blank or unformatted, without a word.
  const wholeText = async (part: string, root: string) => {
    const xml = await parts.text(part);
    if (xml !== undefined) assertWhole(xml, part, root);
    return xml;
  };
  const strings = parseSharedStrings(await wholeText(info.sharedStringsPart ?? `${folderOf(main)}sharedStrings.xml`, 'sst'));
  const styles = parseStyles(await wholeText(info.stylesPart ?? `${folderOf(main)}styles.xml`, 'styleSheet'));
  const cells = { count: 0 };
  const sheets: GridSheet[] = [];
  // Each sheet's part is asked for before the one before it is scanned: a large part inflates in the
  // background (inflate-node.ts) meanwhile. Asked for only once the previous one has arrived, so the
  // total-bytes limit still counts every part before the next is inflated.
  const askFor = (part: string | undefined) => {
    const bytes = parts.bytes(part);
    // Its failure is met where it is awaited; until then it must not count as unhandled.
    bytes.catch(() => undefined);
    return bytes;
  };
  let ahead = askFor(info.sheets[0]?.part);
  for (const [k, entry] of info.sheets.entries()) {
    const xml = await ahead;
    if (k + 1 < info.sheets.length) ahead = askFor(info.sheets[k + 1]!.part);
    // A sheet the workbook lists but the package lacks, or one cut short, is not read as an empty or a
    // shorter sheet: the check would report nothing of what is lost.
    if (entry.part === undefined || xml === undefined) throw new DamagedPart(entry.part ?? relsPartOf(main), true, entry.name);
    assertWhole(xml, entry.part, 'worksheet', entry.name);
    const sheet = scanSheet(entry.name, xml, { strings, styles, date1904: info.date1904, limits, cells });
    sheets.push(entry.hidden ? { ...sheet, hidden: true } : sheet);
  }
  return { sheets };
}
