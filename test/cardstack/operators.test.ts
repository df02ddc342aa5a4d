import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { todayIn } from '../../main/clock';
import { dispatch } from '../../main/api/dispatch';
import { Core } from '../../main/core';
import { DEMO_OPERATORS } from '../../main/demoSetup';
import { resolveCardImage, VirtualCardHost } from '../../native/virtual/cardHost';
import { tempDir } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/**
 * Operators and roles with real cards (pcscd + vpcd): the first MMG of a new folder becomes its
 * administrator, unknown and disabled cards are refused at login, each role reaches its calls.
 */

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[operators] real-stack tests skipped: ${skipReason}`);

const clock = { now: () => new Date('2026-11-23T09:00:00Z') };
const [MMG, SECRETARY] = DEMO_OPERATORS;

describe.skipIf(skipReason)('operators and roles on the real card stack', () => {
  let core: Core;
  let host: VirtualCardHost;
  const call = (name: string, input: unknown = {}) => dispatch(core, name, input, 'browser');

  async function withCard(image: string, pin: string): Promise<unknown> {
    await host.removeAll();
    await waitFor(() => core.cards.watcher.snapshot().every((r) => !r.present), 'empty readers');
    await host.insert(0, resolveCardImage(image));
    await waitFor(() => core.cards.allCards().some((c) => c.status === 'ready' && c.identity?.kind === 'operator'), 'the operator card');
    return call('session.login', { pin });
  }

  beforeEach(async () => {
    host = new VirtualCardHost({ today: () => todayIn(clock) });
    core = new Core({ dataDir: tempDir(), clock });
    core.start();
    await waitFor(() => core.cards.readerNames().length === 2, 'pcscd readers');
  });

  afterEach(async () => {
    await host.removeAll();
    await waitFor(() => core.cards.watcher.snapshot().every((r) => !r.present), 'empty readers');
    await core.close();
  });

  it('on a new folder, the first MMG logs in without a role, confirms, and administers', async () => {
    expect(await withCard('operator-mmg', '12345678')).toMatchObject({ ok: true, value: { codiceFiscale: MMG!.codiceFiscale, role: null } });
    // Without a role he reaches nothing of the archive yet.
    expect(await call('patients.search', { text: 'Rossi' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('operators.claimAdministrator')).toMatchObject({ ok: true, value: { role: 'mmg' } });
    expect(await call('operators.claimAdministrator')).toMatchObject({ ok: false, error: { code: 'administrator-exists' } });
    expect(await call('patients.search', { text: 'Rossi' })).toMatchObject({ ok: true });
    const audit = core.store.database.sqlite.prepare("SELECT operator_cf AS op FROM audit_log WHERE action = 'operator.administrator'").all();
    expect(audit).toEqual([{ op: MMG!.codiceFiscale }]);

    // The secretary's card is refused until he adds her; then she works as the front desk.
    expect(await withCard('operator-segretaria', '1234')).toMatchObject({ ok: false, error: { code: 'operator-unknown', message: expect.stringMatching(/non è registrata/) } });
    await withCard('operator-mmg', '12345678');
    expect(await call('operators.add', { codiceFiscale: SECRETARY!.codiceFiscale, role: 'segretaria' })).toMatchObject({ ok: true, value: { role: 'segretaria', name: '' } });
    expect(await withCard('operator-segretaria', '1234')).toMatchObject({ ok: true, value: { role: 'segretaria' } });
    // Her name comes from her card at login.
    expect(core.store.operators.get(SECRETARY!.codiceFiscale)?.name).toBe('Verdi Paola');
    expect(await call('patients.search', { text: 'Rossi' })).toMatchObject({ ok: true });
    expect(await call('settings.studio.set', { gestore: 'X', mmg: 'Y', address: 'Z', phone: '1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('operators.add', { codiceFiscale: SECRETARY!.codiceFiscale, role: 'mmg' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Disabled, she is refused at login.
    await withCard('operator-mmg', '12345678');
    expect(await call('operators.disable', { codiceFiscale: SECRETARY!.codiceFiscale })).toMatchObject({ ok: true, value: { disabled: true } });
    expect(await call('operators.disable', { codiceFiscale: MMG!.codiceFiscale })).toMatchObject({ ok: false, error: { code: 'last-administrator' } });
    expect(await withCard('operator-segretaria', '1234')).toMatchObject({ ok: false, error: { code: 'operator-disabled' } });
    expect(core.operator()).toBeNull();
  });
});
