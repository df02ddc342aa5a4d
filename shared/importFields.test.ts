import { describe, expect, it } from 'vitest';
import {
  FIELD_LABEL,
  foldText,
  HEADER_SYNONYMS,
  headerMatch,
  headerWords,
  isAboutSomethingElse,
  MAPPED_FIELDS,
  normalizeHeader,
  type ColumnField,
} from './importFields';

const FIELDS = Object.keys(HEADER_SYNONYMS) as ColumnField[];

describe('import fields', () => {
  it('folds headers to plain lower-case words', () => {
    expect(foldText('  Cod. Fiscale ')).toBe('cod fiscale');
    expect(foldText('LIVELLO DI CRONICITA\'')).toBe('livello di cronicita');
    expect(headerWords(' Data di Nascita ')).toEqual(['data', 'di', 'nascita']);
    expect(headerWords('Livello_Cronicità')).toEqual(['livello', 'cronicita']);
    expect(headerWords(' -- ')).toEqual([]);
    expect(normalizeHeader('Cod.Fisc.')).toBe('codfisc');
  });

  it('writes every synonym already folded, each once', () => {
    for (const field of FIELDS) {
      const synonyms = HEADER_SYNONYMS[field];
      expect(new Set(synonyms).size).toBe(synonyms.length);
      for (const synonym of synonyms) expect(foldText(synonym)).toBe(synonym);
    }
  });

  it('has an Italian label for every field and maps a subset of them, codice fiscale first', () => {
    for (const field of FIELDS) expect(FIELD_LABEL[field]).toMatch(/^[A-Z]/);
    for (const field of MAPPED_FIELDS) expect(FIELDS).toContain(field);
    expect(MAPPED_FIELDS[0]).toBe('codiceFiscale');
  });

  it('grades a match: same name, words in a row, inside a word', () => {
    expect(headerMatch(headerWords('Cod.Fisc.'), 'cod fisc')).toBe(3);
    expect(headerMatch(headerWords('CODICEFISCALE'), 'codice fiscale')).toBe(3);
    expect(headerMatch(headerWords('Codice fiscale assistito'), 'codice fiscale')).toBe(2);
    expect(headerMatch(headerWords('Tel. abitazione'), 'tel')).toBe(2);
    expect(headerMatch(headerWords('DataNascitaPaziente'), 'data nascita')).toBe(1);
    // Synonyms under six letters only as whole words: "tel" is not found inside "Telefonino".
    expect(headerMatch(headerWords('Telefonino'), 'tel')).toBe(0);
    expect(headerMatch(headerWords('Note'), 'nome')).toBe(0);
    expect(headerMatch([], 'cf')).toBe(0);
  });

  it('sets aside headers about someone or something else', () => {
    expect(isAboutSomethingElse(headerWords('CF medico'), 'codiceFiscale')).toBe(true);
    expect(isAboutSomethingElse(headerWords('Cognome MMG'), 'surname')).toBe(true);
    expect(isAboutSomethingElse(headerWords('Luogo di nascita'), 'birthDate')).toBe(true);
    // "Comune" only rules out the birth date.
    expect(isAboutSomethingElse(headerWords('Comune'), 'surname')).toBe(false);
    expect(isAboutSomethingElse(headerWords('Data di nascita'), 'birthDate')).toBe(false);
  });
});
