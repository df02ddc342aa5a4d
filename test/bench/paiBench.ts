import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../shared/domain/dates';
import type { Pai } from '../../shared/domain/pai/model';
import { paiValidTo } from '../../shared/domain/pai/model';
import { paiSchedule } from '../../shared/domain/pai/schedule';
import { itemsFromTemplates, mergeTemplates, templatesByIds } from '../../shared/domain/pai/templates';
import { EventHub } from '../../main/events';
import { AdherenceService } from '../../main/services/adherenceService';
import { PaiService } from '../../main/services/paiService';
import { loadCatalogue } from '../../main/catalogueFile';
import { adherenceSql } from '../../main/store/paiStore';
import { Store } from '../../main/store/store';

/**
 * Schedule and adherence for a studio of enrolled patients with a PAI of 10 prestazioni each
 * (issue 11), through the services against the bare SQL of the same figures, in the same run.
 * Targets: studio adherence list p50 <= 2x bare; one patient's schedule p50 <= 5 ms.
 */

const PATIENTS = Number(process.env.BENCH_PAI_PATIENTS ?? 20_000);
const ITEMS = 10;
const ROUNDS = 7;
const SCHEDULES = 500;
/** The bench's own fixed day: its figures must not depend on the day it runs. */
const TODAY = '2026-06-15';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

function seed(store: Store): { patientIds: number[] } {
  const items = itemsFromTemplates(mergeTemplates(templatesByIds('diabete-2,ipertensione')), '2000-01-01').slice(0, ITEMS);
  const insertPatient = store.database.sqlite.prepare(
    "INSERT INTO patients (codice_fiscale, surname, given_name, surname_key, given_key, birth_date, sex) VALUES (?, ?, 'MARIO', ?, 'MARIO', '1950-01-01', 'M')",
  );
  const patientIds: number[] = [];
  store.transaction(() => {
    for (let i = 0; i < PATIENTS; i++) {
      const surname = `PAZIENTE${String(i).padStart(6, '0')}`;
      patientIds.push(Number(insertPatient.run(`BNCH${String(i).padStart(12, '0')}`, surname, surname).lastInsertRowid));
    }
    patientIds.forEach((patientId, i) => {
      // PAIs started over the last year, so every stage of a plan is in the list.
      const validFrom = addDays(TODAY, -(i % 360));
      const pai: Pai = {
        patientId, year: Number(validFrom.slice(0, 4)), version: 1, status: 'active', chronicLevel: 2, authorCf: 'BNCGLI75A41F205I',
        validFrom, validTo: paiValidTo(validFrom), createdOn: validFrom, activatedOn: validFrom, closedOn: null, cancelReason: null,
        pathologies: [{ code: 50, role: 1, severity: 2 }],
        items: items.map((item) => ({ ...item, timing: { ...item.timing, bounds: { start: validFrom, end: null } } })),
        drugs: [], lifestyle: [{ area: 'attivita_fisica', goal: 'Camminare' }], vaccinations: [],
      };
      const paiId = store.pais.insert(pai, null);
      const occurrences = paiSchedule(pai);
      store.pais.replaceOccurrences(paiId, null, patientId, occurrences);
      // Two in three past occurrences performed, one in ten booked ahead: a studio's usual mix.
      occurrences.forEach((o, k) => {
        const past = o.date < TODAY;
        if (past && k % 3 === 2) return;
        if (!past && k % 10 !== 0) return;
        const status = past ? 'performed' : 'booked';
        store.bookings.insert(
          {
            patientId, code: o.code, occurrence: o.date, prescriptionNumber: null, priority: null, status,
            dates: { prescribedOn: null, requestedOn: o.date, firstRegionalOffer: null, firstDistrictOffer: null, bookedFor: o.date, performedOn: past ? o.date : null, reportDeliveredOn: null },
            slot: null, confirmedAt: null, cancellation: null,
          },
          `bench-${patientId}-${k}`,
          o.description,
        );
      });
    });
  });
  return { patientIds };
}

export function runPaiBench(): unknown {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-bench-pai-'));
  const clock = { now: () => new Date(`${TODAY}T10:00:00Z`) };
  const store = Store.open(scratch, clock);
  try {
    const seedStart = process.hrtime.bigint();
    const { patientIds } = seed(store);
    const seedMs = ms(seedStart);
    const adherence = new AdherenceService(store, clock);
    const pai = new PaiService(store, new EventHub(), clock, loadCatalogue());
    const period = { from: addDays(TODAY, -364), to: TODAY };
    // The store's own query, run bare: what the service adds on top of it is the ratio.
    const bare = store.database.sqlite.prepare(adherenceSql(false));

    const serviceMs: number[] = [];
    const bareMs: number[] = [];
    let listed = 0;
    let rows = 0;
    for (let r = 0; r < ROUNDS; r++) {
      let t = process.hrtime.bigint();
      rows = bare.all({ ...period, today: TODAY }).length;
      bareMs.push(ms(t));
      t = process.hrtime.bigint();
      listed = adherence.studio(period).patients.length;
      serviceMs.push(ms(t));
    }
    const scheduleMs: number[] = [];
    for (let i = 0; i < SCHEDULES; i++) {
      const t = process.hrtime.bigint();
      pai.show(patientIds[(i * 7919) % patientIds.length]!);
      scheduleMs.push(ms(t));
    }
    const ratio = p50(serviceMs) / p50(bareMs);
    const figures = {
      patients: PATIENTS,
      itemsEach: ITEMS,
      seedSeconds: round(seedMs / 1000),
      studioAdherenceP50Ms: round(p50(serviceMs)),
      bareSqlP50Ms: round(p50(bareMs)),
      ratio: round(ratio),
      ratioTarget: '<= 2x',
      patientScheduleP50Ms: round(p50(scheduleMs)),
      scheduleTarget: '<= 5 ms',
      pass: ratio <= 2 && p50(scheduleMs) <= 5,
    };
    console.log(`PAI schedule and adherence, ${PATIENTS} patients x ${ITEMS} prestazioni (${listed} listed, ${rows} patient-item rows in bare SQL)`);
    console.log(`  studio adherence p50 ${figures.studioAdherenceP50Ms} ms   bare SQL p50 ${figures.bareSqlP50Ms} ms   ratio ${figures.ratio}x (target <= 2x)`);
    console.log(`  one patient's PAI and schedule p50 ${figures.patientScheduleP50Ms} ms (target <= 5 ms)   ${figures.pass ? 'OK' : 'FAIL'}`);
    return figures;
  } finally {
    store.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
