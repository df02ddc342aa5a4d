import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nameKey } from '../../shared/domain/patient';
import { generateDemoPatients } from '../../main/services/demo/demoPatients';
import { DEFAULT_DEMO_SEED } from '../../main/services/demoSeedService';
import { EventHub } from '../../main/events';
import { PatientService } from '../../main/services/patientService';
import { openDatabase } from '../../main/store/database';
import { loadMigrations } from '../../main/store/migrations';
import { Database } from '../../main/store/sqlite';
import type { IncomingPatient } from '../../main/store/patientStore';
import { Store } from '../../main/store/store';
import { SeededRandom } from '../../main/services/demo/random';

/**
 * The store against bare better-sqlite3 on the same rows, in the same run.
 * Targets (issue 2): search p50 <= 5 ms and p99 <= 20 ms on 100,000 patients; seeding <= 2x bare.
 */

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100_000);
const BATCH = 2000;
const QUERIES = 2000;
const ROUNDS = 2;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-bench-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
const freshDir = () => path.join(scratch, String(dirs++));

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

function seedWithStore(rows: IncomingPatient[]): { ms: number; store: Store } {
  const store = Store.open(freshDir(), { now: () => new Date() });
  const start = process.hrtime.bigint();
  for (const b of batches(rows)) store.patients.insertNew(b);
  return { ms: ms(start), store };
}

/** The same schema and settings as the store's, in clear: what the encryption costs is the difference. */
function openPlain(): Database.Database {
  const dir = freshDir();
  fs.mkdirSync(dir, { recursive: true });
  const sqlite = new Database(path.join(dir, 'plain.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('cache_size = -32768');
  for (const m of loadMigrations()) for (const statement of m.statements) sqlite.exec(statement);
  return sqlite;
}

/**
 * The same rows through hand-written prepared statements: what the store's layers cost is the
 * difference. On the store's own database (encrypted, same cipher settings) unless given another.
 */
function seedBare(rows: IncomingPatient[], open: () => Database.Database = () => openDatabase(freshDir()).sqlite): number {
  const sqlite = open();
  const keyed = rows.map((p) => ({ ...p, surnameKey: nameKey(p.surname), givenKey: nameKey(p.givenName) }));
  const insertPatient = sqlite.prepare(
    `INSERT INTO patients (codice_fiscale, surname, given_name, surname_key, given_key, birth_date, sex, birth_place_code, phone, mobile, email, chronic_level)
     VALUES (@codiceFiscale, @surname, @givenName, @surnameKey, @givenKey, @birthDate, @sex, @birthPlaceCode, @phone, @mobile, @email, @chronicLevel)
     ON CONFLICT DO NOTHING`,
  );
  const insertLetter = sqlite.prepare('INSERT INTO letters (patient_id, type, tranche_date, received_at, note) VALUES (?, ?, ?, ?, ?)');
  const insertPathology = sqlite.prepare('INSERT INTO patient_pathologies (patient_id, code, source, confirmed, icd9) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const insertBatch = sqlite.transaction((batch: typeof keyed) => {
    for (const p of batch) {
      const r = insertPatient.run({ ...p, letters: undefined, pathologies: undefined });
      if (r.changes === 0) continue;
      const id = r.lastInsertRowid;
      for (const l of p.letters) insertLetter.run(id, l.type, l.trancheDate, l.receivedAt, l.note);
      for (const d of p.pathologies) insertPathology.run(id, d.code, d.source, d.confirmed ? 1 : 0, d.icd9);
    }
  });
  const start = process.hrtime.bigint();
  for (const b of batches(keyed)) insertBatch(b);
  const elapsed = ms(start);
  sqlite.close();
  return elapsed;
}

function searchTexts(rows: IncomingPatient[]): { surname: string[]; cf: string[] } {
  const rnd = new SeededRandom(7);
  const surname: string[] = [];
  const cf: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const p = rnd.pick(rows);
    const key = nameKey(p.surname);
    surname.push(key.slice(0, rnd.int(2, Math.min(6, key.length))).toLowerCase());
    cf.push(p.codiceFiscale.slice(0, rnd.pick([6, 9, 11, 16])));
  }
  return { surname, cf };
}

function timeQueries(texts: string[], run: (text: string) => unknown): { p50: number; p99: number; max: number } {
  for (const t of texts.slice(0, 50)) run(t);
  const times = texts.map((t) => {
    const start = process.hrtime.bigint();
    run(t);
    return ms(start);
  });
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(times.at(-1)!) };
}

