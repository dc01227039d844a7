/** Node's inflater for the reader: zlib, synchronous (a part is small and one call is fastest), capped at maxBytes. */
import { inflateRawSync } from 'node:zlib';
import { ZipLimit, type Inflate } from './zip.js';

export const zlibInflate: Inflate = async (compressed, maxBytes) => {
  try {
    return inflateRawSync(compressed, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipLimit('', maxBytes);
    throw e;
  }
};
