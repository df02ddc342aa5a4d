import { asc, eq } from 'drizzle-orm';
import type { Provider } from '../../shared/domain/providers';
import type { Db } from './database';
import { providers } from './schema';

export type ProviderRow = typeof providers.$inferSelect;

/** The providers of the cooperative's network, seeded once from the shipped list. */
export class ProviderStore {
  constructor(private readonly db: Db) {}

  /** Fills an empty catalogue (a new archive, or one migrated from before bookings existed). */
  seedIfEmpty(seed: readonly Provider[]): number {
    if (this.db.select({ code: providers.code }).from(providers).limit(1).get()) return 0;
    for (const p of seed) this.db.insert(providers).values({ code: p.code, name: p.name, ats: p.networks.map((n) => n.ats).join(','), kind: p.kind, address: p.address, phone: null, inNetwork: true }).run();
    return seed.length;
  }

  list(): ProviderRow[] {
    return this.db.select().from(providers).orderBy(asc(providers.name)).all();
  }

  /** Whether the code is in the catalogue, in the network or taken out of it. */
  has(code: string): boolean {
    return this.db.select({ code: providers.code }).from(providers).where(eq(providers.code, code)).get() !== undefined;
  }

  /** Codes a booking may name now. */
  network(): Set<string> {
    return new Set(this.db.select({ code: providers.code }).from(providers).where(eq(providers.inNetwork, true)).all().map((r) => r.code));
  }
}
