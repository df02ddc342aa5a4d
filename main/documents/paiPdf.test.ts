import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors';
import { applyTemplates, PAI_TEMPLATES } from '../../shared/domain/pai/templates';
import { pageCount, pdfText, pdfWords, poppler } from '../../test/support/poppler';
import { TemplateError } from './errors';
import { A4 } from './layout';
import { PAI_LABELS, PAI_LISTS, PAI_PLACEHOLDERS } from './paiData';
import { loadPaiTemplate, paiDocumentData, paiFileName, renderPaiPdf, type PaiDocumentInput } from './paiPdf';
import { NO_EXPLANATION } from './prestazioniWords';
import { SAMPLE_PAI, SAMPLE_PAI_INPUT } from './sampleData';

let dir: string;
let sampleFile: string;
let sampleBytes: Uint8Array;

async function render(input: PaiDocumentInput, name: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await renderPaiPdf(paiDocumentData(input)));
  return file;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-pai-test-'));
  sampleBytes = await renderPaiPdf(paiDocumentData(SAMPLE_PAI_INPUT));
  sampleFile = path.join(dir, 'pai.pdf');
  fs.writeFileSync(sampleFile, sampleBytes);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('renderPaiPdf', () => {
  it('says for whom and by whom, the validity and the version', () => {
    const text = pdfText(sampleFile);
    expect(text).toContain('Piano di Assistenza Individuale');
    expect(text).toContain("Questo piano è per CANTÙ DELL'ACQUA NICOLÒ, nato/a il 10/12/1952, codice fiscale CNTNCL52T10D150X");
    expect(text).toContain('Lo ha scritto il medico di medicina generale Dott.ssa Anna Rossi per il Soggetto Gestore Cooperativa Medici di Medicina Generale Lombardia Sud Soc. Coop.');
    expect(text).toContain('PAI 2025, versione 2, in vigore');
    expect(text).toContain('Valido dal 01/03/2025 al 28/02/2026');
    expect(text).toContain('livello 2, più patologie croniche insieme');
    expect(text).not.toContain('{{');
  });

  it('names the pathologies in words, the primary first', () => {
    const text = pdfText(sampleFile);
    expect(text).toContain('Diabete mellito tipo 2 (codice regionale 50): patologia principale, gravità media. • Ipertensione arteriosa (codice regionale 56): patologia secondaria, gravità bassa.');
  });

  it('gives each prestazione its code, its plain words, its cadence and its months', () => {
    const text = pdfText(sampleFile);
    expect(text).toContain('Emoglobina glicata (codice 90.28.1): il valore medio della glicemia negli ultimi 2-3 mesi. Quando: ogni 4-6 mesi (in questo piano: marzo, luglio e novembre 2025).');
    expect(text).toContain('Visita di controllo (codice 89.01): visita dello specialista per seguire l\'andamento della malattia e della cura. Quando: ogni 6 mesi (in questo piano: marzo e settembre 2025).');
    expect(text).toContain('Visita oculistica (codice 95.02)');
    expect(text).toContain('Quando: ogni 2 anni (in questo piano: marzo 2025).');
    expect(text).toContain('Luglio 2025: Glicemia ed Emoglobina glicata.');
    expect(text).toContain('Settembre 2025: Visita di controllo.');
  });

  it('lists the drugs, the lifestyle goals and the vaccinations', () => {
    const text = pdfText(sampleFile);
    expect(text).toContain('Metformina 500 mg (codice ATC A10BA02): 1 compressa a pranzo e 1 a cena.');
    expect(text).toContain('Ramipril 5 mg (codice ATC C09AA05): 1 compressa al mattino. ');
    expect(text).toContain('Atorvastatina 20 mg (codice ATC C10AA05): secondo le indicazioni del medico.');
    expect(text).toContain('Attività fisica: camminare a passo svelto 30 minuti al giorno, almeno 5 giorni la settimana.');
    expect(text).toContain('Antinfluenzale: da fare entro il 30/11/2025.');
    expect(text).toContain('Antipneumococcica: fatta il 15/10/2024.');
    expect(text).toContain('Anti-herpes zoster: da concordare con il medico.');
  });

  it('prints two copies, each numbered on its own and ending with the MMG\'s and the patient\'s signatures', () => {
    const pages = pageCount(sampleFile);
    expect(pages % 2).toBe(0);
    const perCopy = pages / 2;
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(sampleFile, p);
      expect(text).toContain(p <= perCopy ? 'Copia per il medico' : 'Copia per il paziente');
      expect(text).toContain(`Pagina ${((p - 1) % perCopy) + 1} di ${perCopy}`);
      expect(text).toContain('Piano di Assistenza Individuale · CANTÙ DELL\'ACQUA NICOLÒ · C.F. CNTNCL52T10D150X');
    }
    for (const last of [perCopy, pages]) {
      const text = pdfText(sampleFile, last);
      expect(text).toContain('Il medico di medicina generale');
      expect(text).toContain('Il/La paziente, per presa visione e condivisione del piano');
      expect(text).toContain('Data 24/02/2025');
    }
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const again = await renderPaiPdf(paiDocumentData(structuredClone(SAMPLE_PAI_INPUT)));
    expect(Buffer.from(again).equals(Buffer.from(sampleBytes))).toBe(true);
    const info = poppler('pdfinfo', ['-isodates', sampleFile]);
    expect(info).toMatch(/^CreationDate:\s+2025-02-24T12:00:00Z$/m);
    expect(info).toMatch(/^Title:\s+Piano di Assistenza Individuale – CANTÙ DELL'ACQUA NICOLÒ$/m);
  });

  it('says so when a list is empty, and leaves out the e-mail line the studio lacks', async () => {
    const { email: _email, ...studio } = SAMPLE_PAI_INPUT.studio;
    const file = await render({ ...SAMPLE_PAI_INPUT, studio, pai: { ...SAMPLE_PAI, items: [], drugs: [], lifestyle: [], vaccinations: [] } }, 'vuoto.pdf');
    const text = pdfText(file);
    expect(text).toContain('Nessuna visita ed esame previsti nel piano.');
    expect(text).toContain('Nessuna prestazione cade nel periodo di questo piano.');
    expect(text).toContain('Nessun farmaco indicato nel piano.');
    expect(text).toContain('Nessun obiettivo indicato nel piano.');
    expect(text).toContain('Nessuna vaccinazione indicata nel piano.');
    expect(text).not.toContain('Posta elettronica');
    expect(pdfText(sampleFile)).toContain('Posta elettronica: studio.rossi@example.it');
  });
});

