import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkZipLayout } from './zipLayout';
import { fixture, minimalXlsx, tempDir, writeTemp, zipStore } from '../../../test/doubles/importFiles';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const check = (name: string, bytes: Buffer) => checkZipLayout(writeTemp(dir, name, bytes), bytes.length);
const original = fs.readFileSync(fixture('ats-list.xlsx'));
/** Where the central directory starts, by the end record (no comment: the last 22 bytes). */
const directoryOf = (zip: Buffer) => zip.readUInt32LE(zip.length - 22 + 16);

describe('ZIP layout', () => {
  it('accepts whole files and gives where their central directory starts', async () => {
    expect(await check('lista.xlsx', original)).toEqual({ ok: true, centralDirectory: directoryOf(original) });
    const minimal = minimalXlsx(['workbook', 'rels', 'sheet1', 'sheet2', 'styles', 'strings']);
    expect(await check('minimo.xlsx', minimal)).toEqual({ ok: true, centralDirectory: directoryOf(minimal) });
  });

  it('accepts an archive comment after the end record', async () => {
    const comment = Buffer.from('scritto da un altro programma');
    const zip = Buffer.from(zipStore([['a.xml', '<a/>']]));
    zip.writeUInt16LE(comment.length, zip.length - 2);
    expect(await check('commento.zip', Buffer.concat([zip, comment]))).toMatchObject({ ok: true });
  });

  it('finds a file cut anywhere short', async () => {
    for (const size of [30, 1500, 4000, original.length - 22, original.length - 1]) {
      expect(await check('tronco.xlsx', original.subarray(0, size))).toMatchObject({ ok: false, motivo: 'il file è stato troncato: ne manca la parte finale' });
    }
  });

  it('finds bytes missing inside a file whose end is whole', async () => {
    const gap = Buffer.concat([original.subarray(0, 1500), original.subarray(1600)]);
    expect(await check('buco.xlsx', gap)).toMatchObject({ ok: false, reason: expect.stringContaining('runs past the end record'), motivo: "mancano o sono alterati dei dati all'interno del file" });
  });

  it('finds an entry whose local header lies about its size', async () => {
    const zip = Buffer.from(zipStore([['a.xml', '<a>'.repeat(100)], ['b.xml', '<b/>']]));
    zip.writeUInt32LE(zip.readUInt32LE(18) + 1000, 18);
    expect(await check('bugia.zip', zip)).toMatchObject({ ok: false, reason: expect.stringContaining("differs from the directory's") });
  });

  it('finds an entry running into the central directory', async () => {
    const zip = Buffer.from(zipStore([['a.xml', '<a>'.repeat(100)]]));
    const directory = directoryOf(zip);
    zip.writeUInt32LE(zip.readUInt32LE(18) + 1000, 18);
    zip.writeUInt32LE(zip.readUInt32LE(directory + 20) + 1000, directory + 20);
    expect(await check('lungo.zip', zip)).toMatchObject({ ok: false, reason: expect.stringContaining('past the central directory') });
  });

  it('leaves ZIP64 archives unchecked', async () => {
    const zip = Buffer.from(zipStore([['a.xml', '<a/>']]));
    zip.writeUInt32LE(0xffffffff, zip.length - 22 + 16);
    expect(await check('zip64.zip', zip)).toEqual({ ok: true, centralDirectory: null });
  });
});
