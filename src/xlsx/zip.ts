/**
 * The zip container of an .xlsx: the central directory says where each part is and how large it claims
 * to be. Parts are inflated one at a time, on demand, by an inflater the platform supplies (node:zlib in
 * Node, DecompressionStream in browsers), and never past the byte limit the caller gives — so a zip bomb
 * is refused while it inflates, not after. Runs in Node and browsers.
 */

/**
 * Inflates raw deflate data; must throw ZipLimit (or any error) once the output would pass maxBytes.
 * `expectedBytes` is the size the zip's directory claims (at most maxBytes): a hint, which may lie.
 */
export type Inflate = (compressed: Uint8Array, maxBytes: number, expectedBytes?: number) => Promise<Uint8Array>;

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

/** A part is larger than the caller allows. */
export class ZipLimit extends Error {
  constructor(
    readonly part: string,
    readonly limit: number,
  ) {
    super(`${part} is larger than ${limit} bytes when uncompressed`);
    this.name = 'ZipLimit';
  }
}

export interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000;
}

const utf8 = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly inflate: Inflate,
  ) {
    // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (u32(bytes, i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipFormatError('end of central directory not found');
    const count = u16(bytes, eocd + 10);
    const offset = u32(bytes, eocd + 16);
    if (offset === 0xffffffff || count === 0xffff) throw new ZipFormatError('zip64 archives are not supported');
    let p = offset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > bytes.length || u32(bytes, p) !== CENTRAL) throw new ZipFormatError('central directory is damaged');
      const nameLength = u16(bytes, p + 28);
      const entry: Entry = {
        method: u16(bytes, p + 10),
        compressedSize: u32(bytes, p + 20),
        size: u32(bytes, p + 24),
        crc: u32(bytes, p + 16),
        localOffset: u32(bytes, p + 42),
        name: utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      };
      // Part names are case-insensitive in OPC; a leading slash is sometimes written.
      this.entries.set(normalizePartName(entry.name), entry);
      p += 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(normalizePartName(name));
  }

  names(): string[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  /** Every entry with its stored (still compressed) bytes, in archive order: to copy a package unchanged. */
  rawEntries(): { entry: Entry; data: Uint8Array }[] {
    return [...this.entries.values()].map((entry) => ({ entry, data: this.stored(entry) }));
  }

  private stored(e: Entry): Uint8Array {
    const b = this.bytes;
    const h = e.localOffset;
    if (h + 30 > b.length || u32(b, h) !== LOCAL) throw new ZipFormatError(`local header of ${e.name} is damaged`);
    const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
    if (start + e.compressedSize > b.length) throw new ZipFormatError(`${e.name} is truncated`);
    return b.subarray(start, start + e.compressedSize);
  }

  /** The part's bytes, or undefined when it is absent. Throws ZipLimit past maxBytes. */
  async read(name: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const e = this.entries.get(normalizePartName(name));
    if (!e) return undefined;
    if (e.size > maxBytes) throw new ZipLimit(e.name, maxBytes);
    const data = this.stored(e);
    if (e.method === 0) return data;
    if (e.method !== 8) throw new ZipFormatError(`${e.name} uses compression method ${e.method}`);
    try {
      return await this.inflate(data, maxBytes, e.size);
    } catch (err) {
      if (err instanceof ZipLimit) throw new ZipLimit(e.name, maxBytes);
      throw new ZipFormatError(`${e.name} cannot be inflated: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export function normalizePartName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

/** The browser inflater: DecompressionStream('deflate-raw'), stopped as soon as the output passes maxBytes. */
export const streamInflate: Inflate = async (compressed, maxBytes) => {
  const stream = new Blob([compressed as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ZipLimit('', maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
