import fs from 'node:fs';

/**
 * The layout of a ZIP file checked against its central directory, before a streaming reader sees
 * it. A file cut short (a copy or a download interrupted) has no end-of-central-directory record,
 * or a directory that does not end where that record begins, or entries that run into the
 * directory; exceljs's streaming reader waits forever on some of these instead of failing.
 */

export type ZipLayout =
  /** `centralDirectory` is null for ZIP64 archives, whose layout is not checked. */
  | { ok: true; centralDirectory: number | null }
  /** `reason` in English for the log, `motivo` in Italian for the user. */
  | { ok: false; reason: string; motivo: string };

const END_RECORD = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 65535;
/** A workbook's directory is a few KB; one claiming more is damaged (and is not read into memory). */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
/** Bit 3 of the flags: sizes in a data descriptor after the data, zero in the local header. */
const DATA_DESCRIPTOR = 0x08;

const cutShort = (reason: string): ZipLayout => ({ ok: false, reason, motivo: 'il file è stato troncato: ne manca la parte finale' });
const broken = (reason: string): ZipLayout => ({ ok: false, reason, motivo: "mancano o sono alterati dei dati all'interno del file" });

export async function checkZipLayout(path: string, size: number): Promise<ZipLayout> {
  const handle = await fs.promises.open(path, 'r');
  const read = async (position: number, length: number): Promise<Buffer> => {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  };
  try {
    const tailStart = Math.max(0, size - END_RECORD_BYTES - MAX_COMMENT_BYTES);
    const tail = await read(tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - END_RECORD_BYTES; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_RECORD && i + END_RECORD_BYTES + tail.readUInt16LE(i + 20) <= tail.length) {
        end = i;
        break;
      }
    }
    if (end < 0) return cutShort('no end-of-central-directory record');
    const endAt = tailStart + end;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directory = tail.readUInt32LE(end + 16);
    if (entries === 0xffff || directorySize === 0xffffffff || directory === 0xffffffff) return { ok: true, centralDirectory: null };
    // ZIP64 records may sit between the directory and the end record: the directory may end before it, never after.
    if (directory + directorySize > endAt) return broken(`central directory at ${directory} (+${directorySize}) runs past the end record at ${endAt}`);
    if (directorySize > MAX_DIRECTORY_BYTES) return broken(`central directory of ${directorySize} bytes`);
    const dir = await read(directory, directorySize);
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== DIRECTORY_ENTRY) return broken(`central directory entry ${n} missing at ${directory + at}`);
      const compressed = dir.readUInt32LE(at + 20);
      const local = dir.readUInt32LE(at + 42);
      if (compressed === 0xffffffff || local === 0xffffffff) return { ok: true, centralDirectory: null };
      const problem = await checkEntry(read, local, compressed, directory);
      if (problem) return broken(`entry ${n}: ${problem}`);
      at += 46 + dir.readUInt16LE(at + 28) + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    return { ok: true, centralDirectory: directory };
  } finally {
    await handle.close();
  }
}

/** What is wrong with the entry whose local header is at `local`, or null. */
async function checkEntry(read: (position: number, length: number) => Promise<Buffer>, local: number, compressed: number, directory: number): Promise<string | null> {
  if (local + 30 > directory) return `local header at ${local} inside the central directory`;
  const header = await read(local, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) return `no local header at ${local}`;
  // The streaming reader trusts the local header's size: it must agree with the directory's.
  if (!(header.readUInt16LE(6) & DATA_DESCRIPTOR) && header.readUInt32LE(18) !== compressed) {
    return `local size ${header.readUInt32LE(18)} differs from the directory's ${compressed}`;
  }
  const dataEnd = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28) + compressed;
  return dataEnd > directory ? `data of the entry at ${local} runs to ${dataEnd}, past the central directory at ${directory}` : null;
}
