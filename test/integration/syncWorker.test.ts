import { afterEach, describe, expect, it } from 'vitest';
import { syncWorkerFile } from '../../main/paths';
import { WorkerRunner } from '../../main/sync/runners';
import { patientIds, registerWithoutCards } from '../support/syncStudio';
import { syncWorldEachTest } from '../support/syncWorld';

const world = syncWorldEachTest('2026-03-02T08:00:00Z', { token: 'segreto-del-centro-servizi' });
const runners: WorkerRunner[] = [];

afterEach(async () => {
  for (const r of runners.splice(0)) await r.close();
});

describe('the sync worker thread', () => {
  it('drains the outbox on its own connection with the token the main process hands it, and reports each run', async () => {
    const c = world.studio({ patients: 3 });
    c.services.sync.configure({ token: 'segreto-del-centro-servizi' }, null);
    for (const id of patientIds(c)) registerWithoutCards(c, id, '2026-03-02');
    const reported: { pushed: number }[] = [];
    const runner = new WorkerRunner(
      syncWorkerFile(),
      { dataDir: c.dataDir, keyHex: c.store.database.key.toString('hex'), clockOffsetMs: world.now.getTime() - Date.now(), token: c.services.sync.token(), intervalMs: 3_600_000 },
      (r) => reported.push(r),
    );
    runners.push(runner);
    const result = await runner.run();
    expect(result).toMatchObject({ error: null, pending: 0 });
    // The worker also runs by itself as it starts: the items went in one of its runs, each reported.
    expect(reported.reduce((n, r) => n + r.pushed, 0)).toBeGreaterThanOrEqual(3);
    expect(await world.peer.count('EpisodeOfCare')).toBe(3);
    // The main connection sees what the worker settled.
    expect(c.services.sync.status()).toMatchObject({ pendingTotal: 0, online: true });

    runner.tokenChanged('sbagliato');
    c.store.patients.updateContacts(patientIds(c)[0]!, { phone: '02 7654321' });
    expect((await runner.run()).error).toMatchObject({ code: 'sync-unauthorized' });
    expect(c.services.sync.status().pendingTotal).toBe(1);
  });

  it('answers every run asked while one is going, and keeps the code of an error', async () => {
    const c = world.studio({ patients: 2 });
    c.services.sync.configure({ token: 'segreto-del-centro-servizi' }, null);
    const data = { dataDir: c.dataDir, keyHex: c.store.database.key.toString('hex'), clockOffsetMs: 0, token: c.services.sync.token(), intervalMs: 3_600_000 };
    const runner = new WorkerRunner(syncWorkerFile(), data, () => undefined);
    runners.push(runner);
    const answers = await Promise.all([runner.run(), runner.run(), runner.run()]);
    expect(answers.map((a) => a.error)).toEqual([null, null, null]);
    expect(runner.running).toBe(false);

    c.services.sync.configure({ url: null }, null);
    await expect(runner.run()).rejects.toMatchObject({ code: 'sync-not-configured', userMessage: expect.stringContaining('Centro Servizi') });
  });
});

