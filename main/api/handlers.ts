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
      mode: core.store.kind,
      version: core.version,
      dataDir: core.dataDir,
      databaseFile: core.store.database.file,
      schemaVersion: core.store.database.schemaVersion,
      patientCount: services.patients.count(),
    }),
    'clock.get': () => ({ today: core.today() }),
    'status.get': () => ({
      sync: { available: false, reason: `Sincronizzazione: ${NOT_YET}` },
    }),
    'patients.search': ({ text }) => services.patients.search(text),
    'patients.get': ({ id }) => services.patients.get(id),
    'patients.createFromCard': () => services.patients.createFromCard(core.session.requirePatientCard(), core.operatorCf()),
    'patients.create': (p) => services.patients.create(p, core.operatorCf()),
    'patients.updateContacts': ({ id, ...contacts }) => services.patients.updateContacts(id, contacts, core.operatorCf()),
    'walkin.record': (input) => services.walkIn.record(input, core.operatorCf()),
    'calls.list': ({ limit, offset }) => services.calls.list(limit, offset),
    'calls.record': (input) => services.calls.record(input, core.operatorCf()),
    'enrollment.get': ({ patientId }) => services.enrollment.get(patientId),
    'enrollment.list': ({ state }) => ({ enrollments: services.enrollment.list(state) }),
    'enrollment.register': ({ patientId }) => services.enrollment.register(patientId),
    'enrollment.document': ({ enrollmentId, kind }) => services.enrollment.document(enrollmentId, kind),
    'enrollment.sign': ({ enrollmentId, patto, privacy }) => services.enrollment.sign(enrollmentId, { patto, privacy }),
    'enrollment.withdraw': ({ enrollmentId, reason }) => services.enrollment.withdraw(enrollmentId, reason),
    'enrollment.renew': ({ enrollmentId }) => services.enrollment.renew(enrollmentId),
    'deadlines.get': () => services.deadlines.get(),
    'audit.forPatient': ({ patientId }) => {
      services.patients.get(patientId);
      return { entries: core.store.audit.forEntity('patient', patientId) };
    },
    'settings.studio.get': () => services.enrollment.studio(),
    'settings.studio.set': (settings) => services.enrollment.setStudio(settings),
    'cards.state': () => core.cardsState(),
    'session.login': ({ pin }) => core.session.login(pin),
    'session.logout': () => {
      core.session.logout();
      return {};
    },
    'demo.cards.state': () => core.demoCards.state(),
    'demo.cards.insert': ({ slot, image }) => core.demoCards.insert(slot, image),
    'demo.cards.remove': ({ slot }) => core.demoCards.remove(slot),
    'import.adapters': async () => {
      await core.importer.ready();
      return {
        adapters: core.importer.registry.list().map(({ adapter, plugin }) => ({ id: adapter.id, name: adapter.name, description: adapter.description, source: adapter.source, plugin })),
        failures: core.importer.registry.pluginFailures(),
      };
    },
    'import.preview': async ({ adapter, options, limit }) => {
      await core.importer.ready();
      return core.importer.engine.preview(adapter, options, limit);
    },
    'import.run': async ({ adapter, options, dryRun }) => {
      await core.importer.ready();
      return core.importer.engine.run(adapter, options, { dryRun, operatorCf: core.operatorCf() });
    },
    'import.cancel': ({ runId }) => ({ cancelled: core.importer.engine.cancel(runId) }),
    'import.runs': () => ({ runs: core.importer.engine.runs() }),
    'import.rejects': ({ runId }) => ({ rejects: core.importer.engine.rejects(runId) }),
    'import.undo': ({ runId }) => core.importer.engine.undo(runId, core.operatorCf()),
    'import.fileHeaders': ({ path }) => core.importer.fileHeaders(path),
    'import.mappings': async () => ({ mappings: await core.importer.mappings() }),
    'import.saveMapping': ({ name, mapping }) => core.importer.saveMapping(name, mapping),
    'demo.seed': ({ patients, seed }) => services.demoSeed.seed(patients, seed),
  };
}