function bareSearch(sqlite: Database.Database) {
  const bySurname = sqlite.prepare(
    "SELECT id, codice_fiscale, surname, given_name, birth_date, sex, chronic_level FROM patients WHERE surname_key >= ? AND surname_key < ? || '[' ORDER BY surname_key, given_key, id LIMIT 51",
  );
  const byCf = sqlite.prepare(
    "SELECT id, codice_fiscale, surname, given_name, birth_date, sex, chronic_level FROM patients WHERE codice_fiscale >= ? AND codice_fiscale < ? || '[' ORDER BY codice_fiscale LIMIT 51",
  );
  return {
    surname: (t: string) => { const k = nameKey(t); return bySurname.all(k, k); },
    cf: (t: string) => byCf.all(t, t),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function runStoreBench(): unknown {
  const genStart = process.hrtime.bigint();
  const rows = [...generateDemoPatients({ count: PATIENTS, seed: DEFAULT_DEMO_SEED, referenceDate: '2026-11-23' })];
  const generationMs = ms(genStart);

  const storeTimes: number[] = [];
  const bareTimes: number[] = [];
  const plainTimes: number[] = [];
  let kept: Store | null = null;
  for (let i = 0; i < ROUNDS; i++) {
    bareTimes.push(seedBare(rows));
    plainTimes.push(seedBare(rows, openPlain));
    const r = seedWithStore(rows);
    storeTimes.push(r.ms);
    if (kept) kept.close();
    kept = r.store;
  }
  const store = kept!;
  const seedStore = Math.min(...storeTimes);
  const seedBareMs = Math.min(...bareTimes);
  const seedPlainMs = Math.min(...plainTimes);

  const service = new PatientService(store, new EventHub(), { now: () => new Date() });
  const texts = searchTexts(rows);
  const bare = bareSearch(store.database.sqlite);
  const search = {
    surnamePrefix: timeQueries(texts.surname, (t) => service.search(t)),
    codiceFiscale: timeQueries(texts.cf, (t) => service.search(t)),
    bareSurnamePrefix: timeQueries(texts.surname, bare.surname),
    bareCodiceFiscale: timeQueries(texts.cf, bare.cf),
  };
  store.close();

  const result = {
    patients: rows.length,
    generationMs: round(generationMs),
    seed: {
      storeMs: round(seedStore),
      bareMs: round(seedBareMs),
      ratio: round(seedStore / seedBareMs),
      rounds: ROUNDS,
      target: '<= 2x bare',
      pass: seedStore / seedBareMs <= 2,
    },
    encryption: {
      bareEncryptedMs: round(seedBareMs),
      barePlainMs: round(seedPlainMs),
      cost: round(seedBareMs / seedPlainMs),
      note: 'SQLCipher 4 format (AES-256, HMAC-SHA512) against plain SQLite, same rows and settings',
    },
    searchMs: search,
    searchTarget: 'p50 <= 5 ms, p99 <= 20 ms',
    searchPass:
      Math.max(search.surnamePrefix.p50, search.codiceFiscale.p50) <= 5 &&
      Math.max(search.surnamePrefix.p99, search.codiceFiscale.p99) <= 20,
    rssMiB: Math.round(process.memoryUsage().rss / 1048576),
  };

  const s = search;
  console.log(`Store benchmark, ${rows.length} patients (${QUERIES} queries per kind)`);
  console.log(`  seeding       store ${result.seed.storeMs} ms   bare ${result.seed.bareMs} ms   ratio ${result.seed.ratio}x (target <= 2x) ${result.seed.pass ? 'OK' : 'FAIL'}`);
  console.log(`  encryption    bare encrypted ${result.encryption.bareEncryptedMs} ms   bare plain ${result.encryption.barePlainMs} ms   cost ${result.encryption.cost}x`);
  console.log(`  surname pfx   p50 ${s.surnamePrefix.p50} ms  p99 ${s.surnamePrefix.p99} ms   (bare p50 ${s.bareSurnamePrefix.p50}  p99 ${s.bareSurnamePrefix.p99})`);
  console.log(`  codice fisc.  p50 ${s.codiceFiscale.p50} ms  p99 ${s.codiceFiscale.p99} ms   (bare p50 ${s.bareCodiceFiscale.p50}  p99 ${s.bareCodiceFiscale.p99})`);
  console.log(`  search target p50 <= 5 ms, p99 <= 20 ms: ${result.searchPass ? 'OK' : 'FAIL'}`);
  return result;
}
