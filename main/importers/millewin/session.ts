import pg from 'pg';
import type { ImportItem } from '../adapter';
import { ImportSourceError } from '../errors';
import { cleanText, mapPatient, rawText, type PatientRow, type ProblemRow, type TherapyRow } from './mapping';
import {
  CONNECT_TIMEOUT_MS,
  DEFAULT_BATCH_SIZE,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  describeTarget,
  resolveConnection,
  type ConnectionTarget,
  type MillewinConnectionOptions,
  type ResolveDeps,
} from './options';
import {
  INTROSPECTION_SQL,
  TABLES,
  buildSchema,
  checkSchema,
  countsSql,
  doctorSql,
  doctorsSql,
  missingTables,
  patientsSql,
  problemsSql,
  therapiesSql,
  type IntrospectionRow,
  type SourceSchema,
} from './queries';
import { toSourceError } from './sourceErrors';

/**
 * One read-only look at Millewin's database: a connection, one REPEATABLE READ READ ONLY
 * transaction (a consistent snapshot; the session default is read-only too, so not even a stray
 * statement could write), and ROLLBACK at the end. Patients stream through a server-side cursor,
 * `batchSize` rows per FETCH; the problems and therapies of each batch come with one query each
 * (`codice = ANY($1)`), so memory depends on the batch, not on the size of the database.
 *
 * Cancelling (the AbortSignal) closes the connection at once, even in the middle of a query: the
 * server then rolls the transaction back by itself.
 */

const CURSOR = 'pic_millewin_patients';

/** Thrown inside the session when the signal aborts; the adapter turns it into a quiet return. */
export class ImportAbortedError extends Error {
  constructor() {
    super('import aborted');
    this.name = 'ImportAbortedError';
  }
}

