/**
 * How far V8 lets the heap grow between full collections, for a large workbook. V8 lets the old
 * generation reach up to four times what survived the last full collection; a large check leaves
 * much garbage that outlives the young generation (a sheet's recent rows, a table's index), so its
 * peak was that garbage. Capped at twice from the start of the read, the 3.6 MB bench sheet (509,117
 * cells) peaked at 251–272 MB instead of 279–294 MB, at the same median time.
 *
 * Only for large files, and once: after a V8 flag changes, V8 refuses code caches made under the old
 * flags (Node's own modules loaded later compile from source), about 13 ms that the sample's 0.35 s
 * check would notice and a large check does not.
 */
import { statSync } from 'node:fs';
import v8 from 'node:v8';

/** Bytes of .xlsx from which a workbook is large (the county consolidation is 394 KiB). */
export const LARGE_WORKBOOK_BYTES = 1024 * 1024;

let bounded = false;

/**
 * Caps the growth when any of the files is large. Call it on the main thread before workers start:
 * V8's flags belong to the whole process, the workers' heaps included.
 */
export async function boundHeapGrowthFor(files: readonly string[]): Promise<void> {
  if (bounded) return;
  for (const file of files) {
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size < LARGE_WORKBOOK_BYTES) continue;
    bounded = true;
    v8.setFlagsFromString('--heap-growing-percent=100');
    return;
  }
}
