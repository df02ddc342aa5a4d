import type { CardsState, SessionOperator } from '../../shared/contract/cards';
import type { PatientCardData } from '../../native/cards/types';
import type { CardSession } from './cardSession';

/** The cards as the UI sees them: readers, cards (linked to stored patients), the login. */
export class CardsService {
  constructor(
    private readonly session: CardSession,
    /** The stored patient with this codice fiscale, if any. */
    private readonly patientIdOf: (codiceFiscale: string) => number | null,
    /** Remembers who logged in (the operators' names for the audit trail). */
    private readonly onLogin: (operator: SessionOperator) => void,
  ) {}

  state(): CardsState {
    return this.session.state(this.patientIdOf);
  }

  async login(pin: string): Promise<SessionOperator> {
    const operator = await this.session.login(pin);
    this.onLogin(operator);
    return operator;
  }

  logout(): void {
    this.session.logout();
  }

  /** The Tessera Sanitaria in a reader, read; CardMissingError when there is none. */
  requirePatientCard(): PatientCardData {
    return this.session.requirePatientCard();
  }
}
