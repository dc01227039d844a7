/**
 * Reads an .xlsx file from disk into the grid. The file is read once into memory and never written.
 * Read synchronously: a check (or a batch worker) has nothing else to do meanwhile, and node:fs/promises
 * would be one more module to load before a small workbook's check (see lazy-fs.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import type { GridWorkbook } from '../core/grid.js';
import { SourceError } from '../core/source-error.js';
import { zlibInflate } from './inflate-node.js';
import { bufferToGrid, type ReadOptions } from './read.js';

export async function readWorkbookFile(file: string, options: ReadOptions = {}): Promise<GridWorkbook> {
  let buf: Buffer;
  try {
    const s = statSync(file);
    if (s.isDirectory()) throw new SourceError('is-directory', { file });
    buf = readFileSync(file);
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
