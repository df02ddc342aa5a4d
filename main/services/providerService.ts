import type { ProviderView } from '../../shared/contract/bookings';
import { PROVIDERS } from '../../shared/domain/providers';
import type { Store } from '../store/store';

/** The network's providers a booking may name: the shipped CMMC lists of ATS Milano and Pavia, then the studio's edits. */
export class ProviderService {
  constructor(private readonly store: Store) {
    store.transaction(() => store.providers.seedIfEmpty(PROVIDERS));
  }

  list(): ProviderView[] {
    return this.store.providers.list();
  }
}
