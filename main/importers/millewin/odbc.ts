import { execFile } from 'node:child_process';

/**
 * Where Millewin's PostgreSQL server is, as the studio PC knows it: the ODBC data source
 * `mille_MillePS` (older installs: `milleps`) that Millewin's installer creates with the psqlODBC
 * driver. Only the address is taken from it (Servername, Port, Database): credentials come from
 * the import options or the environment, never from the registry.
 */

export interface OdbcServer {
  host: string;
  port?: number;
  database?: string;
  /** The registry key it was read from, for logs. */
  key: string;
}

export const ODBC_DSN_NAMES = ['mille_MillePS', 'milleps'] as const;

/** System DSNs (64- and 32-bit views), then the user's own DSNs. */
export function odbcRegistryKeys(): string[] {
  const roots = ['HKLM\\SOFTWARE\\ODBC\\ODBC.INI', 'HKLM\\SOFTWARE\\WOW6432Node\\ODBC\\ODBC.INI', 'HKCU\\SOFTWARE\\ODBC\\ODBC.INI'];
  return ODBC_DSN_NAMES.flatMap((dsn) => roots.map((root) => `${root}\\${dsn}`));
}

/**
 * The values of one key in `reg query KEY` output, by lower-case name. Lines look like
 * `    Servername    REG_SZ    192.168.1.10` (four spaces around the type; a value may itself
 * contain spaces, or be empty). REG_DWORD values are printed in hex (`0x1538`) and are returned
 * as decimal strings.
 */
export function parseRegQueryOutput(output: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const m = /^\s+(.+?)\s{2,}(REG_[A-Z_]+)(?:\s{2,}(.*?))?\s*$/.exec(line);
    if (!m) continue;
    const [, name, type, raw = ''] = m as unknown as [string, string, string, string | undefined];
    let value = raw;
    if ((type === 'REG_DWORD' || type === 'REG_QWORD') && /^0x[0-9a-f]+$/i.test(raw)) value = String(parseInt(raw, 16));
    values.set(name.trim().toLowerCase(), value);
  }
  return values;
}

/** The server named by one DSN key's `reg query` output, or null when it names none. */
export function odbcServerFromRegQuery(output: string, key: string): OdbcServer | null {
  const values = parseRegQueryOutput(output);
  const host = (values.get('servername') ?? values.get('server') ?? '').trim();
  if (!host) return null;
  const server: OdbcServer = { host, key };
  const port = Number((values.get('port') ?? '').trim());
  if (Number.isInteger(port) && port > 0 && port < 65536) server.port = port;
  const database = (values.get('database') ?? '').trim();
  if (database) server.database = database;
  return server;
}

/** Runs `reg query KEY`; resolves with its output, or null when the key does not exist. */
export type RegQuery = (key: string) => Promise<string | null>;

export const runRegQuery: RegQuery = (key) =>
  new Promise((resolve) => {
    execFile('reg', ['query', key], { windowsHide: true, timeout: 5_000, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? null : stdout);
    });
  });

/** The first Millewin DSN found in the registry (Windows only), or null. */
export async function readMillewinOdbcServer(regQuery: RegQuery = runRegQuery): Promise<OdbcServer | null> {
  for (const key of odbcRegistryKeys()) {
    const output = await regQuery(key);
    if (output === null) continue;
    const server = odbcServerFromRegQuery(output, key);
    if (server) return server;
  }
  return null;
}