describe('a PAI with the items of all 11 templates', () => {
  let file: string;
  const pai = applyTemplates({ ...SAMPLE_PAI, items: [] }, PAI_TEMPLATES);
  const codes = pai.items.map((i) => i.code);

  beforeAll(async () => {
    file = await render({ ...SAMPLE_PAI_INPUT, pai }, 'tutti.pdf');
  });

  it('spills over several pages, each copy holding every prestazione once, in order, with its plain words', () => {
    expect(codes.length).toBeGreaterThan(30);
    const pages = pageCount(file);
    const perCopy = pages / 2;
    expect(perCopy).toBeGreaterThanOrEqual(3);
    const copy = (n: number): string => Array.from({ length: perCopy }, (_, i) => pdfText(file, n * perCopy + i + 1)).join(' ');
    for (const text of [copy(0), copy(1)]) {
      const positions = codes.map((code) => text.indexOf(`(codice ${code})`));
      for (const [i, code] of codes.entries()) {
        expect(positions[i], code).toBeGreaterThan(0);
        expect(text.indexOf(`(codice ${code})`, (positions[i] as number) + 1), code).toBe(-1);
      }
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).not.toContain(NO_EXPLANATION);
    }
    expect(pdfText(file, perCopy)).toContain('per presa visione e condivisione del piano');
    expect(pdfText(file, pages)).toContain('per presa visione e condivisione del piano');
  });

  it('keeps the text inside the margins and leaves no heading at the foot of a page', () => {
    const headings = ['Per chi e da chi', 'Le sue patologie', 'Visite ed esami previsti', "Il calendario dell'anno", 'Farmaci da prendere con regolarità', 'Stile di vita: i suoi obiettivi', 'Vaccinazioni', 'Come funziona'];
    const top = A4.height - A4.contentTop;
    const bottom = A4.height - A4.contentBottom;
    for (const [index, words] of pdfWords(file).entries()) {
      // The running header sits above the text area and the footer below it.
      const body = words.filter((w) => w.yMin > top - 10 && w.yMax < bottom + 10);
      expect(words.length - body.length, `page ${index + 1}`).toBeLessThanOrEqual(30);
      for (const w of body) {
        expect(w.yMin, `${w.text} on page ${index + 1}`).toBeGreaterThanOrEqual(top - 2);
        expect(w.yMax, `${w.text} on page ${index + 1}`).toBeLessThanOrEqual(bottom + 2);
        expect(w.xMin).toBeGreaterThanOrEqual(A4.marginLeft - 1);
        expect(w.xMax).toBeLessThanOrEqual(A4.width - A4.marginRight + 1);
      }
      const lastLineY = Math.max(...body.map((w) => w.yMin));
      const lastLine = body.filter((w) => Math.abs(w.yMin - lastLineY) < 1).map((w) => w.text).join(' ');
      expect(headings, `page ${index + 1} ends with "${lastLine}"`).not.toContain(lastLine);
    }
  });
});

