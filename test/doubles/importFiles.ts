import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll } from 'vitest';
import type { ImportContext, ImportItem } from '../../main/importers/adapter';

/** Helpers for this folder's tests (not imported by the app). */

export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'imports');
export const fixture = (name: string) => path.join(FIXTURES, name);

export function tempDir(prefix = 'pic-import-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, data: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Data folders made by context(), removed after the test file that made them. */
const dataDirs: string[] = [];
afterAll(() => {
  for (const d of dataDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The studio's day in adapter tests: fixed, so that two-digit years read the same on any day. */
export const TEST_TODAY = '2026-06-15';

/** An ImportContext with its own data folder; `sizes` records the reportSize calls. */
export function context(overrides: Partial<ImportContext> = {}): ImportContext & { sizes: [number, number | null][] } {
  const sizes: [number, number | null][] = [];
  const dataDir = overrides.dataDir ?? tempDir('pic-data-');
  if (!overrides.dataDir) dataDirs.push(dataDir);
  return { signal: new AbortController().signal, dataDir, today: TEST_TODAY, reportSize: (r, t) => sizes.push([r, t]), sizes, ...overrides };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function patients(items: ImportItem[]) {
  return items.flatMap((i) => (i.kind === 'patient' ? [i] : []));
}

export function rejects(items: ImportItem[]) {
  return items.flatMap((i) => (i.kind === 'reject' ? [i] : []));
}

export async function rejectsWith(promise: Promise<unknown>): Promise<{ code: string; message: string; userMessage: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; message: string; userMessage: string };
  }
  throw new Error('expected a rejection');
}

/** A ZIP of deflated entries, in the order given: to build XLSX files part by part. */
export function zipStore(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const packed = zlib.deflateRawSync(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal XLSX whose parts come in the order `order` names them ("workbook", "rels",
 * "strings", "styles", "sheet1", "sheet2"), as other writers than Excel lay them out.
 * sheet1 holds a date cell (style 1 = dd/mm/yyyy) and shared strings; sheet2 "Altro" one string.
 */
export function minimalXlsx(order: string[]): Buffer {
  const parts: Record<string, [string, string]> = {
    workbook: [
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><workbookPr/><sheets><sheet name="Dati" sheetId="1" r:id="rId1"/><sheet name="Altro" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ],
    rels: [
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RNS}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${RNS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${RNS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    strings: [
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="4" uniqueCount="4"><si><t>Codice fiscale</t></si><si><t>Data nascita</t></si><si><t>PERÙ</t></si><si><t>altro foglio</t></si></sst>`,
    ],
    styles: [
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ],
    sheet1: [
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>18329</v></c></row></sheetData></worksheet>`,
    ],
    sheet2: [
      'xl/worksheets/sheet2.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData></worksheet>`,
    ],
  };
  const head: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
  ];
  return zipStore([...head, ...order.map((k) => parts[k] as [string, string])]);
}
