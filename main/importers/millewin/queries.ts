import { ImportSourceError } from '../errors';

/**
 * The SQL the adapter runs, built from what the database really has (introspection), because
 * Millewin's column types are not documented publicly. Identifiers come only from the fixed
 * lists below, never from input; values always travel as parameters.
 *
 * Assumptions, and how the SQL copes when they are wrong:
 * - `codice` joins pazienti, nos_002, cart_pazpbl and cart_terap and has the same type in all of
 *   them (text in the Millewin installs seen; an integer works too: `= ANY($1)` takes the
 *   column's type, and `ORDER BY codice` then orders numerically);
 * - `nos_002.pa_medi` holds `users.userid` (compared as trimmed text, whatever the types);
 * - `decesso` is a date (alive when NULL); if it is text, blank means alive; boolean: not true;
 *   number: NULL or 0;
 * - `pa_drevoca` is a date (current when NULL or after today); if it is text, the same shapes as
 *   mapping.parseDate are compared as YYYYMMDD with today's date; unreadable text counts as no
 *   revocation (the patient is kept, with a warning);
 * - `pb_status` 'A' = active problem and `te_c_flag` 'C' = chronic therapy, compared trimmed and
 *   upper-case;
 * - a patient has one nos_002 row; should there be more, DISTINCT ON keeps one patient;
 * - the tables are visible on the search_path (schema `public` in Millewin).
 * Only catalog queries that PostgreSQL 9.x already had are used (no to_regclass, no FILTER).
 */

export interface ColumnInfo {
  /** pg_type.typcategory: 'S' string, 'D' date/time, 'N' numeric, 'B' boolean, ... */
  category: string;
  type: string;
}

export interface SourceSchema {
  tables: Map<string, Map<string, ColumnInfo>>;
  /** The database is SQL_ASCII: text is read as bytes and decoded by the adapter. */
  rawText: boolean;
}

export const TABLES = ['pazienti', 'nos_002', 'users', 'cart_pazpbl', 'cart_terap'] as const;
export type MillewinTable = (typeof TABLES)[number];

const REQUIRED_COLUMNS: Record<MillewinTable, string[]> = {
  pazienti: ['codice', 'codice_fiscale', 'decesso'],
  nos_002: ['codice', 'pa_medi', 'pa_drevoca'],
  users: ['userid'],
  cart_pazpbl: ['codice', 'cp_code', 'pb_status'],
  cart_terap: ['codice', 'te_c_flag'],
};

/** Read when present; when missing the field stays empty and the preview says so. */
const OPTIONAL_COLUMNS: Record<MillewinTable, string[]> = {
  pazienti: ['cognome', 'nome', 'nascita', 'sesso', 'pa_convenzione'],
  nos_002: ['tel_cell', 'email'],
  users: ['ut_cf', 'cognomeuser', 'nomeuser'],
  cart_pazpbl: ['nome_pbl', 'data_open'],
  cart_terap: ['co_atc', 'co_des'],
};

export const INTROSPECTION_SQL = `
SELECT c.relname::text AS table_name, a.attname::text AS column_name, t.typcategory::text AS category, t.typname::text AS type
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'v', 'm', 'f', 'p') AND pg_catalog.pg_table_is_visible(c.oid)`;

export interface IntrospectionRow {
  table_name: string;
  column_name: string;
  category: string;
  type: string;
}

export function buildSchema(rows: readonly IntrospectionRow[], serverEncoding: string): SourceSchema {
  const tables = new Map<string, Map<string, ColumnInfo>>();
  for (const r of rows) {
    let cols = tables.get(r.table_name);
    if (!cols) tables.set(r.table_name, (cols = new Map()));
    cols.set(r.column_name, { category: r.category, type: r.type });
  }
  return { tables, rawText: serverEncoding.toUpperCase() === 'SQL_ASCII' };
}

export function missingTables(schema: SourceSchema): string[] {
  return TABLES.filter((t) => !schema.tables.has(t));
}

