import { AppError } from '../../shared/errors';

/** Base of everything a card or a reader can go wrong with. */
export class CardError extends AppError {}

/** The card left the reader (or lost power) while we were talking to it. */
export class CardRemovedError extends CardError {
  constructor(readonly reader: string) {
    super('card-removed', `card removed from "${reader}" during the operation`, 'La carta è stata estratta durante la lettura: reinserirla e riprovare. Nulla è stato registrato.');
  }
}

/** The card answered with a status word other than 90 00 where success was required. */
export class CardStatusError extends CardError {
  constructor(readonly sw: number, readonly command: string) {
    const hex = sw.toString(16).toUpperCase().padStart(4, '0');
    super('card-status', `card answered ${hex} to ${command}`, `La carta ha rifiutato l'operazione (codice ${hex}): carta non riconosciuta o danneggiata.`);
  }
}

/** What the card returned does not add up (lengths, encodings): never half-parsed. */
export class CardDataError extends CardError {
  constructor(detail: string) {
    super('card-data', `card data malformed: ${detail}`, 'I dati letti dalla carta non sono validi: la carta potrebbe essere danneggiata o di un tipo non supportato.');
  }
}

export class WrongPinError extends CardError {
  constructor(readonly triesLeft: number) {
    super(
      'wrong-pin',
      `wrong PIN, ${triesLeft} tries left`,
      triesLeft === 1
        ? 'PIN errato. Resta un solo tentativo: un altro errore bloccherà la carta.'
        : `PIN errato. Tentativi rimasti: ${triesLeft}.`,
    );
  }
}

export class PinBlockedError extends CardError {
  constructor() {
    super('pin-blocked', 'PIN blocked', 'Il PIN della carta è bloccato. Per sbloccarlo serve il PUK (rivolgersi a chi ha rilasciato la carta).');
  }
}

/** The reader could not exchange data with the card (PC/SC transmit or connect failed). */
export class CardCommunicationError extends CardError {
  constructor(readonly reader: string, cause: string) {
    super('card-communication', `communication with the card in "${reader}" failed: ${cause}`, 'Errore di comunicazione con la carta: estrarla, reinserirla e riprovare.');
  }
}

/** pcscd is not running or not reachable. */
export class CardServiceUnavailableError extends CardError {
  constructor(cause: string) {
    super('card-service-unavailable', `PC/SC service unavailable: ${cause}`, 'Il servizio dei lettori di smart card non è disponibile: verificare che il lettore sia collegato e il servizio PC/SC attivo.');
  }
}

/** No card, or the wrong kind of card, in the reader an operation needed. */
export class CardMissingError extends CardError {
  constructor(code: string, message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

/**
 * The PIN typed is not 4 to 8 digits. Raised before anything is sent to the card, so it never
 * costs a try.
 */
export class InvalidPinFormatError extends CardError {
  constructor(readonly pinLength: number) {
    super('invalid-pin-format', `PIN must be 4 to 8 digits (got ${pinLength} characters)`, 'Il PIN deve essere composto da 4 a 8 cifre. Nessun tentativo è stato consumato.');
  }
}
