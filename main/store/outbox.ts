import type { Db } from './database';
import { outbox } from './schema';

export interface OutboxItem {
  /** FHIR resource type: EpisodeOfCare, Consent, ... */
  resourceType: string;
  /** The business identifier the server's conditional create uses, so a retry never duplicates. */
  businessId: string;
  payload: unknown;
}

/** Changes waiting for the Centro Servizi. Callers enqueue inside the transaction of the change. */
export class Outbox {
  constructor(private readonly db: Db) {}

  enqueue(item: OutboxItem): void {
    this.db.insert(outbox).values({ resourceType: item.resourceType, businessId: item.businessId, payload: JSON.stringify(item.payload) }).run();
  }
}
