/**
 * The card protocols are pure functions over a transmit function, so they run the same against
 * recorded exchanges in unit tests, the virtual card, and a real reader through pcscd.
 */

/** Sends one command APDU; resolves with the response data followed by the two status bytes. */
export type Transmit = (apdu: Uint8Array) => Promise<Uint8Array>;

export type CardKind = 'patient' | 'operator' | 'unknown';

/** The patient's Tessera Sanitaria - CNS, as read from EF_Dati_personali and EF_IDCarta. */
export interface PatientCardData {
  codiceFiscale: string;
  surname: string;
  givenName: string;
  /** ISO dates YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
  cardExpiry: string;
  issueDate: string;
  /** EF_IDCarta as read (its length is unconfirmed: 13 or 16 bytes seen), as text. */
  cardSerial: string;
  /** Issuer code, field 1 of EF_Dati_personali. */
  issuer: string;
  birthPlaceCode: string | null;
  residencePlaceCode: string | null;
}

/** The operator's SISS / CRS card, identified by its authentication certificate. */
export interface OperatorCardData {
  codiceFiscale: string;
  /** The certificate's subject, as Node's X509Certificate prints it. */
  subject: string;
  certificateNotAfter: string;
}

/** How a card profile sends the PIN: OpenSC pads ASCII digits with FF to 8 bytes; other code does not. */
export type PinPadding = 'ff-to-8' | 'none';

export interface CardIdentity {
  kind: CardKind;
  patient?: PatientCardData;
  operator?: OperatorCardData;
  /** APDUs exchanged to reach this result (the benchmark's figure). */
  apdus: number;
  /** The card profile (profiles.ts) chosen from the ATR: PIN reference and padding for this card. */
  profileId?: string;
}
