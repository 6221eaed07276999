// The files in a zip archive (a VSIX is one), read from its central directory, and the bytes of
// one entry (stored or deflated, the two methods vsce writes). No ZIP64 (a VSIX over 4 GB is not
// a VSIX), no encryption.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  readonly name: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly method: number;
  readonly compressedSize: number;
  /** Where the entry's local header starts. */
  readonly localHeaderAt: number;
}

export function zipEntries(file: string): ZipEntry[] {
  return entriesOf(readFileSync(file), file);
}

/** Every entry with its uncompressed bytes. */
export function zipFiles(file: string): { readonly entry: ZipEntry; readonly data: Buffer }[] {
  const zip = readFileSync(file);
  return entriesOf(zip, file).map((entry) => ({ entry, data: entryData(zip, entry, file) }));
}

function entriesOf(zip: Buffer, file: string): ZipEntry[] {
  // The end record is the last 22 bytes, unless an archive comment (at most 64 KiB) follows it.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip archive (no end of central directory)`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error(`${file}: damaged central directory at entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeaderAt = zip.readUInt32LE(at + 42);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size, method, compressedSize, localHeaderAt });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(zip: Buffer, entry: ZipEntry, file: string): Buffer {
  const at = entry.localHeaderAt;
  if (zip.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`${file}: no local header for ${entry.name}`);
  // The local header's own name and extra lengths (the extra field may differ from the central one).
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === STORED) return raw;
  if (entry.method === DEFLATED) return inflateRawSync(raw);
  throw new Error(`${file}: ${entry.name} uses compression method ${entry.method}`);
}