describe('bad input', () => {
  it('refuses a missing required value with a TemplateError naming it in Italian, not a crash', async () => {
    const noPhone = paiDocumentData({ ...SAMPLE_PAI_INPUT, studio: { ...SAMPLE_PAI_INPUT.studio, phone: ' ' } });
    const error = await renderPaiPdf(noPhone).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ code: 'template-missing-value', template: 'pai.md' });
    expect((error as TemplateError).userMessage).toBe(
      `Il modello di documento «pai.md» (riga ${(error as TemplateError).line}) non è utilizzabile: manca il dato richiesto «telefono dello studio» ({{studio_telefono}}).`,
    );

    const noSurname = { ...SAMPLE_PAI_INPUT, patient: { ...SAMPLE_PAI_INPUT.patient, surname: undefined as unknown as string } };
    await expect(renderPaiPdf(paiDocumentData(noSurname))).rejects.toMatchObject({ code: 'template-missing-value', userMessage: expect.stringContaining('«cognome del paziente»') });

    const noBirthDate = { ...SAMPLE_PAI_INPUT, patient: { ...SAMPLE_PAI_INPUT.patient, birthDate: '' } };
    await expect(renderPaiPdf(paiDocumentData(noBirthDate))).rejects.toMatchObject({ userMessage: expect.stringContaining('«data di nascita del paziente»') });
  });

  it('refuses what is there but malformed', () => {
    expect(() => paiDocumentData({ ...SAMPLE_PAI_INPUT, date: '24/02/2025' })).toThrow(InvalidInputError);
    expect(() => paiDocumentData({ ...SAMPLE_PAI_INPUT, patient: { ...SAMPLE_PAI_INPUT.patient, birthDate: '10/12/1952' } })).toThrow(InvalidInputError);
    expect(() => paiDocumentData({ ...SAMPLE_PAI_INPUT, patient: { ...SAMPLE_PAI_INPUT.patient, codiceFiscale: 'CNTNCL52T10D150A' } })).toThrow(
      expect.objectContaining({ code: 'invalid-codice-fiscale' }),
    );
  });
});

describe('the shipped pai.md', () => {
  it('uses every placeholder and list the PAI offers, and only those', () => {
    const t = loadPaiTemplate();
    const rowFields = Object.values(PAI_LISTS).flatMap((fields) => Object.keys(fields));
    expect([...t.lists].sort()).toEqual(Object.keys(PAI_LISTS).sort());
    for (const name of t.placeholders) expect([...Object.keys(PAI_PLACEHOLDERS), ...rowFields]).toContain(name);
    for (const name of [...Object.keys(PAI_PLACEHOLDERS), ...rowFields]) {
      expect(t.placeholders.has(name), name).toBe(true);
      expect(PAI_LABELS[name], name).toBeTruthy();
    }
  });

  it('gives every row field a name of its own, so that none hides another', () => {
    const names = [...Object.keys(PAI_PLACEHOLDERS), ...Object.keys(PAI_LISTS), ...Object.values(PAI_LISTS).flatMap((fields) => Object.keys(fields))];
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('names the file after the CF, the year and the version', () => {
    expect(paiFileName(paiDocumentData(SAMPLE_PAI_INPUT))).toBe('pai-CNTNCL52T10D150X-2025-v2.pdf');
  });
});
