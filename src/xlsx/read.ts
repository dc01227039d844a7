/**
 * .xlsx bytes → grid, with our own reader (reader/). Runs in Node and browsers: browsers inflate with
 * DecompressionStream, Node passes node:zlib (read-file.ts). Any failure becomes a SourceError that says,
 * in the user's words, what is wrong with the file.
 */
import type { GridWorkbook } from '../core/grid.js';
import { SourceError } from '../core/source-error.js';
import { assertLooksLikeXlsx } from './classify.js';
import { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './reader/limits.js';
import { DamagedPart, NotAWorkbook, readXlsx } from './reader/workbook.js';
import { streamInflate, ZipFormatError, type Inflate } from './zip.js';

export interface ReadOptions {
  inflate?: Inflate;
  limits?: Partial<ReadLimits>;
}

const MB = 1024 * 1024;

function describeLimit(e: LimitExceeded): { detail: string; detailEn: string } {
  switch (e.kind) {
    case 'part-bytes':
    case 'total-bytes':
      return {
        detail: `解压后超过 ${Math.round(e.limit / MB)} MB（${e.where}），可能是压缩炸弹`,
        detailEn: `more than ${Math.round(e.limit / MB)} MB when uncompressed (${e.where}); possibly a zip bomb`,
      };
    case 'cells':
      return { detail: `非空单元格超过 ${e.limit.toLocaleString('en')} 个（读到 ${e.where} 时）`, detailEn: `more than ${e.limit.toLocaleString('en')} non-empty cells (at ${e.where})` };
    case 'merge-area':
      return { detail: `合并区域 ${e.where} 超过 ${e.limit.toLocaleString('en')} 个单元格`, detailEn: `the merged range ${e.where} covers more than ${e.limit.toLocaleString('en')} cells` };
  }
}

/** Which part is damaged, in the user's words: a sheet by its name, another part by what it holds. */
function describeDamage(e: DamagedPart): { detail: string; detailEn: string } {
  const what = e.sheet !== undefined ? `工作表“${e.sheet}”` : PART_WORDS.find(([suffix]) => e.part.endsWith(suffix))?.[1] ?? `部件 ${e.part}`;
  const whatEn = e.sheet !== undefined ? `sheet “${e.sheet}”` : `part ${e.part}`;
  return e.missing
    ? { detail: `${what}的内容在压缩包里找不到，缺少部件 ${e.part}`, detailEn: `the content of ${whatEn} is missing: the package lacks ${e.part}` }
    : { detail: `${what}的内容在中途断开，部件 ${e.part} 不完整，可能在生成或传输时出错`, detailEn: `the content of ${whatEn} is cut short: ${e.part} is incomplete` };
}

const PART_WORDS: [string, string][] = [
  ['workbook.xml', '工作表目录'],
  ['sharedStrings.xml', '共享文字表'],
  ['styles.xml', '单元格格式表'],
  ['.rels', '部件关系表'],
];

export async function bufferToGrid(file: string, buf: Uint8Array, options: ReadOptions = {}): Promise<GridWorkbook> {
  assertLooksLikeXlsx(file, buf);
  try {
    return await readXlsx(buf, options.inflate ?? streamInflate, { ...DEFAULT_LIMITS, ...options.limits });
  } catch (e) {
    if (e instanceof LimitExceeded) throw new SourceError('too-large', { file, ...describeLimit(e) });
    if (e instanceof DamagedPart) throw new SourceError('corrupt', { file, ...describeDamage(e) });
    if (e instanceof NotAWorkbook) throw new SourceError('corrupt', { file, detail: '压缩包里没有 Excel 工作簿（可能是 Word 文档或其他文件）', detailEn: e.message });
    if (e instanceof ZipFormatError) {
      const truncated = /truncated|not found|damaged/.test(e.message);
      throw new SourceError('corrupt', { file, detail: truncated ? '文件不完整，可能在下载或复制时被截断' : '压缩包里的内容无法解压', detailEn: e.message });
    }
    throw new SourceError('corrupt', { file, detail: '压缩包里不是有效的 Excel 工作簿内容', detailEn: e instanceof Error ? e.message.slice(0, 160) : String(e) });
  }
}
