import { z } from 'zod';

/**
 * EF_Dati_personali of a virtual Tessera Sanitaria, written from its fields when the card goes in.
 * Its issue and expiry dates may be counted from the day of insertion ("today-400", "today+1790")
 * so that a demo card is valid, or expired, on whatever day the demo runs.
 *
 * Encoded here from the published layout, independently of the parser in native/cards, so that
 * reading a virtual card checks that parser against a second implementation: 6 ASCII-hex digits
 * of payload length, then 16 fields, each 2 ASCII-hex digits of length and a Latin-1 value.
 */

export const PERSONAL_DATA_PATH = '3F00/1100/1102';

/** A day: an ISO date, or a number of days from the day the card is inserted. */
const CardDay = z.string().regex(/^(\d{4}-\d{2}-\d{2}|today([+-]\d{1,5})?)$/, 'a date is YYYY-MM-DD, today, today+N or today-N');

export const PersonalDataSpec = z.object({
  issuer: z.string(),
  issueDate: CardDay,
  expiryDate: CardDay,
  surname: z.string(),
  givenName: z.string(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['M', 'F']),
  codiceFiscale: z.string(),
  birthPlaceCode: z.string(),
  residencePlaceCode: z.string(),
  residenceAddress: z.string(),
  notes: z.string().default(''),
  /** Real files are larger than their payload: zeros after it, never read. */
  padTo: z.number().int().positive().optional(),
  /** A damaged card: the header declares this many bytes more than the file holds. */
  declareExtra: z.number().int().positive().optional(),
});
export type PersonalDataSpec = z.input<typeof PersonalDataSpec>;

/** The ISO date a CardDay names, counted from `today` (ISO) when relative. */
export function resolveCardDay(day: string, today: string): string {
  const m = /^today([+-]\d+)?$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + Number(m[1] ?? 0))).toISOString().slice(0, 10);
}

/** ISO YYYY-MM-DD -> DDMMYYYY, as the card stores dates. */
const cardDate = (iso: string): string => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

function latin1(text: string): Buffer {
  for (const ch of text) if (ch.charCodeAt(0) > 0xff) throw new Error(`"${ch}" is not Latin-1`);
  return Buffer.from(text, 'latin1');
}

const MAX_FILE_BYTES = 400;

/** The file's bytes for the card inserted on `today`. */
export function encodePersonalData(input: PersonalDataSpec, today: string): Buffer {
  const spec = PersonalDataSpec.parse(input);
  const fields = [
    spec.issuer,
    cardDate(resolveCardDay(spec.issueDate, today)),
    cardDate(resolveCardDay(spec.expiryDate, today)),
    spec.surname,
    spec.givenName,
    cardDate(spec.birthDate),
    spec.sex,
    '',
    spec.codiceFiscale,
    '',
    spec.birthPlaceCode,
    '',
    '',
    spec.residencePlaceCode,
    spec.residenceAddress,
    spec.notes,
  ];
  const payload = Buffer.concat(
    fields.map((f) => {
      const value = latin1(f);
      if (value.length > 255) throw new Error(`field too long: ${f}`);
      return Buffer.concat([Buffer.from(value.length.toString(16).toUpperCase().padStart(2, '0'), 'ascii'), value]);
    }),
  );
  const declared = payload.length + (spec.declareExtra ?? 0);
  const file = Buffer.concat([Buffer.from(declared.toString(16).toUpperCase().padStart(6, '0'), 'ascii'), payload]);
  if (file.length > MAX_FILE_BYTES) throw new Error(`EF_Dati_personali over ${MAX_FILE_BYTES} bytes`);
  if (spec.padTo && spec.padTo > file.length) return Buffer.concat([file, Buffer.alloc(spec.padTo - file.length)]);
  return file;
}
