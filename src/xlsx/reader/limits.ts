/**
 * How much a workbook may ask of us. Checked while reading — part sizes before and during inflation,
 * cells as they are scanned, merge areas from their corners — so a hostile file is refused before
 * memory grows. The defaults sit far above any real budget workbook (a county consolidation is about
 * 50,000 cells; the ten-times benchmark workbook 509,000).
 */
export interface ReadLimits {
  /** Uncompressed bytes of any one part (a sheet's XML, the shared strings). */
  maxPartBytes: number;
  /** Uncompressed bytes of all parts read, together. */
  maxTotalBytes: number;
  /** Non-empty cells in the whole workbook. */
  maxCells: number;
  /** Cells covered by any one merged range. */
  maxMergeArea: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxPartBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  maxCells: 1_000_000,
  maxMergeArea: 2_000_000,
};

export type LimitKind = 'part-bytes' | 'total-bytes' | 'cells' | 'merge-area';

export class LimitExceeded extends Error {
  constructor(
    readonly kind: LimitKind,
    readonly limit: number,
    /** Where: a part name, or a sheet and range. */
    readonly where: string,
  ) {
    super(`${where}: over the ${kind} limit of ${limit}`);
    this.name = 'LimitExceeded';
  }
}