/** Dates and timestamps are read as the text the server sends (ISO, see DateStyle below), never as JS Dates: no time-zone shifts. */
const RAW_DATE_OIDS = new Set([1082, 1114, 1184]);
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (RAW_DATE_OIDS.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface MillewinDoctor {
  userid: string;
  surname: string | null;
  givenName: string | null;
  codiceFiscale: string | null;
}

export interface SourceCounts {
  /** Current patients of the doctor. */
  total: number;
  withoutCodiceFiscale: number;
  notConvenzionati: number;
}

export interface OpenOptions {
  signal?: AbortSignal;
  deps?: ResolveDeps;
  batchSize?: number;
  statementTimeoutMs?: number;
}

export class MillewinSession {
  private aborted = false;
  private closed = false;
  private streaming = false;
  private readonly onAbort = () => {
    this.aborted = true;
    void this.client.end().catch(() => undefined);
  };

  private constructor(
    private readonly client: pg.Client,
    readonly target: ConnectionTarget,
    readonly schema: SourceSchema,
    /** Optional columns this database lacks ("nos_002.email"): their fields stay empty. */
    readonly missingColumns: string[],
    private readonly signal: AbortSignal | undefined,
    private readonly batchSize: number,
  ) {}

  get where(): string {
    return describeTarget(this.target);
  }

  /**
   * Connects, starts the read-only snapshot and checks the tables (db-missing-table); with
   * `tablesOnly`, a database lacking them is not an error (`missingTables` says which).
   */
  static async open(options: MillewinConnectionOptions, open: OpenOptions = {}): Promise<MillewinSession> {
    const { signal } = open;
    if (signal?.aborted) throw new ImportAbortedError();
    const target = await resolveConnection(options, open.deps);
    const where = describeTarget(target);
    const statementTimeout = open.statementTimeoutMs ?? options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    const config: pg.ClientConfig = {
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      ssl: target.ssl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: statementTimeout,
      // The client gives up a little after the server would have.
      query_timeout: statementTimeout + 15_000,
      application_name: 'PiC Studio (importazione Millewin)',
      types,
      // A function, so that node-postgres asks nothing else: without one it would look in
      // ~/.pgpass, and credentials come from the options or PGPASSWORD only (options.ts).
      // It may resolve to undefined (no password: fine for a server that asks none); the types
      // of @types/pg do not say so, node-postgres accepts it.
      password: (async () => target.password) as () => Promise<string>,
    };
    const client = new pg.Client(config);
    // A connection dropped while idle between two FETCHes must not crash the process.
    client.on('error', () => undefined);

    const abortConnect = () => void client.end().catch(() => undefined);
    signal?.addEventListener('abort', abortConnect, { once: true });
    try {
      await client.connect();
      await client.query("SET datestyle TO 'ISO, DMY'");
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const encoding = await client.query<{ server_encoding: string }>('SHOW server_encoding');
      const columns = await client.query<IntrospectionRow>(INTROSPECTION_SQL, [[...TABLES]]);
      const schema = buildSchema(columns.rows, encoding.rows[0]?.server_encoding ?? '');
      const missing = missingTables(schema).length === 0 ? checkSchema(schema, where) : [];
      const session = new MillewinSession(client, target, schema, missing, signal, open.batchSize ?? options.batchSize ?? DEFAULT_BATCH_SIZE);
      signal?.removeEventListener('abort', abortConnect);
      signal?.addEventListener('abort', session.onAbort, { once: true });
      if (signal?.aborted) session.onAbort();
      return session;
    } catch (e) {
      signal?.removeEventListener('abort', abortConnect);
      await client.end().catch(() => undefined);
      if (signal?.aborted) throw new ImportAbortedError();
      throw toSourceError(e, { where });
    }
  }

  /** Tables the adapter needs that this database lacks (empty: it looks like Millewin). */
  missingTables(): string[] {
    return missingTables(this.schema);
  }

  /** Throws db-missing-table / db-missing-column. */
  requireSchema(): void {
    checkSchema(this.schema, this.where);
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>> {
    if (this.aborted) throw new ImportAbortedError();
    if (this.closed) throw new Error('Millewin session already closed');
    try {
      return await this.client.query<R>(sql, params);
    } catch (e) {
      if (this.aborted) throw new ImportAbortedError();
      throw toSourceError(e, { where: this.where });
    }
  }

  /** What the server says of this session's transaction (diagnostics and tests). */
  async transactionState(): Promise<{ readOnly: boolean; defaultReadOnly: boolean; isolation: string }> {
    const get = async (name: string) => String(Object.values((await this.query<Record<string, unknown>>(`SHOW ${name}`)).rows[0] ?? {})[0]);
    return {
      readOnly: (await get('transaction_read_only')) === 'on',
      defaultReadOnly: (await get('default_transaction_read_only')) === 'on',
      isolation: await get('transaction_isolation'),
    };
  }

  /** The doctor by userid (or codice fiscale); doctor-not-found when there is none. */
  async findDoctor(doctor: string): Promise<MillewinDoctor> {
    this.requireSchema();
    const wanted = doctor.trim();
    const { rows } = await this.query<Record<string, unknown>>(doctorSql(this.schema), [wanted]);
    const row = rows[0];
    if (!row) {
      throw new ImportSourceError(
        'doctor-not-found',
        `Millewin database ${this.where}: no user with userid "${wanted}"`,
        `Nel database di Millewin non esiste un medico con codice utente "${wanted}": verificare il codice utente (userid) con cui il medico accede a Millewin.`,
      );
    }
    return {
      userid: cleanText(row.userid) ?? wanted,
      surname: cleanText(row.cognomeuser),
      givenName: cleanText(row.nomeuser),
      codiceFiscale: cleanText(row.ut_cf),
    };
  }

  /** Every user with the number of current patients, for a doctor picker. */
  async listDoctors(): Promise<(MillewinDoctor & { patients: number })[]> {
    this.requireSchema();
    const { rows } = await this.query<Record<string, unknown>>(doctorsSql(this.schema));
    return rows.map((r) => ({
      userid: cleanText(r.userid) ?? '',
      surname: cleanText(r.cognomeuser),
      givenName: cleanText(r.nomeuser),
      codiceFiscale: null,
      patients: Number(r.patients),
    }));
  }

  async counts(doctor: MillewinDoctor): Promise<SourceCounts> {
    const { rows } = await this.query<{ total: number; without_cf: number; not_convenzionati: number }>(countsSql(this.schema), [doctor.userid]);
    const r = rows[0];
    return { total: r?.total ?? 0, withoutCodiceFiscale: r?.without_cf ?? 0, notConvenzionati: r?.not_convenzionati ?? 0 };
  }

  /**
   * The doctor's current patients, ordered by codice, as import items. `onRows(read)` after each
   * batch with the number of patient rows read so far. Ends quietly when the signal aborts.
   */
  async *items(doctor: MillewinDoctor, onRows?: (read: number) => void): AsyncGenerator<ImportItem> {
    if (this.streaming) throw new Error('a Millewin session streams its patients once');
    this.streaming = true;
    const patients = patientsSql(this.schema);
    const problems = problemsSql(this.schema);
    const therapies = therapiesSql(this.schema);
    try {
      await this.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${patients}`, [doctor.userid]);
      let read = 0;
      for (;;) {
        const batch = await this.query<PatientRow & Record<string, unknown>>(`FETCH ${this.batchSize} FROM ${CURSOR}`);
        if (batch.rows.length === 0) break;
        // Rows are matched on the trimmed codice (a char(n) codice comes padded, a varchar one
        // in another table does not); the query gets both spellings, so either column type matches.
        const keys = batch.rows.map((r) => cleanText(r.k) ?? '');
        const params = [...new Set(batch.rows.flatMap((r) => [rawText(r.k) ?? '', cleanText(r.k) ?? '']))];
        const byKey = <T extends { k?: unknown }>(rows: T[]) => {
          const map = new Map<string, T[]>();
          for (const row of rows) {
            const key = cleanText(row.k) ?? '';
            const list = map.get(key);
            if (list) list.push(row);
            else map.set(key, [row]);
          }
          return map;
        };
        const problemRows = byKey((await this.query<ProblemRow & Record<string, unknown>>(problems, [params])).rows);
        const therapyRows = byKey((await this.query<TherapyRow & Record<string, unknown>>(therapies, [params])).rows);
        read += batch.rows.length;
        onRows?.(read);
        for (let i = 0; i < batch.rows.length; i++) {
          if (this.aborted) return;
          const key = keys[i] as string;
          yield mapPatient(batch.rows[i] as PatientRow, problemRows.get(key), therapyRows.get(key));
        }
        if (batch.rows.length < this.batchSize) break;
      }
      await this.query(`CLOSE ${CURSOR}`);
    } catch (e) {
      if (e instanceof ImportAbortedError) return;
      throw e;
    }
  }

  /** ROLLBACK (nothing was written: this only ends the snapshot) and disconnect. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    if (this.aborted) return;
    try {
      await this.client.query('ROLLBACK');
    } catch {
      // The connection is gone: the server has rolled back already.
    }
    await this.client.end().catch(() => undefined);
  }
}
