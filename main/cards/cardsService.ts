import type { CardsState, SessionOperator } from '../../shared/contract/cards';
import type { PatientCardData } from '../../native/cards/types';
import { NotLoggedInError } from '../api/access';
import type { OperatorService } from '../services/operatorService';
import type { CardSession } from './cardSession';

/** The cards as the UI sees them: readers, cards (linked to stored patients), the login. */
export class CardsService {
  constructor(
    private readonly session: CardSession,
    /** The stored patient with this codice fiscale, if any. */
    private readonly patientIdOf: (codiceFiscale: string) => number | null,
    /** Who may log in; remembers who did (the operators' names for the audit trail). */
    private readonly operators: OperatorService,
  ) {}

  state(): CardsState {
    return this.session.state(this.patientIdOf);
  }

  async login(pin: string): Promise<SessionOperator> {
    const operator = await this.session.login(pin);
    this.operators.recordLogin(operator.codiceFiscale, operator.name);
    return operator;
  }

  /** The operator logged in on a folder without an administrator confirms he is the studio's MMG. */
  claimAdministrator(): SessionOperator {
    const operator = this.session.operator;
    if (!operator) throw new NotLoggedInError();
    this.operators.claimAdministrator(operator);
    this.session.setRole('mmg');
    return this.session.operator!;
  }

  logout(): void {
    this.session.logout();
  }

  /** The Tessera Sanitaria in a reader, read; CardMissingError when there is none. */
  requirePatientCard(): PatientCardData {
    return this.session.requirePatientCard();
  }
}
