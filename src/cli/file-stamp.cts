/**
 * A file as the file system saw it: its size and modification time. What the build prepares (the rule
 * catalogue, the CLI bundle and its code cache) is trusted while the stamps written with it still hold.
 */
import { statSync } from 'node:fs';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export function fileStamp(file: string): FileStamp | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return { size, mtimeMs };
  } catch {
    return undefined;
  }
}

export const sameStamp = (a: FileStamp | undefined, b: FileStamp | undefined): boolean =>
  !!a && !!b && a.size === b.size && a.mtimeMs === b.mtimeMs;
