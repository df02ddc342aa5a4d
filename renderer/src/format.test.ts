import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatCount,
  formatDayLong,
  formatDayShort,
  formatSize,
  levelDescription,
  levelShort,
  orNotGiven,
  pathologyConfirmationLabel,
  pathologySourceLabel,
  patientCountShort,
  patientCountText,
  percent,
  resultCountText,
  seedResultText,
  sexLabel,
} from './format';

describe('dates and ages', () => {
  it('names a day in Italian, whatever the zone of the PC', () => {
    expect(formatDayLong('2027-12-31')).toBe('venerdì 31 dicembre 2027');
    expect(formatDayLong('2028-02-29')).toBe('martedì 29 febbraio 2028');
    expect(formatDayLong('2027-03-28')).toBe('domenica 28 marzo 2027');
    expect(formatDayShort('2027-12-31')).toBe('ven 31 dic 2027');
  });
  it('says the age in Italian, counting the birthday', () => {
    expect(formatAge('1950-03-07', '2024-03-06')).toBe('73 anni');
    expect(formatAge('1950-03-07', '2024-03-07')).toBe('74 anni');
    expect(formatAge('2023-01-01', '2024-06-01')).toBe('1 anno');
    expect(formatAge('2024-01-01', '2024-06-01')).toBe('0 anni');
  });
});

describe('levels', () => {
  it('has short and full forms', () => {
    expect(levelShort(1)).toBe('Livello 1');
    expect(levelShort(null)).toBe('Non indicato');
    expect(levelDescription(2)).toBe('cronicità polipatologica');
    expect(levelDescription(null)).toBe('');
  });
});

describe('patient facts', () => {
  it('names the pathology sources as the studio says them', () => {
    expect(pathologySourceLabel('ats')).toBe('lista ATS');
    expect(pathologySourceLabel('icd9')).toBe('diagnosi (ICD9-CM)');
    expect(pathologySourceLabel('mmg')).toBe('inserita dal medico');
    expect(pathologySourceLabel('altro')).toBe('altro');
    expect(pathologyConfirmationLabel(false)).toBe('da confermare');
    expect(pathologyConfirmationLabel(true)).toBe('confermata');
  });
  it('spells sex and missing contacts', () => {
    expect(sexLabel('F')).toBe('Femmina');
    expect(sexLabel('M')).toBe('Maschio');
    expect(orNotGiven(null)).toBe('non indicato');
    expect(orNotGiven('  ')).toBe('non indicato');
    expect(orNotGiven(' 0382 123 ')).toBe('0382 123');
  });
});

describe('counts', () => {
  it('groups thousands the Italian way', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(2000)).toBe('2.000');
    expect(formatCount(200000)).toBe('200.000');
  });
  it('gives file sizes in Italian', () => {
    expect(formatSize(812)).toBe('812 byte');
    expect(formatSize(12_500)).toBe('12,5 kB');
    expect(formatSize(1_234_567)).toBe('1,2 MB');
  });
  it('reports a seeding', () => {
    expect(seedResultText(500, 0)).toBe('Creati 500 pazienti, 0 già presenti');
    expect(seedResultText(1, 1)).toBe('Creato 1 paziente, 1 già presente');
    expect(seedResultText(1500, 2000)).toBe('Creati 1.500 pazienti, 2.000 già presenti');
  });
  it('summarises a search', () => {
    expect(resultCountText(0, false)).toBe('Nessun paziente trovato');
    expect(resultCountText(1, false)).toBe('1 paziente trovato');
    expect(resultCountText(12, false)).toBe('12 pazienti trovati');
    expect(resultCountText(50, true)).toBe('Mostrati i primi 50: restringere la ricerca');
  });
  it('computes progress percentages safely', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(250, 500)).toBe(50);
    expect(percent(499, 500)).toBe(99);
    expect(percent(600, 500)).toBe(100);
  });
  it('counts patients in the archive', () => {
    expect(patientCountText(1)).toBe('1 paziente in archivio');
    expect(patientCountText(2000)).toBe('2.000 pazienti in archivio');
    expect(patientCountShort(1)).toBe('1 paziente');
    expect(patientCountShort(2000)).toBe('2.000 pazienti');
  });
});
