import { describe, expect, it } from 'vitest';
import { aBooking, anItem, aPai, monthly, yearly } from '../../../test/support/paiFixtures';
import { paiValidTo } from './model';
import { dueOccurrences, isTakenCareOf, itemOccurrences, occurrenceAt, paiSchedule, prescriptionBatches } from './schedule';

const windows = (pai: ReturnType<typeof aPai>) => paiSchedule(pai).map((o) => `${o.code} ${o.windowStart}..${o.windowEnd}`);

describe('PAI schedule', () => {
  it('gives each occurrence a window up to the next one, across the new year', () => {
    const pai = aPai('2026-09-15', [anItem('90.28.1', monthly(4, 6), '2026-09-15'), anItem('89.52', yearly, '2026-09-15')]);
    expect(pai.validTo).toBe('2027-09-14');
    expect(windows(pai)).toEqual([
      '89.52 2026-09-15..2027-09-14',
      '90.28.1 2026-09-15..2027-01-14',
      '90.28.1 2027-01-15..2027-05-14',
      '90.28.1 2027-05-15..2027-09-14',
    ]);
  });

  it('keeps month ends: a monthly item from 31 January falls on the last day of shorter months', () => {
    const pai = aPai('2028-01-31', [anItem('89.01', monthly(1), '2028-01-31')]);
    const dates = paiSchedule(pai).map((o) => o.date);
    expect(dates).toHaveLength(12);
    expect(dates.slice(0, 4)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
    expect(paiSchedule(pai)[1]).toMatchObject({ windowStart: '2028-02-29', windowEnd: '2028-03-30' });
    expect(pai.validTo).toBe('2029-01-30');
  });

  it('plans a yearly item from 29 February once, the next year starting on its anniversary', () => {
    expect(paiValidTo('2028-02-29')).toBe('2029-02-27');
    const pai = aPai('2028-02-29', [anItem('89.52', yearly, '2028-02-29')]);
    expect(windows(pai)).toEqual(['89.52 2028-02-29..2029-02-27']);
    const next = aPai('2029-02-28', [anItem('89.52', yearly, '2028-02-29')]);
    expect(windows(next)).toEqual(['89.52 2029-02-28..2030-02-27']);
  });

  it('does not move across the summer-time changes (windows by calendar day)', () => {
    const pai = aPai('2026-03-29', [anItem('89.01', { frequency: 1, period: 1, periodMax: null, periodUnit: 'wk' }, '2026-03-29')]);
    const dates = paiSchedule(pai).map((o) => o.date);
    expect(dates.slice(0, 2)).toEqual(['2026-03-29', '2026-04-05']);
    expect(dates).toContain('2026-10-25');
    expect(dates).toContain('2026-11-01');
    expect(dates).toHaveLength(53);
  });

  it('honours the item\'s own end, and an anchor before the validity', () => {
    const ending = anItem('90.27.1', monthly(3), '2026-01-10', { timing: { ...monthly(3), bounds: { start: '2026-01-10', end: '2026-06-30' } } });
    const pai = aPai('2026-01-10', [ending]);
    expect(windows(pai)).toEqual(['90.27.1 2026-01-10..2026-04-09', '90.27.1 2026-04-10..2026-06-30']);
    expect(itemOccurrences(anItem('89.52', monthly(6), '2025-03-01'), { validFrom: '2026-01-10', validTo: '2027-01-09' }).map((o) => o.date)).toEqual(['2026-03-01', '2026-09-01']);
  });

  it('has no occurrence for an item whose next one is after the validity (it carries over)', () => {
    const pai = aPai('2027-01-15', [anItem('95.02', monthly(24), '2028-01-15')]);
    expect(paiSchedule(pai)).toEqual([]);
  });

  it('finds the occurrence a date belongs to', () => {
    const pai = aPai('2026-09-15', [anItem('90.28.1', monthly(4, 6), '2026-09-15')]);
    expect(occurrenceAt(pai, '90.28.1', '2027-02-01')?.date).toBe('2027-01-15');
    expect(occurrenceAt(pai, '90.28.1', '2027-09-15')).toBeNull();
    expect(occurrenceAt(pai, '89.52', '2027-02-01')).toBeNull();
  });

  it('lists what is due from today: open, opening within the lookahead, overdue, less what is taken care of', () => {
    const pai = aPai('2026-09-15', [anItem('90.28.1', monthly(4, 6), '2026-09-15'), anItem('89.52', yearly, '2026-09-15'), anItem('90.16.3', monthly(6), '2026-09-15')]);
    const booked = aBooking('89.52', '2026-09-15', { status: 'booked' });
    // Another patient's booking of the same occurrence takes care of his own PAI only.
    const someoneElse = aBooking('90.28.1', '2026-09-15', { status: 'booked', patientId: 2 });
    const cancelled = aBooking('90.16.3', '2026-09-15', { status: 'cancelled' });
    expect(dueOccurrences(pai, '2027-01-01', [booked, cancelled, someoneElse]).map((d) => `${d.code} ${d.date} ${d.state} ${d.daysLeft}`)).toEqual([
      '90.16.3 2026-09-15 open 72',
      '90.28.1 2026-09-15 open 13',
      '90.28.1 2027-01-15 upcoming 133',
    ]);
    expect(dueOccurrences(pai, '2027-01-20', [booked, cancelled]).map((d) => `${d.code} ${d.date} ${d.state} ${d.daysLeft}`)).toEqual([
      '90.16.3 2026-09-15 open 53',
      '90.28.1 2026-09-15 overdue -6',
      '90.28.1 2027-01-15 open 114',
    ]);
    expect(dueOccurrences(pai, '2026-12-01', [booked], 10).map((d) => d.date)).toEqual(['2026-09-15', '2026-09-15']);
    expect(isTakenCareOf(paiSchedule(pai)[0]!, [aBooking('89.52', '2026-10-01', { status: 'performed' })])).toBe(true);
  });

  it('splits the year into two batches of prescriptions, valid six months each', () => {
    const pai = aPai('2026-09-15', [anItem('90.28.1', monthly(4, 6), '2026-09-15'), anItem('89.52', yearly, '2026-09-15'), anItem('95.02', monthly(12), '2027-05-01')]);
    const [first, second] = prescriptionBatches(pai);
    expect(first).toEqual({
      batch: 1,
      from: '2026-09-15',
      to: '2027-03-14',
      lines: [
        { code: '90.28.1', description: 'Prestazione 90.28.1', dates: ['2026-09-15', '2027-01-15'] },
        { code: '89.52', description: 'Prestazione 89.52', dates: ['2026-09-15'] },
      ],
    });
    expect(second).toMatchObject({ batch: 2, from: '2027-03-15', to: '2027-09-14' });
    expect(second.lines.map((l) => `${l.code} ${l.dates.join(',')}`)).toEqual(['90.28.1 2027-05-15', '95.02 2027-05-01']);
  });
});
