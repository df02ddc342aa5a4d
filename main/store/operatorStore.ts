import { eq, sql } from 'drizzle-orm';
import type { OperatorRole } from '../../shared/domain/operator';
import type { Db } from './database';
import { operators } from './schema';

/** The studio's operators: who has logged in with a card, by codice fiscale, with the name on the card. */
export class OperatorStore {
  constructor(private readonly db: Db) {}

  roleOf(codiceFiscale: string): OperatorRole | null {
    return this.db.select({ role: operators.role }).from(operators).where(eq(operators.codiceFiscale, codiceFiscale)).get()?.role ?? null;
  }

  /** A login with card and PIN: the operator is known from now on, under the name on the card. */
  recordLogin(codiceFiscale: string, name: string, at: string): void {
    this.db
      .insert(operators)
      .values({ codiceFiscale, name, lastLoginAt: at, createdAt: at })
      .onConflictDoUpdate({ target: operators.codiceFiscale, set: { name, lastLoginAt: at } })
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
