import type { syncCalls } from '../../../shared/contract/sync';
import type { SyncService } from '../../sync/syncService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function syncHandlers(s: { sync: SyncService }): HandlersOf<typeof syncCalls> {
  return {
    'sync.status': () => s.sync.status(),
    'sync.run': () => s.sync.run(),
    'sync.retry': ({ uid }, ctx) => s.sync.retry(uid, operatorCf(ctx)),
    'sync.resolve': ({ id, keep }, ctx) => s.sync.resolve(id, keep, operatorCf(ctx)),
    'sync.checkPatient': ({ patientId }) => s.sync.checkPatient(patientId),
    'settings.centroServizi.get': () => s.sync.centroServizi(),
    'settings.centroServizi.set': (change, ctx) => s.sync.configure(change, operatorCf(ctx)),
  };
}