/** Throws db-missing-table / db-missing-column; returns the optional columns that are missing. */
export function checkSchema(schema: SourceSchema, where: string): string[] {
  const tables = missingTables(schema);
  if (tables.length > 0) {
    throw new ImportSourceError(
      'db-missing-table',
      `Millewin database ${where}: missing tables ${tables.join(', ')}`,
      `Nel database (${where}) mancano tabelle di Millewin (${tables.join(', ')}): non sembra il database di Millewin, o la versione non è supportata.`,
    );
  }
  const columns = TABLES.flatMap((t) => REQUIRED_COLUMNS[t].filter((c) => !schema.tables.get(t)?.has(c)).map((c) => `${t}.${c}`));
  if (columns.length > 0) {
    throw new ImportSourceError(
      'db-missing-column',
      `Millewin database ${where}: missing columns ${columns.join(', ')}`,
      `Nel database di Millewin (${where}) mancano colonne attese (${columns.join(', ')}): la versione di Millewin non è supportata.`,
    );
  }
  return TABLES.flatMap((t) => OPTIONAL_COLUMNS[t].filter((c) => !schema.tables.get(t)?.has(c)).map((c) => `${t}.${c}`));
}

function column(schema: SourceSchema, table: MillewinTable, name: string): ColumnInfo | undefined {
  return schema.tables.get(table)?.get(name);
}

/**
 * A column as selected: NULL when missing; raw bytes for text in a SQL_ASCII database (the
 * server would refuse to send non-UTF-8 bytes to a UTF-8 client).
 */
export function selectColumn(schema: SourceSchema, table: MillewinTable, alias: string, name: string): string {
  const info = column(schema, table, name);
  if (!info) return `NULL AS ${name}`;
  if (schema.rawText && info.category === 'S') return `convert_to(${alias}.${name}::text, 'SQL_ASCII') AS ${name}`;
  return `${alias}.${name} AS ${name}`;
}

/** A key expression: the codice as selected, aliased `k`. */
function selectKey(schema: SourceSchema, table: MillewinTable, alias: string): string {
  return selectColumn(schema, table, alias, 'codice').replace(/ AS codice$/, ' AS k');
}

/**
 * Text holding a date -> 'YYYYMMDD' text or NULL, without ever raising an error (a cast would
 * abort the whole query on one bad value). Shapes: yyyy-mm-dd[...] and yyyy/mm/dd, dd/mm/yyyy
 * (also '.' and '-'), yyyymmdd; day and month may have one digit.
 */
export function dateKeySql(textExpr: string): string {
  const t = `btrim(${textExpr})`;
  const ymd = `translate(${t}, '-', '/')`;
  const dmy = `translate(${t}, '.-', '//')`;
  return `(CASE
    WHEN ${t} ~ '^[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}([^0-9]|$)'
      THEN split_part(${ymd}, '/', 1) || lpad(split_part(${ymd}, '/', 2), 2, '0') || lpad(substring(split_part(${ymd}, '/', 3) from '^[0-9]+'), 2, '0')
    WHEN ${t} ~ '^[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}([^0-9]|$)'
      THEN substring(split_part(${dmy}, '/', 3) from '^[0-9]{4}') || lpad(split_part(${dmy}, '/', 2), 2, '0') || lpad(split_part(${dmy}, '/', 1), 2, '0')
    WHEN ${t} ~ '^[0-9]{8}$' THEN ${t}
    ELSE NULL END)`;
}

function aliveSql(schema: SourceSchema): string {
  const info = column(schema, 'pazienti', 'decesso') as ColumnInfo;
  switch (info.category) {
    case 'D':
      return 'p.decesso IS NULL';
    case 'B':
      return 'p.decesso IS NOT TRUE';
    case 'N':
      return 'COALESCE(p.decesso, 0) = 0';
    default:
      return "COALESCE(btrim(p.decesso::text), '') = ''";
  }
}

function notRevokedSql(schema: SourceSchema): string {
  const info = column(schema, 'nos_002', 'pa_drevoca') as ColumnInfo;
  if (info.category === 'D') return '(n.pa_drevoca IS NULL OR n.pa_drevoca::date > CURRENT_DATE)';
  const key = dateKeySql('n.pa_drevoca::text');
  return `(${key} IS NULL OR ${key} > to_char(CURRENT_DATE, 'YYYYMMDD'))`;
}

/** FROM and WHERE of the current patients of the doctor ($1 = the doctor's userid, trimmed). */
function currentPatientsFrom(schema: SourceSchema): string {
  return `FROM pazienti p JOIN nos_002 n ON n.codice = p.codice
WHERE btrim(n.pa_medi::text) = $1 AND ${aliveSql(schema)} AND ${notRevokedSql(schema)}`;
}

