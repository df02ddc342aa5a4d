import type { OperatorView } from '../../shared/contract/operators';
import type { OperatorRole } from '../../shared/domain/operator';
import { AppError } from '../../shared/errors';
import type { Clock } from '../clock';
import { createLogger } from '../log';
import type { OperatorRow } from '../store/operatorStore';
import type { Store } from '../store/store';

const log = createLogger('operators');

export class UnknownOperatorError extends AppError {
  constructor(codiceFiscale: string) {
    super(
      'operator-unknown',
      `operator card ${codiceFiscale.slice(0, 6)}… is not registered in this studio`,
      'Questa carta operatore non è registrata nello studio: il medico può aggiungerla in Impostazioni, Operatori.',
    );
  }
}

export class OperatorDisabledError extends AppError {
  constructor(codiceFiscale: string) {
    super('operator-disabled', `operator ${codiceFiscale.slice(0, 6)}… is disabled`, "Questo operatore è stato disabilitato dal medico dello studio: l'accesso non è consentito.");
  }
}

export class AdministratorExistsError extends AppError {
  constructor() {
    super('administrator-exists', 'the studio already has an administrator', 'Lo studio ha già un medico amministratore: è lui ad assegnare i ruoli.');
  }
}

export class LastAdministratorError extends AppError {
  constructor() {
    super('last-administrator', 'the last active MMG cannot lose the role or be disabled', 'Lo studio deve avere almeno un medico attivo: aggiungere prima un altro medico.');
  }
}

export class OperatorNotFoundError extends AppError {
  constructor() {
    super('not-found', 'operator not found', 'Operatore non trovato.');
  }
}

const view = (o: OperatorRow): OperatorView => ({ codiceFiscale: o.codiceFiscale, name: o.name, role: o.role, disabled: o.disabledAt !== null, lastLoginAt: o.lastLoginAt });

/**
 * Who may log in, and as what. On a folder without an administrator any operator card may log
 * in, with no role, only to confirm he is the studio's MMG; from then on the administrator adds
 * the others, and unknown or disabled cards are refused before their PIN is asked.
 */
export class OperatorService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The role the card logs in with (null: none yet, administrator to be confirmed); throws a refusal. */
  admit(codiceFiscale: string): OperatorRole | null {
    const operator = this.store.operators.get(codiceFiscale);
    if (!this.store.operators.hasAdministrator()) return null;
    if (!operator || operator.role === null) throw new UnknownOperatorError(codiceFiscale);
    if (operator.disabledAt !== null) throw new OperatorDisabledError(codiceFiscale);
    return operator.role;
  }

  list(): OperatorView[] {
    return this.store.operators.list().map(view);
  }

  add(input: { codiceFiscale: string; role: OperatorRole; name?: string }, actor: string | null): OperatorView {
    const known = this.store.operators.get(input.codiceFiscale);
    const name = input.name || known?.name || '';
    return this.change(input.codiceFiscale, actor, 'operator.add', { role: input.role, name }, () =>
      this.store.operators.put(input.codiceFiscale, name, input.role, this.clock.now().toISOString()),
    );
  }

  setRole(codiceFiscale: string, role: OperatorRole, actor: string | null): OperatorView {
    const operator = this.existing(codiceFiscale);
    if (operator.role === 'mmg' && role !== 'mmg' && operator.disabledAt === null) this.keepOneAdministrator();
    return this.change(codiceFiscale, actor, 'operator.role', { from: operator.role, to: role }, () => this.store.operators.setRole(codiceFiscale, role));
  }

  disable(codiceFiscale: string, actor: string | null): OperatorView {
    const operator = this.existing(codiceFiscale);
    if (operator.role === 'mmg' && operator.disabledAt === null) this.keepOneAdministrator();
    return this.change(codiceFiscale, actor, 'operator.disable', null, () => this.store.operators.disable(codiceFiscale, this.clock.now().toISOString()));
  }

  /** The first operator of a new folder confirms he is the studio's MMG: he becomes its administrator. */
  claimAdministrator(operator: { codiceFiscale: string; name: string }): OperatorView {
    return this.store.transaction(() => {
      if (this.store.operators.hasAdministrator()) throw new AdministratorExistsError();
      const now = this.clock.now().toISOString();
      this.store.operators.put(operator.codiceFiscale, operator.name, 'mmg', now);
      // He has just logged in: the login was not recorded while he was nobody's operator.
      this.store.operators.recordLogin(operator.codiceFiscale, operator.name, now);
      this.store.audit.append({ operatorCf: operator.codiceFiscale, action: 'operator.administrator', entity: 'operator', entityId: operator.codiceFiscale, detail: { name: operator.name } });
      log.info('studio administrator confirmed');
      return view(this.existing(operator.codiceFiscale));
    });
  }

  /** Remembers when the operator logged in, and his name as the card gives it. */
  recordLogin(codiceFiscale: string, name: string): void {
    this.store.operators.recordLogin(codiceFiscale, name, this.clock.now().toISOString());
  }

  private existing(codiceFiscale: string): OperatorRow {
    const operator = this.store.operators.get(codiceFiscale);
    if (!operator) throw new OperatorNotFoundError();
    return operator;
  }

  private keepOneAdministrator(): void {
    if (this.store.operators.activeMmgs() <= 1) throw new LastAdministratorError();
  }

  private change(codiceFiscale: string, actor: string | null, action: string, detail: unknown, write: () => void): OperatorView {
    return this.store.transaction(() => {
      write();
      this.store.audit.append({ operatorCf: actor, action, entity: 'operator', entityId: codiceFiscale, detail });
      log.info('operator changed', { action });
      return view(this.existing(codiceFiscale));
    });
  }
}
