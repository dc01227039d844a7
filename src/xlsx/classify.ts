/** Recognises what a file really is from its first bytes, before handing it to ExcelJS. */
import { SourceError } from '../core/source-error.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

function describe(buf: Uint8Array): { kind: string; kindEn: string } {
  const head = Buffer.from(buf.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF')) return { kind: ' PDF 文档', kindEn: 'a PDF document' };
  if (/^\s*<(!doctype html|html)/i.test(head)) return { kind: '网页（HTML）', kindEn: 'a web page (HTML)' };
  if (/^\s*<\?xml/i.test(head)) return { kind: ' XML 文本', kindEn: 'XML text' };
  const sample = buf.subarray(0, 512);
  const binary = sample.some((b) => b === 0);
  return binary ? { kind: '无法识别的二进制数据', kindEn: 'unrecognised binary data' } : { kind: '纯文本', kindEn: 'plain text' };
}

/** Throws a SourceError for anything that cannot be an .xlsx package. */
export function assertLooksLikeXlsx(file: string, buf: Uint8Array): void {
  if (buf.length === 0) throw new SourceError('empty-file', { file });
  if (startsWith(buf, CFB)) {
    // Encrypted .xlsx files are OLE compound files holding an "EncryptionInfo" stream.
    const utf16 = Buffer.from('EncryptionInfo', 'utf16le');
    if (Buffer.from(buf).includes(utf16)) throw new SourceError('encrypted', { file });
    throw new SourceError('legacy-xls', { file });
  }
  if (startsWith(buf, EMPTY_ZIP)) throw new SourceError('corrupt', { file, detail: '空压缩包', detailEn: 'an empty zip archive' });
  if (!startsWith(buf, ZIP)) throw new SourceError('not-xlsx', { file, ...describe(buf) });
}
