import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../main/api/context';
import { Core } from '../../main/core';
import type { BookingView, PatientAdherenceView } from '../../shared/contract/bookings';
import type { DueItem, PaiView } from '../../shared/contract/pai';
import type { Deadlines } from '../../shared/contract/enrollment';
import { addDays } from '../../shared/domain/dates';
import { periodEndFrom } from '../../shared/domain/enrollmentMachine';
import { callAsPage, valueAsPage } from '../support/pageCalls';
import { tempDir } from '../support/tempDir';

const MMG: CallContext['operator'] = { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA', role: 'mmg' };
const SECRETARY: CallContext['operator'] = { codiceFiscale: 'VRDPLA88R61G388Z', name: 'VERDI PAOLA', role: 'segretaria' };
const CASE_MANAGER: CallContext['operator'] = { codiceFiscale: 'RSSMRA80A01F205X', name: 'ROSSI MARIA', role: 'case_manager' };

/** The studio's clock: moved by the tests, never the machine's. */
const START = '2026-03-02T08:00:00Z';
let now = new Date(START);
const opened: Core[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
  now = new Date(START);
});

function studio(): Core {
  const c = new Core({ dataDir: tempDir('pic-pai-'), createAs: 'demo', clock: { now: () => now } });
  opened.push(c);
  c.services.demoSeed.seed(6, 11);
  c.store.settings.set('studio', { gestore: 'Cooperativa Medici Milano Centro', mmg: 'dott.ssa Giulia Bianchi', address: 'Via Roma 1, Milano', phone: '02 1234567' });
  return c;
}

const patientIds = (c: Core) => c.store.database.sqlite.prepare('SELECT id FROM patients ORDER BY id').pluck().all() as number[];

/** A patient enrolled today, with the privacy form's answers (the reminders' consent among them). */
function enrolled(c: Core, index: number, contatti = true): number {
  const id = patientIds(c)[index]!;
  const today = now.toISOString().slice(0, 10);
  const e = c.store.enrollments.insert(id, { state: 'enrolled', registeredOn: today, deadline: null, enrolledOn: today, periodEnd: periodEndFrom(today), reason: null, otherGestore: null }, 2026);
  c.store.enrollments.recordSigned(e, 'privacy', now.toISOString(), MMG!.codiceFiscale, { trattamento: true, comunicazione: true, contatti });
  return id;
}

const call = (c: Core, name: string, input: unknown, operator: CallContext['operator'] = MMG) => callAsPage(c, name, input, operator);
const value = <T>(c: Core, name: string, input: unknown, operator: CallContext['operator'] = MMG) => valueAsPage<T>(c, name, input, operator);

