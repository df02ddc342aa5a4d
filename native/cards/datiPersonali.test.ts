import { describe, expect, it } from 'vitest';
import { omocodeVariant } from '../../shared/domain/codiceFiscale';
import { encodeLatin1, fromHex, toHex } from './bytes';
import { encodeDatiPersonali, parseDatiPersonali, payloadLength, toPatientCardData, type DatiPersonaliRecord } from './datiPersonali';
import { CardDataError } from './errors';
import { ROSSI_FILE, ROSSI_HEADER, ROSSI_PAYLOAD } from '../../test/doubles/cards/recordings';

const ROSSI: DatiPersonaliRecord = {
  issuerCode: '030',
  issueDate: '01042025',
  expiryDate: '31032031',
  surname: 'ROSSI',
  givenName: 'MARIO',
  birthDate: '12041958',
  sex: 'M',
  height: '',
  codiceFiscale: 'RSSMRA58D12G388C',
  citizenship: '',
  birthMunicipalityCode: 'G388',
  birthCountry: '',
  birthCertificateRef: '',
  residenceMunicipalityCode: 'G388',
  residenceAddress: 'VIA ROMA 12',
  notes: '',
};

const withRecord = (changes: Partial<DatiPersonaliRecord>) => encodeDatiPersonali({ ...ROSSI, ...changes });
const ascii = (s: string) => encodeLatin1(s);

describe('EF_Dati_personali', () => {
  it('parses the hand-written file', () => {
    expect(parseDatiPersonali(fromHex(ROSSI_FILE))).toEqual(ROSSI);
    expect(toHex(encodeDatiPersonali(ROSSI))).toBe(toHex(fromHex(ROSSI_FILE)));
  });

  it('ignores bytes after the declared payload', () => {
    expect(parseDatiPersonali(fromHex(`${ROSSI_FILE} 00000000 FFFF 4142`))).toEqual(ROSSI);
  });

  it('decodes Latin-1 without dropping anything', () => {
    // "PERÒ" = 50 45 52 D2, "NICOLÒ" with D2, "DELL'ACQUA" with 27, "LIBERTÀ" with C0.
    const file = withRecord({ surname: "DELL'ACQUA PERÒ", givenName: 'NICOLÒ', residenceAddress: 'PIAZZA DELLA LIBERTÀ 3' });
    expect(toHex(file)).toContain('44454C4C27414351554120504552D2');
    const r = parseDatiPersonali(file);
    expect(r.surname).toBe("DELL'ACQUA PERÒ");
    expect(r.givenName).toBe('NICOLÒ');
    expect(r.residenceAddress).toBe('PIAZZA DELLA LIBERTÀ 3');
  });

  it('turns the record into patient data', () => {
    expect(toPatientCardData(parseDatiPersonali(fromHex(ROSSI_FILE)), '8038010000123456')).toEqual({
      codiceFiscale: 'RSSMRA58D12G388C',
      surname: 'ROSSI',
      givenName: 'MARIO',
      birthDate: '1958-04-12',
      sex: 'M',
      cardExpiry: '2031-03-31',
      issueDate: '2025-04-01',
      cardSerial: '8038010000123456',
      issuer: '030',
      birthPlaceCode: 'G388',
      residencePlaceCode: 'G388',
    });
  });

  it('accepts an omocode codice fiscale', () => {
    const omocode = omocodeVariant('RSSMRA58D12G388C', 2);
    expect(omocode).not.toBe('RSSMRA58D12G388C');
    expect(toPatientCardData(parseDatiPersonali(withRecord({ codiceFiscale: omocode })), 'x').codiceFiscale).toBe(omocode);
  });

  it('empty municipality codes become null', () => {
    const p = toPatientCardData(parseDatiPersonali(withRecord({ birthMunicipalityCode: '', residenceMunicipalityCode: '' })), 'x');
    expect(p.birthPlaceCode).toBeNull();
    expect(p.residencePlaceCode).toBeNull();
  });

  describe('lengths that do not add up are CardDataError', () => {
    const bad = (hex: string) => () => parseDatiPersonali(fromHex(hex));

    it('header not hex, zero, or over the 400-byte cap', () => {
      expect(bad(`30303030 5A 39 ${ROSSI_PAYLOAD}`)).toThrow(CardDataError); // "0000Z9"
      expect(bad(`202020203639 ${ROSSI_PAYLOAD}`)).toThrow(CardDataError); // "    69"
      expect(bad('303030303030')).toThrow(CardDataError); // "000000"
      expect(() => payloadLength(ascii('00018B'))).toThrow(/cap/); // 395 + 6 > 400
      expect(payloadLength(ascii('00018A'))).toBe(394);
    });

    it('the file ends before the declared payload', () => {
      expect(bad(`30303030 3741 ${ROSSI_PAYLOAD}`)).toThrow(/declares 122/); // "00007A"
    });

    it('a field overruns the declared payload', () => {
      expect(bad(`30303030 3630 ${ROSSI_PAYLOAD}`)).toThrow(/overruns/); // "000060": 96 < 105
    });

    it('a field length is not hex', () => {
      expect(bad(`${ROSSI_HEADER} 3033 303330 3038 3031303432303235 3038 3331303332303331 3035 524F535349 3035 4D4152494F 3038 3132303431393538 3031 4D 3030 3130 5253534D524135384431324733383843 3030 3034 47333838 3030 3030 3034 47333838 3042 56494120524F4D41203132 2D31`)).toThrow(/not ASCII hex/);
    });

    it('the payload ends before field 16', () => {
      // Header says 103: the last field's length ("00") falls outside.
      expect(bad(`30303030 3637 ${ROSSI_PAYLOAD}`)).toThrow(/before field 16/);
    });

    it('unexplained bytes inside the declared payload (padding is fine)', () => {
      expect(bad(`30303030 3642 ${ROSSI_PAYLOAD} 41 42`)).toThrow(/unexplained/); // "00006B" + "AB"
      expect(parseDatiPersonali(fromHex(`30303030 3642 ${ROSSI_PAYLOAD} 00 FF`))).toEqual(ROSSI);
    });
  });

  it('invalid dates, sex and codice fiscale are CardDataError', () => {
    const data = (changes: Partial<DatiPersonaliRecord>) => () => toPatientCardData(parseDatiPersonali(withRecord(changes)), 'x');
    expect(data({ birthDate: '31021958' })).toThrow(CardDataError);
    expect(data({ expiryDate: '2031-03-31' })).toThrow(CardDataError);
    expect(data({ issueDate: '' })).toThrow(CardDataError);
    expect(data({ sex: 'X' })).toThrow(CardDataError);
    expect(data({ codiceFiscale: 'RSSMRA58D12G388D' })).toThrow(/not valid/);
    expect(data({ codiceFiscale: '' })).toThrow(CardDataError);
    expect(data({ surname: '' })).toThrow(CardDataError);
  });
});
