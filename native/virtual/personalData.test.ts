import { describe, expect, it } from 'vitest';
import { parseDatiPersonali, toPatientCardData } from '../cards/datiPersonali';
import { cardOn, CardImageFile } from './cardImageFile';
import { encodePersonalData, PERSONAL_DATA_PATH, resolveCardDay, type PersonalDataSpec } from './personalData';

const SPEC: PersonalDataSpec = {
  issuer: '030',
  issueDate: 'today-600',
  expiryDate: 'today+1590',
  surname: 'ROSSI',
  givenName: 'MARIO',
  birthDate: '1958-04-12',
  sex: 'M',
  codiceFiscale: 'RSSMRA58D12G388C',
  birthPlaceCode: 'G388',
  residencePlaceCode: 'G388',
  residenceAddress: 'VIA ROMA 12',
};

describe("a virtual TS's personal data", () => {
  it('counts its days from the day the card goes in, across month, year and leap days', () => {
    expect(resolveCardDay('today', '2028-02-29')).toBe('2028-02-29');
    expect(resolveCardDay('today+1', '2028-02-28')).toBe('2028-02-29');
    expect(resolveCardDay('today+1', '2027-02-28')).toBe('2027-03-01');
    expect(resolveCardDay('today+1', '2027-12-31')).toBe('2028-01-01');
    expect(resolveCardDay('today-240', '2028-01-01')).toBe('2027-05-06');
    expect(resolveCardDay('2022-03-31', '2028-01-01')).toBe('2022-03-31');
  });

  it('reads back, through the card parser, as the same person with dates of that day', () => {
    const read = toPatientCardData(parseDatiPersonali(encodePersonalData(SPEC, '2027-03-28')), 'S');
    expect(read).toMatchObject({ codiceFiscale: 'RSSMRA58D12G388C', surname: 'ROSSI', birthDate: '1958-04-12', issueDate: '2025-08-05', cardExpiry: '2031-08-04' });
  });

  it('keeps the damaged and padded layouts', () => {
    const padded = encodePersonalData({ ...SPEC, padTo: 400 }, '2027-03-28');
    expect(padded.length).toBe(400);
    expect(() => parseDatiPersonali(encodePersonalData({ ...SPEC, declareExtra: 40 }, '2027-03-28'))).toThrow();
  });

  it('becomes a file of the card only when the card goes in, and never twice', () => {
    const file = CardImageFile.parse({ label: 'x', kind: 'patient', atr: '3B00', files: {}, pin: null, personalData: SPEC });
    expect(cardOn(file, '2028-02-29').files[PERSONAL_DATA_PATH]).toBe(encodePersonalData(SPEC, '2028-02-29').toString('hex').toUpperCase());
    expect(CardImageFile.safeParse({ ...file, files: { [PERSONAL_DATA_PATH]: '00' } }).success).toBe(false);
    expect(CardImageFile.safeParse({ ...file, personalData: { ...SPEC, expiryDate: 'next year' } }).success).toBe(false);
  });
});