async function refused(c: Core, name: string, input: unknown, operator: CallContext['operator'] = MMG): Promise<{ code: string; message: string }> {
  const r = await call(c, name, input, operator);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

const LIFESTYLE = [{ area: 'attivita_fisica', goal: 'Camminare 30 minuti al giorno' }];

/** A PAI from the two templates, with a lifestyle goal, activated by the MMG. */
async function activePai(c: Core, patientId: number): Promise<PaiView> {
  const draft = await value<PaiView>(c, 'pai.create', { patientId, templates: ['diabete-2', 'ipertensione'] });
  await value(c, 'pai.update', { id: draft.id, changes: { plan: { lifestyle: LIFESTYLE } } });
  return value<PaiView>(c, 'pai.activate', { id: draft.id });
}

const outbox = (c: Core, kind: string) => c.store.database.sqlite.prepare('SELECT count(*) FROM outbox WHERE kind = ?').pluck().get(kind) as number;

describe('the PAI through the contract', () => {
  it('is written from two templates without duplicate prestazioni, refused without lifestyle goals, activated only by the MMG', async () => {
    const c = studio();
    const patientId = enrolled(c, 0);
    const draft = await value<PaiView>(c, 'pai.create', { patientId, templates: ['diabete-2', 'ipertensione'] });
    const codes = draft.pai.items.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['90.28.1', '90.27.1', '90.16.3', '89.52', '90.44.3']));
    expect(draft.pai).toMatchObject({ status: 'draft', year: 2026, version: 1, validFrom: '2026-03-02', validTo: '2027-03-01', authorCf: MMG!.codiceFiscale });
    expect(draft.pai.pathologies.filter((p) => p.role === 1)).toHaveLength(1);
    expect(draft.completeness.percent).toBeLessThan(100);

    const noGoals = await refused(c, 'pai.activate', { id: draft.id });
    expect(noGoals.code).toBe('pai-invalid');
    expect(noGoals.message).toMatch(/stile di vita/i);

    const twoPrimaries = draft.pai.pathologies.map((p) => ({ ...p, role: 1 }));
    expect(twoPrimaries.length).toBeGreaterThan(1);
    expect((await refused(c, 'pai.update', { id: draft.id, changes: { plan: { pathologies: twoPrimaries } } })).code).toBe('pai-invalid');
    const zeroCadence = draft.pai.items.map((i, n) => (n === 0 ? { ...i, timing: { ...i.timing, period: 0 } } : i));
    expect((await refused(c, 'pai.update', { id: draft.id, changes: { plan: { items: zeroCadence } } })).message).toMatch(/[Cc]adenza|periodo/);
    // Nothing half-saved: the draft is as it was.
    expect((await value<{ current: PaiView }>(c, 'pai.show', { patientId })).current.pai).toEqual(draft.pai);

    await value(c, 'pai.update', { id: draft.id, changes: { plan: { lifestyle: LIFESTYLE } } });
    expect((await refused(c, 'pai.activate', { id: draft.id }, SECRETARY)).code).toBe('forbidden');
    const active = await value<PaiView>(c, 'pai.activate', { id: draft.id });
    expect(active.pai.status).toBe('active');
    // Prescriptions last six months: glycated haemoglobin every 4 months falls twice in the first batch, once in the second.
    expect(active.batches.map((b) => [b.batch, b.from, b.to])).toEqual([[1, '2026-03-02', '2026-09-01'], [2, '2026-09-02', '2027-03-01']]);
    expect(active.batches.map((b) => b.lines.find((l) => l.code === '90.28.1')?.dates)).toEqual([['2026-03-02', '2026-07-02'], ['2026-11-02']]);
    expect(outbox(c, 'pai')).toBe(1);
    expect(c.store.audit.forEntity('pai', draft.id).map((e) => [e.action, e.operatorCf])).toEqual([
      ['pai.create', MMG!.codiceFiscale],
      ['pai.update', MMG!.codiceFiscale],
      ['pai.activate', MMG!.codiceFiscale],
    ]);
  });

  it('is refused for a patient who is not enrolled', async () => {
    const c = studio();
    const id = patientIds(c)[3]!;
    expect((await refused(c, 'pai.create', { patientId: id, templates: ['diabete-2'] })).code).toBe('pai-not-enrolled');
    expect(c.store.pais.ofPatient(id)).toEqual([]);
  });

  it('keeps the old version superseded when a changed one is activated, and the schedule follows the new one', async () => {
    const c = studio();
    const patientId = enrolled(c, 0);
    const v1 = await activePai(c, patientId);
    const v2 = await value<PaiView>(c, 'pai.revise', { id: v1.id });
    expect(v2.pai).toMatchObject({ status: 'draft', version: 2, year: 2026 });
    const fewer = v2.pai.items.filter((i) => i.code !== '89.52');
    await value(c, 'pai.update', { id: v2.id, changes: { plan: { items: fewer } } });
    await value(c, 'pai.activate', { id: v2.id });
    const shown = await value<{ current: PaiView; versions: PaiView[] }>(c, 'pai.show', { patientId });
    expect(shown.versions.map((v) => [v.pai.version, v.pai.status])).toEqual([[2, 'active'], [1, 'superseded']]);
    const due = await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 366 }, SECRETARY);
    expect(due.items.some((i) => i.code === '89.52')).toBe(false);
    expect(due.items.every((i) => i.patientId === patientId)).toBe(true);
  });

  it('counts a PAI to renew in the deadlines badge from 30 days before its end, and expires it after', async () => {
    const c = studio();
    const patientId = enrolled(c, 0);
    const pai = await activePai(c, patientId);
    const badge = async () => (await value<Deadlines>(c, 'deadlines.get', {})).paiRenewals.length;
    expect(await badge()).toBe(0);
    now = new Date(`${addDays(pai.pai.validTo, -30)}T08:00:00Z`);
    expect((await value<Deadlines>(c, 'deadlines.get', {})).paiRenewals).toEqual([expect.objectContaining({ paiId: pai.id, patientId, date: pai.pai.validTo })]);
    const renewal = await value<PaiView & { carriedOver: string[] }>(c, 'pai.renew', { id: pai.id });
    expect(renewal.pai).toMatchObject({ status: 'draft', year: 2027, validFrom: addDays(pai.pai.validTo, 1) });
    expect(renewal.pai.lifestyle).toEqual(LIFESTYLE);
    expect(await badge()).toBe(0);
    now = new Date(`${addDays(pai.pai.validTo, 1)}T08:00:00Z`);
    const shown = await value<{ versions: PaiView[] }>(c, 'pai.show', { patientId });
    expect(shown.versions.find((v) => v.id === pai.id)!.pai.status).toBe('expired');
  });
});

