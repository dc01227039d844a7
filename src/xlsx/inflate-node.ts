/** Node's inflater for the reader: zlib, synchronous (a part is small and one call is fastest), capped at maxBytes. */
import { inflateRawSync } from 'node:zlib';
import { ZipLimit, type Inflate } from './zip.js';

/** zlib's own output step: a part whose directory says nothing useful is inflated 16 KiB at a time. */
const DEFAULT_CHUNK = 16 * 1024;
/** Deflate's largest expansion: 258 bytes from a two-bit code, about 1,032 to 1. */
const MAX_DEFLATE_RATIO = 1032;

export const zlibInflate: Inflate = async (compressed, maxBytes, expectedBytes = 0) => {
  // Output in one piece of the size the directory claims (a little over, so zlib sees the end
  // without starting another), not in 16 KiB steps: an 8 MB sheet took 500 small blocks and a copy,
  // and the freed blocks stayed in the process's memory (about 20 MB of a large check's peak).
  // A directory that lies gains nothing: the piece is never larger than the part limit, nor than
  // deflate could produce from the bytes actually there (at most 1,032 to 1), and zlib goes on in
  // further pieces if the claim was short.
  const possible = compressed.length * MAX_DEFLATE_RATIO + 1024;
  const chunkSize = Math.max(DEFAULT_CHUNK, Math.min(expectedBytes + 1024, possible, maxBytes + 1));
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, maxBytes), chunkSize });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipLimit('', maxBytes);
    throw e;
  }
};
