import { z } from 'zod';
import { PUBLIC } from '../domain/access';
import { IsoDate } from '../domain/dates';
import { OperatorRole } from '../domain/operator';
import { NoInput } from './fields';

/** Smart cards: readers, cards, the operator session (login with card and PIN), demo cards' state. */

export const PatientCardView = z.object({
  codiceFiscale: z.string(),
  surname: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  sex: z.enum(['M', 'F']),
  cardExpiry: IsoDate,
  issueDate: IsoDate,
  cardSerial: z.string(),
  issuer: z.string(),
  /** The card's expiry is before today: it cannot authorize an enrollment. */
  expired: z.boolean(),
  /** The stored patient with this codice fiscale, if any. */
  patientId: z.number().int().nullable(),
});
export type PatientCardView = z.infer<typeof PatientCardView>;

export const OperatorCardView = z.object({
  codiceFiscale: z.string(),
  subject: z.string(),
  name: z.string(),
});
export type OperatorCardView = z.infer<typeof OperatorCardView>;

export const CardView = z.object({
  atr: z.string(),
  kind: z.enum(['patient', 'operator', 'unknown']),
  /** reading: being identified; ready: read; error: could not be read (see error); mute: no answer. */
  status: z.enum(['reading', 'ready', 'error', 'mute']),
  patient: PatientCardView.nullable(),
  operator: OperatorCardView.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type CardView = z.infer<typeof CardView>;

export const ReaderView = z.object({ name: z.string(), card: CardView.nullable() });
export type ReaderView = z.infer<typeof ReaderView>;

export const SessionOperator = z.object({
  codiceFiscale: z.string(),
  name: z.string(),
  role: OperatorRole.nullable(),
  reader: z.string(),
  since: z.string(),
});
export type SessionOperator = z.infer<typeof SessionOperator>;

export const CardsState = z.object({
  service: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  readers: z.array(ReaderView),
  /** Logged in with operator card + PIN; null means the UI is locked. */
  operator: SessionOperator.nullable(),
  /** Both cards in, PIN verified, TS valid: enrollment may be registered now. */
  authorization: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  /** Something the user must fix to use the cards (e.g. only one reader). */
  warning: z.string().nullable(),
});
export type CardsState = z.infer<typeof CardsState>;

export const DemoCardsState = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  images: z.array(z.object({ id: z.string(), label: z.string(), kind: z.enum(['patient', 'operator', 'unknown']), pin: z.string().nullable() })),
  slots: z.array(z.object({ slot: z.number().int(), reader: z.string(), image: z.string().nullable() })),
});
export type DemoCardsState = z.infer<typeof DemoCardsState>;

export const Pin = z.string().regex(/^\d{4,8}$/, 'Il PIN è composto da 4 a 8 cifre.');

export const cardCalls = {
  'cards.state': { access: PUBLIC, input: NoInput, output: CardsState },
  'session.login': { access: PUBLIC, input: z.object({ pin: Pin }), output: SessionOperator },
  'session.logout': { access: 'card', input: NoInput, output: z.object({}) },
} as const;

export const cardEvents = {
  /** Readers, cards, the operator session or the authorization changed. */
  'cards.changed': CardsState,
} as const;