describe('bookings under the CUP rules', () => {
  it('books a due item once, refuses a provider outside the network and a date in the past, flags a date beyond the window', async () => {
    const c = studio();
    const patientId = enrolled(c, 1);
    await activePai(c, patientId);
    const due = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 }, SECRETARY)).items;
    const hba1c = due.find((i) => i.code === '90.28.1')!;
    expect(hba1c).toMatchObject({ state: 'open', windowStart: '2026-03-02' });
    const requested = await value<BookingView>(c, 'bookings.request', { occurrenceId: hba1c.id, prescriptionNumber: '030A01234567890', prescribedOn: '2026-03-02' }, SECRETARY);
    expect(requested).toMatchObject({ status: 'requested', code: '90.28.1', window: { basis: 'cadence', start: hba1c.windowStart, end: hba1c.windowEnd } });
    expect((await refused(c, 'bookings.request', { occurrenceId: hba1c.id }, SECRETARY)).code).toBe('occurrence-booked');
    expect((await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 }, SECRETARY)).items.some((i) => i.id === hba1c.id)).toBe(false);
    expect(outbox(c, 'booking')).toBe(1);

    const book = (date: string, providerCode: string) => ({ id: requested.id, move: { type: 'book', date, time: '08:30', place: 'Punto prelievi, via Pace 9', providerCode } });
    const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {}, SECRETARY)).providers[0]!.code;
    expect((await refused(c, 'bookings.move', book('2026-03-10', 'ambulatorio-inventato'), SECRETARY)).code).toBe('provider-not-in-network');
    expect((await refused(c, 'bookings.move', book('2026-03-01', provider), SECRETARY)).code).toBe('appointment-in-past');
    expect((await value<BookingView>(c, 'bookings.get', { id: requested.id }, SECRETARY)).status).toBe('requested');

    const late = addDays(hba1c.windowEnd, 5);
    const booked = await value<BookingView>(c, 'bookings.move', book(late, provider), SECRETARY);
    expect(booked).toMatchObject({ status: 'booked', dates: { bookedFor: late }, windowFlag: { kind: 'late', days: 5 } });
    expect(booked.providerName).toEqual(expect.any(String));
    // The request's item gave way to the booking's last state: one item per record.
    expect(outbox(c, 'booking')).toBe(1);
  });

  it('a priority class sets the window from the request: B within 10 days', async () => {
    const c = studio();
    const patientId = enrolled(c, 1);
    await activePai(c, patientId);
    const ecg = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 })).items.find((i) => i.code === '89.52')!;
    const b = await value<BookingView>(c, 'bookings.request', { occurrenceId: ecg.id, priority: 'B' }, CASE_MANAGER);
    expect(b.window).toEqual({ start: '2026-03-02', end: '2026-03-12', basis: 'priority' });
  });

  it('a cancellation 48 hours or more before releases the slot, a later one is recorded as late', async () => {
    const c = studio();
    const patientId = enrolled(c, 1);
    await activePai(c, patientId);
    const due = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 })).items;
    const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {})).providers[0]!.code;
    const bookAt = async (code: string, date: string, time: string) => {
      const r = await value<BookingView>(c, 'bookings.request', { occurrenceId: due.find((i) => i.code === code)!.id }, SECRETARY);
      return value<BookingView>(c, 'bookings.move', { id: r.id, move: { type: 'book', date, time, place: 'Poliambulatorio, via Pace 9', providerCode: provider } }, SECRETARY);
    };
    // Now is 2 March 09:00 in Rome: 4 March 09:00 is exactly 48 hours ahead, 08:59 is less.
    const inTime = await bookAt('90.28.1', '2026-03-04', '09:00');
    const tooLate = await bookAt('90.27.1', '2026-03-04', '08:59');
    const cancel = (id: number) => value<BookingView>(c, 'bookings.move', { id, move: { type: 'cancel', reason: 'impegno di lavoro' } }, SECRETARY);
    expect((await cancel(inTime.id)).cancellation?.notice).toBe('released');
    expect((await cancel(tooLate.id)).cancellation?.notice).toBe('late');
  });

  it('reminds 2-3 days ahead, records the call, exports texts naming no exam, leaves out who opted out, lists no-shows', async () => {
    const c = studio();
    const withConsent = enrolled(c, 1);
    const optedOut = enrolled(c, 2);
    const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {})).providers[0]!.code;
    const booked: BookingView[] = [];
    for (const patientId of [withConsent, optedOut]) {
      await activePai(c, patientId);
      const item = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 })).items.find((i) => i.patientId === patientId && i.code === '90.28.1')!;
      const r = await value<BookingView>(c, 'bookings.request', { occurrenceId: item.id }, SECRETARY);
      booked.push(await value<BookingView>(c, 'bookings.move', { id: r.id, move: { type: 'book', date: '2026-03-05', time: '10:15', place: 'Via Pace 9, Milano', providerCode: provider } }, SECRETARY));
    }
    expect(await value(c, 'reminders.preferences', { patientId: optedOut }, SECRETARY)).toEqual({ patientId: optedOut, consent: true, optedOut: false });
    await value(c, 'reminders.optOut', { patientId: optedOut, optedOut: true }, SECRETARY);
    expect(await value(c, 'reminders.preferences', { patientId: optedOut }, SECRETARY)).toEqual({ patientId: optedOut, consent: true, optedOut: true });
    expect(await value(c, 'reminders.preferences', { patientId: patientIds(c)[4]! }, SECRETARY)).toEqual({ patientId: patientIds(c)[4], consent: null, optedOut: false });

    now = new Date('2026-03-02T08:00:00Z');
    const list = await value<{ toConfirm: BookingView[] }>(c, 'reminders.list', { days: 3 }, SECRETARY);
    expect(list.toConfirm.map((b) => b.id).sort()).toEqual(booked.map((b) => b.id).sort());

    const exported = await value<{ csv: string; messages: { bookingId: number; text: string }[]; leftOut: { bookingId: number; reason: string }[] }>(c, 'reminders.export', { channel: 'sms', from: '2026-03-05', to: '2026-03-05' }, SECRETARY);
    expect(exported.leftOut).toEqual([expect.objectContaining({ bookingId: booked[1]!.id, reason: 'opted_out' })]);
    expect(exported.messages).toHaveLength(1);
    const text = exported.messages[0]!.text;
    expect(text).toContain('Studio medico dott.ssa Giulia Bianchi');
    expect(text).toContain('10:15');
    expect(text).toMatch(/STOP/);
    for (const revealing of ['90.28.1', 'EMOGLOBINA', 'GLICATA', 'diabete', 'Diabete']) expect(exported.csv).not.toContain(revealing);

    const confirmed = await value<BookingView>(c, 'reminders.record', { bookingId: booked[0]!.id, outcome: 'confirmed' }, SECRETARY);
    expect(confirmed).toMatchObject({ status: 'confirmed', calls: [expect.objectContaining({ outcome: 'confirmed' })] });
    const noAnswer = await value<BookingView>(c, 'reminders.record', { bookingId: booked[1]!.id, outcome: 'no_answer' }, SECRETARY);
    expect(noAnswer).toMatchObject({ status: 'booked', calls: [expect.objectContaining({ outcome: 'no_answer' })] });

    now = new Date('2026-03-06T08:00:00Z');
    await value(c, 'bookings.move', { id: booked[1]!.id, move: { type: 'no-show' } }, SECRETARY);
    const noShows = await value<{ patients: { patientId: number; bookings: BookingView[] }[] }>(c, 'reminders.noShows', { from: '2026-03-01', to: '2026-03-31' }, SECRETARY);
    expect(noShows.patients).toEqual([expect.objectContaining({ patientId: optedOut, bookings: [expect.objectContaining({ id: booked[1]!.id })] })]);
  });
});

