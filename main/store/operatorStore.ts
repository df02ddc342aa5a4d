import { eq } from 'drizzle-orm';
import type { OperatorRole } from '../../shared/domain/operator';
import type { Db } from './database';
import { operators } from './schema';

export class OperatorStore {
  constructor(private readonly db: Db) {}

  roleOf(codiceFiscale: string): OperatorRole | null {
    return this.db.select({ role: operators.role }).from(operators).where(eq(operators.codiceFiscale, codiceFiscale)).get()?.role ?? null;
  }
}
