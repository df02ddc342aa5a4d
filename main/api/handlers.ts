import type { z } from 'zod';
import type { ApiCalls, CallName, CallOutput } from '../../shared/api';
import type { Core } from '../core';

export type Handler<N extends CallName> = (input: z.output<ApiCalls[N]['input']>) => CallOutput<N> | Promise<CallOutput<N>>;
export type Handlers = { [N in CallName]: Handler<N> };

const NOT_YET = 'non ancora disponibile';

/** The contract implemented once; both transports call into this table through dispatch(). */
export function createHandlers(core: Core): Handlers {
  const { services } = core;
  return {
    'app.info': () => ({
      name: core.appName,
      version: core.version,
      dataDir: core.dataDir,
      databaseFile: core.store.database.file,
      schemaVersion: core.store.database.schemaVersion,
      patientCount: services.patients.count(),
    }),
    'status.get': () => ({
      operator: { available: false, reason: `Operatore: ${NOT_YET}` },
      cardReaders: { available: false, reason: `Lettori di carte: ${NOT_YET}` },
      sync: { available: false, reason: `Sincronizzazione: ${NOT_YET}` },
    }),
    'patients.search': ({ text }) => services.patients.search(text),
    'patients.get': ({ id }) => services.patients.get(id),
    'demo.seed': ({ patients, seed }) => services.demoSeed.seed(patients, seed),
  };
}
