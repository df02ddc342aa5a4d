import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PAI_TEMPLATES } from '../../shared/domain/pai/templates';
import { documentAssetsDir } from './assets';
import { DocumentAssetsError, DocumentDataError } from './errors';
import { loadPlainWords, loadPreparations, NO_EXPLANATION, NO_PREPARATION, PLAIN_WORDS_FILE, PREPARATIONS_FILE } from './prestazioniWords';

/** Every code the 11 PAI templates propose, alternatives included. */
const TEMPLATE_CODES = [...new Set(PAI_TEMPLATES.flatMap((t) => t.items.flatMap((i) => [i.code, ...i.alternatives.map((a) => a.code)])))].sort();

describe('the shipped plain words', () => {
  const words = loadPlainWords(documentAssetsDir());

  it.each(TEMPLATE_CODES)('explain %s, a code of the PAI templates', (code) => {
    const w = words.describe(code, 'DESCRIZIONE DEL CATALOGO');
    expect(w.explanation).not.toBe(NO_EXPLANATION);
    expect(w.name).not.toBe('DESCRIZIONE DEL CATALOGO');
    // The template prints "Name: explanation." – the file must not bring its own capital or full stop.
    expect(w.explanation).toMatch(/^[a-zàèéìòù«]/);
    expect(w.explanation).not.toMatch(/\.$/);
  });

  it('say what glycated haemoglobin is', () => {
    expect(words.describe('90.28.1', 'Hb - EMOGLOBINA GLICATA')).toEqual({
      code: '90.28.1',
      name: 'Emoglobina glicata',
      explanation: 'il valore medio della glicemia negli ultimi 2-3 mesi',
    });
    expect(words.describe(' 89.01.l ', '').code).toBe('89.01.L');
  });

  it('fall back to the first sentence of the description for other codes', () => {
    expect(words.describe('88.72.3', 'ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo e dopo prova fisica. Non associabile a 88.72.2')).toEqual({
      code: '88.72.3',
      name: 'ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo e dopo prova fisica',
      explanation: NO_EXPLANATION,
    });
    expect(words.describe('93.08.1', 'ELETTROMIOGRAFIA SEMPLICE.').name).toBe('ELETTROMIOGRAFIA SEMPLICE');
  });
});

describe('the shipped preparations', () => {
  const preparations = loadPreparations(documentAssetsDir());
  const file = JSON.parse(fs.readFileSync(path.join(documentAssetsDir(), PREPARATIONS_FILE), 'utf8')) as { prestazioni: Record<string, string | null> };

  it('decide every code of the PAI templates: a preparation, or null for none', () => {
    expect(TEMPLATE_CODES.filter((code) => !(code in file.prestazioni))).toEqual([]);
  });

  it.each(TEMPLATE_CODES.filter((code) => code.startsWith('90.') && code !== '90.44.3' && code !== '90.33.4'))('ask for fasting before the blood test %s', (code) => {
    expect(preparations.noteFor(code)).toContain('digiuno da 8-12 ore');
  });

  it('give the urine, spirometry, Holter, eye and ultrasound notes, and none for the echocardiogram', () => {
    expect(preparations.noteFor('90.44.3')).toContain('prime urine del mattino');
    expect(preparations.noteFor('90.33.4')).toContain('prime urine del mattino');
    expect(preparations.noteFor('89.37.1')).toContain('non usi i farmaci broncodilatatori');
    expect(preparations.noteFor('89.37.2')).toBe(preparations.noteFor('89.37.1'));
    expect(preparations.noteFor('89.50')).toContain('24 ore');
    expect(preparations.noteFor('95.02')).toContain('non venga guidando');
    expect(preparations.noteFor('88.75.1')).toContain('vescica piena');
    expect(preparations.noteFor('88.72.2')).toBe(NO_PREPARATION);
    expect(preparations.noteFor('99.99.9')).toBe('Nessuna preparazione particolare.');
  });
});

describe('a damaged data file', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  const assetsWith = (relative: string, text: string): string => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-words-'));
    fs.mkdirSync(path.join(dir, 'prestazioni'));
    fs.writeFileSync(path.join(dir, relative), text);
    return dir;
  };

  it('is refused with the file and the entry named in Italian', () => {
    const badKey = assetsWith(PLAIN_WORDS_FILE, JSON.stringify({ prestazioni: { '90.28.1': { nome: 'Emoglobina glicata', spiegazione: ' ' } } }));
    expect(() => loadPlainWords(badKey)).toThrow(DocumentDataError);
    expect(() => loadPlainWords(badKey)).toThrow(expect.objectContaining({ code: 'document-data-invalid', userMessage: expect.stringContaining('«prestazioni.90.28.1.spiegazione»') }));
  });

  it('refuses a code not written as the catalogue writes it, a missing text, broken JSON and a missing file', () => {
    expect(() => loadPlainWords(assetsWith(PLAIN_WORDS_FILE, JSON.stringify({ prestazioni: { '89.01.l': { nome: 'a', spiegazione: 'b' } } })))).toThrow(DocumentDataError);
    expect(() => loadPreparations(assetsWith(PREPARATIONS_FILE, JSON.stringify({ testi: {}, prestazioni: { '90.28.1': 'prelievo' } })))).toThrow(
      expect.objectContaining({ userMessage: expect.stringContaining('il testo «prelievo» non è tra i testi') }),
    );
    expect(() => loadPreparations(assetsWith(PREPARATIONS_FILE, '{"testi": '))).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('non è un file JSON valido') }));
    expect(() => loadPlainWords(assetsWith(PREPARATIONS_FILE, '{}'))).toThrow(DocumentAssetsError);
  });
});