describe('adherence', () => {
  it('moves when an item is performed, and the studio list puts the worst first', async () => {
    const c = studio();
    const good = enrolled(c, 1);
    const bad = enrolled(c, 2);
    const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {})).providers[0]!.code;
    for (const patientId of [good, bad]) await activePai(c, patientId);
    const item = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 })).items.find((i) => i.patientId === good && i.code === '90.28.1')!;
    const r = await value<BookingView>(c, 'bookings.request', { occurrenceId: item.id }, SECRETARY);
    await value(c, 'bookings.move', { id: r.id, move: { type: 'book', date: '2026-03-05', time: '10:15', place: 'Via Pace 9, Milano', providerCode: provider } }, SECRETARY);
    now = new Date('2026-03-05T12:00:00Z');
    await value(c, 'bookings.move', { id: r.id, move: { type: 'perform', on: '2026-03-05' } }, SECRETARY);

    // Past the first windows (4 months for HbA1c): the bad patient's are overdue, the good one's performed.
    now = new Date('2026-07-15T08:00:00Z');
    const period = { from: '2026-03-02', to: '2026-07-15' };
    const mine = await value<PatientAdherenceView>(c, 'adherence.patient', { patientId: good, ...period }, CASE_MANAGER);
    expect(mine.items.find((i) => i.code === '90.28.1')).toMatchObject({ planned: 2, booked: 1, performed: 1, overdue: 0, percent: 100 });
    const studioList = await value<{ patients: PatientAdherenceView[]; totals: { performed: number } }>(c, 'adherence.studio', period, CASE_MANAGER);
    expect(studioList.patients.map((p) => p.patientId)).toEqual([bad, good]);
    expect(studioList.patients[0]!.percent).toBe(0);
    expect(studioList.totals.performed).toBe(1);
  });
});

