import { and, eq, isNull, sql } from 'drizzle-orm';
import type { OperatorRole } from '../../shared/domain/operator';
import type { Db } from './database';
import { operators } from './schema';

export interface OperatorRow {
  codiceFiscale: string;
  name: string;
  role: OperatorRole | null;
  createdAt: string;
  lastLoginAt: string | null;
  disabledAt: string | null;
}

const columns = {
  codiceFiscale: operators.codiceFiscale,
  name: operators.name,
  role: operators.role,
  createdAt: operators.createdAt,
  lastLoginAt: operators.lastLoginAt,
  disabledAt: operators.disabledAt,
};

/** The studio's operators, by the codice fiscale of their card: name, role, whether disabled. */
export class OperatorStore {
  constructor(private readonly db: Db) {}

  get(codiceFiscale: string): OperatorRow | null {
    return this.db.select(columns).from(operators).where(eq(operators.codiceFiscale, codiceFiscale)).get() ?? null;
  }

  list(): OperatorRow[] {
    return this.db.select(columns).from(operators).orderBy(operators.name).all();
  }

  /** Whether the studio has an administrator yet: an MMG who is not disabled. */
  hasAdministrator(): boolean {
    return this.activeMmgs() > 0;
  }

  activeMmgs(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(operators)
        .where(and(eq(operators.role, 'mmg'), isNull(operators.disabledAt)))
        .get()?.n ?? 0
    );
  }

  /** Adds the operator, or gives a known one (without a role, or disabled) the role and enables him. */
  put(codiceFiscale: string, name: string, role: OperatorRole, at: string): void {
    this.db
      .insert(operators)
      .values({ codiceFiscale, name, role, createdAt: at })
      .onConflictDoUpdate({ target: operators.codiceFiscale, set: { name, role, disabledAt: null } })
      .run();
  }

  setRole(codiceFiscale: string, role: OperatorRole): void {
    this.db.update(operators).set({ role }).where(eq(operators.codiceFiscale, codiceFiscale)).run();
  }

  disable(codiceFiscale: string, at: string): void {
    this.db.update(operators).set({ disabledAt: at }).where(eq(operators.codiceFiscale, codiceFiscale)).run();
  }

  /** A login with card and PIN: the name on the card (when it has one) replaces the typed one. */
  recordLogin(codiceFiscale: string, name: string, at: string): void {
    this.db
      .update(operators)
      .set({ lastLoginAt: at, ...(name.trim() ? { name } : {}) })
      .where(eq(operators.codiceFiscale, codiceFiscale))
      .run();
  }

  /** Names by codice fiscale, for the audit trail. */
  names(): Map<string, string> {
    return new Map(this.db.select({ cf: operators.codiceFiscale, name: operators.name }).from(operators).all().map((o) => [o.cf, o.name]));
  }

  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(operators).get()?.n ?? 0;
  }
}
