/**
 * The rendered PDFs, read back with poppler (Debian package poppler-utils: pdftotext, pdffonts,
 * pdfinfo) as a reader would see them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors';
import { pageCount, pdfText, poppler } from '../../test/support/poppler';
import { documentAssetsDir } from './assets';
import type { ConsentData, ConsentKind } from './consentData';
import { documentFileName, renderConsentPdf, sha256Hex } from './consentPdf';
import { TemplateError, UnprintableCharacterError } from './errors';
import { SAMPLE_CONSENT_DATA, withCheckCharacter } from './sampleData';

const KINDS: ConsentKind[] = ['patto_di_cura', 'privacy'];

let dir: string;
const rendered = new Map<ConsentKind, { file: string; bytes: Uint8Array }>();

/** Dark pixels of one page rendered in grey at 60 dpi. */
function inkOf(file: string, page: number): number {
  const pgm = execFileSync('pdftoppm', ['-r', '60', '-gray', '-f', String(page), '-l', String(page), file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PGM image');
  return pgm.subarray(header[0].length).filter((v) => v < 128).length;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-docs-test-'));
  for (const kind of KINDS) {
    const bytes = await renderConsentPdf(kind, SAMPLE_CONSENT_DATA);
    const file = path.join(dir, documentFileName(kind, SAMPLE_CONSENT_DATA));
    fs.writeFileSync(file, bytes);
    rendered.set(kind, { file, bytes });
  }
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(KINDS)('%s PDF', (kind) => {
  const file = (): string => (rendered.get(kind) as { file: string }).file;

  it('holds the patient, the CF, the gestore, the date and both copies as text', () => {
    const text = pdfText(file());
    expect(text).toContain("CANTÙ DELL'ACQUA NICOLÒ");
    expect(text).toContain("NICOLÒ CANTÙ DELL'ACQUA");
    expect(text).toContain(SAMPLE_CONSENT_DATA.patient.codiceFiscale);
    expect(text).toContain('10/12/1952');
    expect(text).toContain('Cooperativa Medici di Medicina Generale Lombardia Sud Soc. Coop.');
    expect(text).toContain('Dott.ssa Anna Rossi');
    expect(text).toContain('Data 15/03/2024');
    expect(text).toContain('1042');
    expect(text).toContain('Copia per il medico');
    expect(text).toContain('Copia per il paziente');
    expect(text).not.toContain('{{');
  });

  it('prints two copies, each starting on a new page and numbered on its own', () => {
    const pages = pageCount(file());
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages % 2).toBe(0);
    const perCopy = pages / 2;
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(file(), p);
      const inCopy = ((p - 1) % perCopy) + 1;
      expect(text).toContain(p <= perCopy ? 'Copia per il medico' : 'Copia per il paziente');
      expect(text).toContain(`Pagina ${inCopy} di ${perCopy}`);
    }
    // Each copy ends with the signature lines.
    expect(pdfText(file(), perCopy)).toContain('o il legale rappresentante');
    expect(pdfText(file(), pages)).toContain('o il legale rappresentante');
  });

  it('embeds DejaVu Sans regular and bold', () => {
    const rows = poppler('pdffonts', [file()])
      .split('\n')
      .filter((l) => l.includes('DejaVu'));
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      // ... emb sub uni object-number generation
      expect(cols.at(-5)).toBe('yes');
      expect(cols.at(-3)).toBe('yes');
    }
    expect(rows.some((r) => /DejaVuSans-Bold/.test(r))).toBe(true);
  });

  it('is deterministic: the same data gives the same bytes and hash', async () => {
    const again = await renderConsentPdf(kind, structuredClone(SAMPLE_CONSENT_DATA));
    const first = (rendered.get(kind) as { bytes: Uint8Array }).bytes;
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(sha256Hex(again)).toBe(sha256Hex(first));
  });

  it('gives another hash for another patient, date or enrollment', async () => {
    const first = sha256Hex((rendered.get(kind) as { bytes: Uint8Array }).bytes);
    const other: ConsentData = {
      ...SAMPLE_CONSENT_DATA,
      patient: { surname: 'BIANCHI', givenName: 'MARIA', codiceFiscale: withCheckCharacter('BNCMRA50C47G388'), birthDate: '1950-03-07' },
    };
    const hashes = new Set([
      first,
      sha256Hex(await renderConsentPdf(kind, other)),
      sha256Hex(await renderConsentPdf(kind, { ...SAMPLE_CONSENT_DATA, date: '2024-03-16' })),
      sha256Hex(await renderConsentPdf(kind, { ...SAMPLE_CONSENT_DATA, enrollmentId: 1043 })),
    ]);
    expect(hashes.size).toBe(4);
  });

  it('stamps fixed metadata derived from the document date', () => {
    const info = poppler('pdfinfo', ['-isodates', file()]);
    expect(info).toMatch(/^CreationDate:\s+2024-03-15T12:00:00Z$/m);
    expect(info).toMatch(/^ModDate:\s+2024-03-15T12:00:00Z$/m);
    expect(info).toMatch(/^Creator:\s+PiC Studio$/m);
    expect(info).toMatch(/^Producer:\s+PiC Studio document generator \(pdf-lib\)$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });
});

describe('renderConsentPdf', () => {
  it('prints the e-mail line only when the studio has one', async () => {
    const { email: _email, ...studio } = SAMPLE_CONSENT_DATA.studio;
    const file = path.join(dir, 'senza-email.pdf');
    fs.writeFileSync(file, await renderConsentPdf('patto_di_cura', { ...SAMPLE_CONSENT_DATA, studio }));
    expect(pdfText(file)).not.toContain('Posta elettronica');
    expect(pdfText((rendered.get('patto_di_cura') as { file: string }).file)).toContain('Posta elettronica: studio.rossi@example.it');
  });

  it('refuses a blank required field instead of printing it empty', async () => {
    const data = { ...SAMPLE_CONSENT_DATA, studio: { ...SAMPLE_CONSENT_DATA.studio, phone: ' ' } };
    await expect(renderConsentPdf('privacy', data)).rejects.toMatchObject({ code: 'template-missing-value' });
    await expect(renderConsentPdf('privacy', data)).rejects.toBeInstanceOf(TemplateError);
  });

  it('refuses malformed data', async () => {
    await expect(renderConsentPdf('privacy', { ...SAMPLE_CONSENT_DATA, date: '15/03/2024' })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(renderConsentPdf('privacy', { ...SAMPLE_CONSENT_DATA, enrollmentId: 0 })).rejects.toBeInstanceOf(InvalidInputError);
    const badCf = { ...SAMPLE_CONSENT_DATA, patient: { ...SAMPLE_CONSENT_DATA.patient, codiceFiscale: 'CNTNCL52T10D150A' } };
    await expect(renderConsentPdf('privacy', badCf)).rejects.toMatchObject({ code: expect.stringMatching(/codice-fiscale|cf/i) });
  });

  it('crosses the recorded privacy answers, and nothing on the blank form', async () => {
    const blank = (rendered.get('privacy') as { file: string }).file;
    const answered = path.join(dir, 'privacy-risposte.pdf');
    fs.writeFileSync(answered, await renderConsentPdf('privacy', { ...SAMPLE_CONSENT_DATA, choices: { trattamento: true, comunicazione: true, contatti: false } }));
    expect(pdfText(answered)).toBe(pdfText(blank));
    const consentPage = pageCount(blank) / 2;
    // Three crosses add ink to the consent page of each copy, and only there.
    expect(inkOf(answered, consentPage)).toBeGreaterThan(inkOf(blank, consentPage));
    expect(inkOf(answered, 1)).toBe(inkOf(blank, 1));
  });

  it('refuses a character the font cannot print', async () => {
    const data = { ...SAMPLE_CONSENT_DATA, studio: { ...SAMPLE_CONSENT_DATA.studio, mmg: 'Dott. 王 Wei' } };
    await expect(renderConsentPdf('patto_di_cura', data)).rejects.toBeInstanceOf(UnprintableCharacterError);
  });

  describe('with PIC_DOCUMENT_ASSETS', () => {
    let assets: string;
    beforeAll(() => {
      assets = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-assets-'));
      fs.cpSync(documentAssetsDir(), assets, { recursive: true });
      process.env.PIC_DOCUMENT_ASSETS = assets;
    });
    afterAll(() => {
      delete process.env.PIC_DOCUMENT_ASSETS;
      fs.rmSync(assets, { recursive: true, force: true });
    });

    it('uses the templates of that folder, and rejects an unknown placeholder at render time', async () => {
      expect(documentAssetsDir()).toBe(assets);
      const template = path.join(assets, 'templates', 'privacy.md');
      fs.writeFileSync(template, fs.readFileSync(template, 'utf8').replace('## 2. Dati trattati', '## 2. Dati trattati {{paziente_indirizzo}}'));
      const error = await renderConsentPdf('privacy', SAMPLE_CONSENT_DATA).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      expect(error).toMatchObject({ code: 'template-unknown-placeholder', template: 'privacy.md' });
      // The other document is untouched.
      expect((await renderConsentPdf('patto_di_cura', SAMPLE_CONSENT_DATA)).length).toBeGreaterThan(1000);
    });

    it('reports a missing template', async () => {
      fs.rmSync(path.join(assets, 'templates', 'patto-di-cura.md'));
      await expect(renderConsentPdf('patto_di_cura', SAMPLE_CONSENT_DATA)).rejects.toMatchObject({ code: 'template-not-found' });
    });
  });
});

describe('documentFileName and sha256Hex', () => {
  it('names the file after the document, the CF and the date', () => {
    expect(documentFileName('patto_di_cura', SAMPLE_CONSENT_DATA)).toBe(`patto-di-cura-${SAMPLE_CONSENT_DATA.patient.codiceFiscale}-2024-03-15.pdf`);
    const lower = { ...SAMPLE_CONSENT_DATA, patient: { ...SAMPLE_CONSENT_DATA.patient, codiceFiscale: ' cntncl52t10d150x ' } };
    expect(documentFileName('privacy', lower)).toBe('privacy-CNTNCL52T10D150X-2024-03-15.pdf');
  });

  it('hashes with SHA-256 in lower-case hex', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('resolves the assets beside this module by default', () => {
    expect(documentAssetsDir()).toBe(path.join(import.meta.dirname, 'assets'));
  });
});