/** The cursor's query: one row per current patient, ordered by codice. */
export function patientsSql(schema: SourceSchema): string {
  const cols = [
    selectKey(schema, 'pazienti', 'p'),
    ...['cognome', 'nome', 'nascita', 'sesso', 'codice_fiscale', 'pa_convenzione'].map((c) => selectColumn(schema, 'pazienti', 'p', c)),
    ...['pa_drevoca', 'tel_cell', 'email'].map((c) => selectColumn(schema, 'nos_002', 'n', c)),
  ];
  return `SELECT DISTINCT ON (p.codice) ${cols.join(', ')}
${currentPatientsFrom(schema)}
ORDER BY p.codice`;
}

/** One row: total current patients, those without codice fiscale, those not in convenzione. */
export function countsSql(schema: SourceSchema): string {
  const conv = column(schema, 'pazienti', 'pa_convenzione') ? 'p.pa_convenzione::text' : 'NULL::text';
  return `SELECT count(*)::int AS total,
  COALESCE(sum(CASE WHEN COALESCE(btrim(cf), '') = '' THEN 1 ELSE 0 END), 0)::int AS without_cf,
  COALESCE(sum(CASE WHEN upper(btrim(conv)) <> 'S' THEN 1 ELSE 0 END), 0)::int AS not_convenzionati
FROM (SELECT DISTINCT ON (p.codice) p.codice_fiscale::text AS cf, ${conv} AS conv
${currentPatientsFrom(schema)}) s`;
}

/** Active problems of a batch of patients ($1 = their codici). */
export function problemsSql(schema: SourceSchema): string {
  const cols = [selectKey(schema, 'cart_pazpbl', 'pb'), ...['cp_code', 'nome_pbl', 'data_open'].map((c) => selectColumn(schema, 'cart_pazpbl', 'pb', c))];
  const dataOpen = column(schema, 'cart_pazpbl', 'data_open') ? 'pb.data_open' : 'NULL';
  return `SELECT ${cols.join(', ')}
FROM cart_pazpbl pb
WHERE pb.codice = ANY($1) AND upper(btrim(pb.pb_status::text)) = 'A'
ORDER BY pb.codice, ${dataOpen}, pb.cp_code`;
}

/** Chronic therapies of a batch of patients ($1 = their codici). */
export function therapiesSql(schema: SourceSchema): string {
  const cols = [selectKey(schema, 'cart_terap', 't'), ...['co_atc', 'co_des'].map((c) => selectColumn(schema, 'cart_terap', 't', c))];
  const order = ['co_des', 'co_atc'].filter((c) => column(schema, 'cart_terap', c)).map((c) => `t.${c}`);
  return `SELECT ${cols.join(', ')}
FROM cart_terap t
WHERE t.codice = ANY($1) AND upper(btrim(t.te_c_flag::text)) = 'C'
ORDER BY ${['t.codice', ...order].join(', ')}`;
}

/**
 * The doctor by userid, or else by codice fiscale (ut_cf), as a convenience ($1 = trimmed input).
 */
export function doctorSql(schema: SourceSchema): string {
  const hasCf = Boolean(column(schema, 'users', 'ut_cf'));
  const cols = ['btrim(u.userid::text) AS userid', ...['cognomeuser', 'nomeuser', 'ut_cf'].map((c) => selectColumn(schema, 'users', 'u', c))];
  const byCf = hasCf ? " OR upper(btrim(u.ut_cf::text)) = upper($1)" : '';
  return `SELECT ${cols.join(', ')}
FROM users u
WHERE btrim(u.userid::text) = $1${byCf}
ORDER BY CASE WHEN btrim(u.userid::text) = $1 THEN 0 ELSE 1 END
LIMIT 1`;
}

/** Every user with the number of current patients (for a doctor picker); `$1` unused. */
export function doctorsSql(schema: SourceSchema): string {
  const cols = ['btrim(u.userid::text) AS userid', ...['cognomeuser', 'nomeuser'].map((c) => selectColumn(schema, 'users', 'u', c))];
  const from = currentPatientsFrom(schema).replace('btrim(n.pa_medi::text) = $1', 'btrim(n.pa_medi::text) = btrim(u.userid::text)');
  return `SELECT ${cols.join(', ')},
  (SELECT count(DISTINCT p.codice) ${from})::int AS patients
FROM users u
ORDER BY 1`;
}