describe('the documents of the plan', () => {
  it('prints the active PAI and a booked appointment\'s sheet, each recorded in the audit', async () => {
    const c = studio();
    const patientId = enrolled(c, 1);
    const pai = await activePai(c, patientId);
    const doc = await value<{ fileName: string; base64: string }>(c, 'pai.document', { id: pai.id }, SECRETARY);
    expect(Buffer.from(doc.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(doc.fileName).toMatch(/^pai-.+-2026-v1\.pdf$/);
    const item = (await value<{ items: DueItem[] }>(c, 'schedule.due', { withinDays: 30 })).items.find((i) => i.code === '90.28.1')!;
    const provider = (await value<{ providers: { code: string }[] }>(c, 'providers.list', {})).providers[0]!.code;
    const r = await value<BookingView>(c, 'bookings.request', { occurrenceId: item.id }, SECRETARY);
    await value(c, 'bookings.move', { id: r.id, move: { type: 'book', date: '2026-03-05', time: '10:15', place: 'Via Pace 9, Milano', providerCode: provider } }, SECRETARY);
    const sheet = await value<{ base64: string }>(c, 'bookings.sheet', { id: r.id }, SECRETARY);
    expect(Buffer.from(sheet.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(c.store.audit.forEntity('patient', patientId).map((e) => e.action)).toEqual(expect.arrayContaining(['document.pai', 'document.booking-sheet']));
  });
});
