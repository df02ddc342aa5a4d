import { z } from 'zod';
import { ImportSourceError } from '../errors';
import { readMillewinOdbcServer, type OdbcServer } from './odbc';

/**
 * Options of the Millewin import. Either `url` (postgres://user:password@host:port/milleps) or
 * `host` (+ `port`, `database`), plus `doctor`, the Millewin `userid` of the doctor whose patients
 * are imported. Defaults are applied when the connection is resolved (resolveConnection), so that
 * an address read from the Windows ODBC entry is not overridden by a default:
 *   host      url > host > (Windows) ODBC entry mille_MillePS > PGHOST
 *   port      url > port > ODBC > PGPORT > 5432
 *   database  url > database > ODBC > PGDATABASE > milleps
 *   user      url > user > PGUSER (required)
 *   password  url > password > PGPASSWORD (no default: a server that asks for one fails with db-auth)
 */

const stringBool = z.union([z.boolean(), z.stringbool()]);

export const millewinOptionsSchema = z
  .object({
    url: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//i, "L'indirizzo deve iniziare con postgres:// o postgresql://")
      .optional()
      .describe('postgres://utente:password@server:5432/milleps'),
    host: z.string().trim().min(1).optional().describe('Server di Millewin (default: la voce ODBC mille_MillePS su Windows)'),
    port: z.coerce.number().int().min(1).max(65535).optional().describe('Porta (default 5432)'),
    database: z.string().trim().min(1).optional().describe('Database (default milleps)'),
    user: z.string().trim().min(1).optional().describe('Utente del database (default: PGUSER)'),
    password: z.string().optional().describe('Password (default: PGPASSWORD)'),
    doctor: z.string().trim().min(1, 'Indicare il codice utente (userid) del medico in Millewin'),
    ssl: stringBool.optional().describe('Connessione cifrata (TLS)'),
    /** Rows per FETCH from the server-side cursor. */
    batchSize: z.coerce.number().int().min(1).max(10_000).optional(),
    /** Per-statement timeout on the server, in milliseconds. */
    statementTimeoutMs: z.coerce.number().int().min(1_000).max(3_600_000).optional(),
  })
  .refine((o) => !(o.url && (o.host || o.port || o.database || o.user)), {
    message: "Indicare l'indirizzo completo (url) oppure server, porta, database e utente, non entrambi",
    path: ['url'],
  });

export type MillewinOptions = z.output<typeof millewinOptionsSchema>;

/** Connection options only: what listing the doctors needs. */
export type MillewinConnectionOptions = Omit<MillewinOptions, 'doctor'> & { doctor?: string };

export const DEFAULT_PORT = 5432;
export const DEFAULT_DATABASE = 'milleps';
export const CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 120_000;
export const DEFAULT_BATCH_SIZE = 1_000;

/** Everything needed to open the connection; `password` never appears in messages. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** false: plain TCP; otherwise the node-postgres `ssl` value. */
  ssl: false | { rejectUnauthorized: boolean };
  /** Where the host came from, for logs and messages. */
  hostFrom: 'url' | 'options' | 'odbc' | 'env';
}

export interface ResolveDeps {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  readOdbc?: () => Promise<OdbcServer | null>;
}

function configError(message: string, userMessage: string): ImportSourceError {
  return new ImportSourceError('db-config', message, userMessage);
}

/**
 * TLS on a studio LAN: Millewin servers use self-signed certificates, so `ssl: true` encrypts
 * without verifying the certificate; `sslmode=verify-ca|verify-full` in the url verifies it.
 */
function sslFrom(flag: boolean | undefined, sslmode: string | null): ConnectionTarget['ssl'] {
  if (sslmode === 'verify-ca' || sslmode === 'verify-full') return { rejectUnauthorized: true };
  if (sslmode === 'require' || sslmode === 'prefer') return { rejectUnauthorized: false };
  if (sslmode === 'disable' || sslmode === 'allow') return false;
  return flag ? { rejectUnauthorized: false } : false;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export async function resolveConnection(options: MillewinConnectionOptions, deps: ResolveDeps = {}): Promise<ConnectionTarget> {
  const env = deps.env ?? process.env;
  const platform = deps.platform ?? process.platform;
  const nonEmpty = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : undefined);
  const envPort = Number(env.PGPORT);

  if (options.url) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw configError('invalid connection url', "L'indirizzo del database (url) non è valido: usare postgres://utente@server:5432/milleps");
    }
    const host = decode(url.hostname).replace(/^\[(.*)\]$/, '$1');
    if (!host) throw configError('connection url without host', "L'indirizzo del database (url) non indica il server");
    const user = nonEmpty(decode(url.username)) ?? nonEmpty(env.PGUSER);
    if (!user) throw configError('no database user', "Indicare l'utente del database nell'indirizzo (postgres://utente@server/milleps) o in PGUSER");
    const password = url.password ? decode(url.password) : (options.password ?? env.PGPASSWORD);
    const target: ConnectionTarget = {
      host,
      port: url.port ? Number(url.port) : DEFAULT_PORT,
      database: nonEmpty(decode(url.pathname.replace(/^\//, ''))) ?? DEFAULT_DATABASE,
      user,
      ssl: sslFrom(options.ssl, url.searchParams.get('sslmode')),
      hostFrom: 'url',
    };
    if (password !== undefined) target.password = password;
    return target;
  }

  let host = nonEmpty(options.host);
  let hostFrom: ConnectionTarget['hostFrom'] = 'options';
  let odbc: OdbcServer | null = null;
  if (!host && platform === 'win32') {
    odbc = await (deps.readOdbc ?? readMillewinOdbcServer)();
    if (odbc) {
      host = odbc.host;
      hostFrom = 'odbc';
    }
  }
  if (!host && nonEmpty(env.PGHOST)) {
    host = nonEmpty(env.PGHOST);
    hostFrom = 'env';
  }
  if (!host) {
    throw configError(
      'no database host: none in the options, no Millewin ODBC entry, no PGHOST',
      platform === 'win32'
        ? "Server di Millewin non trovato: su questo computer non c'è la voce ODBC mille_MillePS. Indicare il nome o l'indirizzo del server."
        : "Indicare il nome o l'indirizzo del server di Millewin.",
    );
  }
  const user = nonEmpty(options.user) ?? nonEmpty(env.PGUSER);
  if (!user) throw configError('no database user', "Indicare l'utente del database di Millewin.");
  const password = options.password ?? env.PGPASSWORD;
  const target: ConnectionTarget = {
    host,
    port: options.port ?? odbc?.port ?? (Number.isInteger(envPort) && envPort > 0 ? envPort : DEFAULT_PORT),
    database: nonEmpty(options.database) ?? odbc?.database ?? nonEmpty(env.PGDATABASE) ?? DEFAULT_DATABASE,
    user,
    ssl: sslFrom(options.ssl, null),
    hostFrom,
  };
  if (password !== undefined) target.password = password;
  return target;
}

/** "server:5432/milleps": the address as messages show it (no user, no password). */
export function describeTarget(t: Pick<ConnectionTarget, 'host' | 'port' | 'database'>): string {
  return `${t.host}:${t.port}/${t.database}`;
}
