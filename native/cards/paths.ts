/**
 * File paths as the card images and profiles write them: file identifiers (4 hex digits) from the
 * master file, separated by slashes, e.g. "3F00/1100/1102". The first component is always the MF.
 */

export const MF = '3F00';

/** "3F00/1100/1102" -> ["3F00", "1100", "1102"]; throws on anything that is not such a path. */
export function parseFilePath(path: string): string[] {
  const parts = path.toUpperCase().split('/');
  if (parts[0] !== MF || !parts.every((p) => /^[0-9A-F]{4}$/.test(p))) {
    throw new Error(`not a card file path from the MF: "${path}"`);
  }
  for (const p of parts.slice(1)) {
    if (p === MF) throw new Error(`"${path}": 3F00 may only appear as the first component`);
  }
  return parts;
}

/** Normalized form (upper case) of a path; throws like parseFilePath. */
export function normalizeFilePath(path: string): string {
  return parseFilePath(path).join('/');
}

/** "1100" -> [0x11, 0x00] */
export function fidBytes(fid: string): [number, number] {
  const n = parseInt(fid, 16);
  return [(n >> 8) & 0xff, n & 0xff];
}
