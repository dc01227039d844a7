/** Reads an .xlsx file from disk into the grid. The file is read once into memory and never written. */
import { readFile, stat } from 'node:fs/promises';
import type { GridWorkbook } from '../core/grid.js';
import { SourceError } from '../core/source-error.js';
import { zlibInflate } from './inflate-node.js';
import { bufferToGrid, type ReadOptions } from './read.js';

export async function readWorkbookFile(file: string, options: ReadOptions = {}): Promise<GridWorkbook> {
  let buf: Buffer;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new SourceError('is-directory', { file });
    buf = await readFile(file);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SourceError('not-found', { file });
    if (code === 'EISDIR') throw new SourceError('is-directory', { file });
    throw new SourceError('unreadable', { file, detail: code ?? String(e) });
  }
  return readWorkbookBuffer(file, buf, options);
}

/** Bytes already in memory, read in Node (zlib inflates). */
export function readWorkbookBuffer(file: string, buf: Uint8Array, options: ReadOptions = {}): Promise<GridWorkbook> {
  return bufferToGrid(file, buf, { inflate: zlibInflate, ...options });
}
