/**
 * Node's inflater for the reader: zlib, capped at maxBytes. A small part is inflated synchronously
 * (one call is fastest); a large one in libuv's thread pool, so the reader can scan one sheet on the
 * main thread while the next inflates on the other core (reader/workbook.ts asks for it ahead).
 */
import { inflateRaw, inflateRawSync, type ZlibOptions } from 'node:zlib';
import { ZipLimit, type Inflate } from './zip.js';

/** zlib's own output step: a part whose directory says nothing useful is inflated 16 KiB at a time. */
const DEFAULT_CHUNK = 16 * 1024;
/** Deflate's largest expansion: 258 bytes from a two-bit code, about 1,032 to 1. */
const MAX_DEFLATE_RATIO = 1032;
/** From this many compressed bytes a part goes to the thread pool: below it, the hand-over costs more than it frees. */
const POOL_FROM_BYTES = 256 * 1024;

function options(compressed: Uint8Array, maxBytes: number, expectedBytes: number): ZlibOptions {
  // Output in one piece of the size the directory claims (a little over, so zlib sees the end
  // without starting another), not in 16 KiB steps: an 8 MB sheet took 500 small blocks and a copy,
  // and the freed blocks stayed in the process's memory (about 20 MB of a large check's peak).
  // A directory that lies gains nothing: the piece is never larger than the part limit, nor than
  // deflate could produce from the bytes actually there (at most 1,032 to 1), and zlib goes on in
  // further pieces if the claim was short.
  const possible = compressed.length * MAX_DEFLATE_RATIO + 1024;
  const chunkSize = Math.max(DEFAULT_CHUNK, Math.min(expectedBytes + 1024, possible, maxBytes + 1));
  return { maxOutputLength: Math.max(1, maxBytes), chunkSize };
}

function limitOr(e: unknown, maxBytes: number): unknown {
  return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new ZipLimit('', maxBytes) : e;
}

export const zlibInflate: Inflate = async (compressed, maxBytes, expectedBytes = 0) => {
  const o = options(compressed, maxBytes, expectedBytes);
  if (compressed.length < POOL_FROM_BYTES) {
    try {
      return inflateRawSync(compressed, o);
    } catch (e) {
      throw limitOr(e, maxBytes);
    }
  }
  return new Promise<Uint8Array>((resolve, reject) => inflateRaw(compressed, o, (e, out) => (e ? reject(limitOr(e, maxBytes)) : resolve(out))));
};
