/** Recognises what a file really is from its first bytes, before handing it to ExcelJS. Runs in Node and browsers. */
import { SourceError } from '../core/source-error.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** Does `haystack` contain `needle` anywhere? */
function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** UTF-16LE bytes of an ASCII name, as OLE directory entries store stream names. */
function utf16le(name: string): Uint8Array {
  const out = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) out[i * 2] = name.charCodeAt(i);
  return out;
}

function describe(buf: Uint8Array): { kind: string; kindEn: string } {
  const head = latin1(buf.subarray(0, 512));
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
    if (contains(buf, utf16le('EncryptionInfo'))) throw new SourceError('encrypted', { file });
    throw new SourceError('legacy-xls', { file });
  }
  if (startsWith(buf, EMPTY_ZIP)) throw new SourceError('corrupt', { file, detail: '空压缩包', detailEn: 'an empty zip archive' });
  if (!startsWith(buf, ZIP)) throw new SourceError('not-xlsx', { file, ...describe(buf) });
}
