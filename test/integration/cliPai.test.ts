import { describe, expect, it } from 'vitest';
import { prepareDemo } from '../../main/demoSetup';
import { openCore } from '../../main/openCore';
import { periodEndFrom } from '../../shared/domain/enrollmentMachine';
import { pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

/** The demo clock every command of the test runs at: never the machine's day. */
const NOW = ['--now', '2026-03-02T09:00', '--frozen-clock'];

/** A demo folder with one patient enrolled (the two-card step is the card stack's to test); his codice fiscale. */
async function demoWithEnrolledPatient(): Promise<{ dir: string; cf: string }> {
  const dir = tempDir('pic-cli-pai-');
  const core = openCore({ dataDir: dir, clock: { now: '2026-03-02T09:00', frozen: true }, demo: true });
  try {
    prepareDemo(core, { patients: 5, seed: 4 });
    const id = core.store.database.sqlite.prepare('SELECT id FROM patients ORDER BY id LIMIT 1').pluck().get() as number;
    core.store.enrollments.insert(id, { state: 'enrolled', registeredOn: '2026-03-02', deadline: null, enrolledOn: '2026-03-02', periodEnd: periodEndFrom('2026-03-02'), reason: null, otherGestore: null }, 2026);
    return { dir, cf: core.store.patients.get(id).codiceFiscale };
  } finally {
    await core.close();
  }
}

describe('pic pai, schedule, bookings, reminders, adherence', () => {
  it('writes and activates a PAI, books a due item and follows it to performed', async () => {
    const { dir, cf } = await demoWithEnrolledPatient();
    const run = (...args: string[]) => pic([...args, ...NOW, '--data-dir', dir, '--json']);

    const created = run('pai', 'create', '--cf', cf, '--templates', 'diabete-2,ipertensione');
    expect(created.status, created.stdout).toBe(0);
    expect(created.json()).toMatchObject({ pai: { status: 'draft', year: 2026, version: 1 } });

    const refused = run('pai', 'activate', '--cf', cf);
    expect(refused.status).toBe(1);
    expect(refused.json()).toMatchObject({ error: 'pai-invalid', message: expect.stringContaining('no-lifestyle') });
    const unknownTemplate = run('pai', 'create', '--cf', cf, '--templates', 'nessuno');
    expect(unknownTemplate.json()).toMatchObject({ error: expect.any(String) });

    const shown = run('pai', 'show', '--cf', cf).json() as { current: { id: number } };
    const core = openCore({ dataDir: dir, clock: { now: '2026-03-02T09:00', frozen: true }, demo: true });
    core.services.pai.update(shown.current.id, { plan: { lifestyle: [{ area: 'alimentazione', goal: 'Ridurre il sale' }] } }, null);
    await core.close();

    expect(run('pai', 'activate', '--cf', cf).json()).toMatchObject({ pai: { status: 'active' } });
    const { items } = run('schedule', '--due-within', '30').json() as { items: { id: number; code: string; codiceFiscale: string }[] };
    const hba1c = items.find((i) => i.code === '90.28.1' && i.codiceFiscale === cf)!;
    expect(hba1c.id).toEqual(expect.any(Number));

    const booking = run('bookings', 'add', '--cf', cf, '--item', String(hba1c.id), '--priority', 'b').json() as { id: number; status: string; window: { end: string } };
    expect(booking).toMatchObject({ status: 'requested', window: { end: '2026-03-12' } });
    expect(run('bookings', 'add', '--cf', cf, '--item', String(hba1c.id)).json()).toMatchObject({ error: 'occurrence-booked' });
    const provider = await firstProvider(dir);
    const booked = run('bookings', 'set', '--id', String(booking.id), '--state', 'booked', '--date', '2026-03-05', '--time', '08:30', '--place', 'Via Pace 9, Milano', '--provider', provider);
    expect(booked.json(), booked.stdout).toMatchObject({ status: 'booked', dates: { bookedFor: '2026-03-05' } });
    expect(run('bookings', 'set', '--id', String(booking.id), '--state', 'flying').status).toBe(2);

    const reminders = run('reminders', '--days', '3').json() as { toConfirm: { id: number }[] };
    expect(reminders.toConfirm.map((b) => b.id)).toEqual([booking.id]);
    expect(run('bookings', 'list', '--state', 'booked').json()).toMatchObject({ bookings: [expect.objectContaining({ id: booking.id })] });

    const later = (...args: string[]) => pic([...args, '--now', '2026-03-06T09:00', '--frozen-clock', '--data-dir', dir, '--json']);
    expect(later('bookings', 'set', '--id', String(booking.id), '--state', 'performed', '--date', '2026-03-05').json()).toMatchObject({ status: 'performed' });
    const adherence = later('adherence', '--cf', cf, '--from', '2026-03-02', '--to', '2026-03-06').json() as { items: { code: string; performed: number }[] };
    expect(adherence.items.find((i) => i.code === '90.28.1')).toMatchObject({ performed: 1 });
    expect(later('adherence').json()).toMatchObject({ patients: [expect.objectContaining({ codiceFiscale: cf })] });
  }, 120_000);
});

/** A provider of the network, as the UI's list offers them. */
async function firstProvider(dir: string): Promise<string> {
  const core = openCore({ dataDir: dir, clock: { now: '2026-03-02T09:00', frozen: true }, demo: true });
  try {
    return core.services.providers.list()[0]!.code;
  } finally {
    await core.close();
  }
}
