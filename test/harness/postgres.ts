import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A private, throw-away PostgreSQL cluster for tests (Debian package `postgresql`; binaries in
 * /usr/lib/postgresql/<version>/bin). `initdb` into a temporary folder, `pg_ctl start` on a free
 * port of 127.0.0.1 with the unix socket in that folder, fsync off. PostgreSQL refuses to run as
 * root: when the tests run as root (CI does) every server command runs as the `postgres` OS user
 * through `runuser`, and the folder is handed to that user.
 *
 * The cluster has a superuser `postgres` (trust, unix socket only: `adminQuery`) and a login role
 * with a random password owning the database `milleps`: tests connect to it over TCP with that
 * password, as the app would to a studio's server.
 */

const run = promisify(execFile);

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SUPERUSER = 'postgres';
const OS_USER = 'postgres';

export interface StartPostgresOptions {
  /** Encoding of the `milleps` database (the cluster is initialised with the C locale). Default UTF8. */
  encoding?: 'UTF8' | 'LATIN1' | 'SQL_ASCII';
  /** The login role the tests use. Default `pic_test`. */
  user?: string;
  /** The database created for that role. Default `milleps`. */
  database?: string;
}

export interface PostgresInstance {
  /** postgres://user:password@127.0.0.1:port/milleps */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The folder holding the cluster, its log and its socket. */
  dir: string;
  /** The same server and role, another database. */
  urlFor(database: string): string;
  /** Runs SQL as the superuser over the unix socket (default database: `milleps`). */
  adminQuery(sql: string, database?: string): Promise<pg.QueryResult>;
  /** pg_ctl stop -m fast, then removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL bin folder, or PG_BIN_DIR when set. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : null;
  if (!fs.existsSync(DEBIAN_ROOT)) return null;
  const versions = fs
    .readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(DEBIAN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(DEBIAN_ROOT, versions[0], 'bin') : null;
}

const isRoot = () => process.getuid?.() === 0;

function osUserIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Why a cluster cannot be started here, or null when it can. Tests print it and skip. */
export function postgresUnavailableReason(): string | null {
  if (process.platform === 'win32') return 'the PostgreSQL test harness runs on Linux only';
  if (!postgresBinDir()) {
    return `PostgreSQL server binaries not found in ${DEBIAN_ROOT}/<version>/bin (install the Debian package postgresql, or set PG_BIN_DIR)`;
  }
  if (isRoot()) {
    if (!osUserIds(OS_USER)) return `running as root, but there is no "${OS_USER}" OS user to run the server as (install the Debian package postgresql)`;
    if (!hasCommand('runuser')) return 'running as root, but runuser (util-linux) is missing to run the server as postgres';
  }
  return null;
}

/** Runs a server binary, as `postgres` when we are root. */
async function pgCommand(bin: string, args: string[], cwd: string): Promise<string> {
  const [file, argv] = isRoot() ? ['runuser', ['-u', OS_USER, '--', bin, ...args]] : [bin, args];
  try {
    const { stdout } = await run(file, argv, { cwd, encoding: 'utf8', timeout: 60_000 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresInstance> {
  const reason = postgresUnavailableReason();
  if (reason) throw new Error(`cannot start PostgreSQL: ${reason}`);
  const bin = postgresBinDir() as string;
  const user = opts.user ?? 'pic_test';
  const database = opts.database ?? 'milleps';
  const encoding = opts.encoding ?? 'UTF8';
  const password = crypto.randomBytes(12).toString('hex');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  if (isRoot()) {
    const ids = osUserIds(OS_USER) as { uid: number; gid: number };
    fs.chownSync(dir, ids.uid, ids.gid);
  }

  let port = 0;
  let started = false;
  const stopSync = () => {
    if (started) {
      try {
        const args = ['stop', '-D', dataDir, '-m', 'immediate', '-w'];
        if (isRoot()) execFileSync('runuser', ['-u', OS_USER, '--', path.join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
        else execFileSync(path.join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
      } catch {
        // Already stopped.
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // A crashed or interrupted test run must not leave a server behind.
  process.once('exit', stopSync);

  try {
    await pgCommand(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'],
      dir,
    );
    // Another process may grab the port between freePort() and the server's bind: retry.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=40',
      ].join(' ');
      try {
        await pgCommand(path.join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', serverOptions], dir);
        started = true;
        break;
      } catch (e) {
        if (attempt >= 2) {
          const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
          throw new Error(`${(e as Error).message}\n--- server log ---\n${log}`);
        }
      }
    }

    const adminQuery = async (sql: string, db = database): Promise<pg.QueryResult> => {
      const client = new pg.Client({ host: dir, port, user: SUPERUSER, database: db });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };

    const locale = encoding === 'UTF8' ? '' : " LC_COLLATE 'C' LC_CTYPE 'C'";
    await adminQuery(`CREATE ROLE ${ident(user)} LOGIN CREATEDB PASSWORD '${password}'`, 'postgres');
    await adminQuery(`CREATE DATABASE ${ident(database)} OWNER ${ident(user)} TEMPLATE template0 ENCODING '${encoding}'${locale}`, 'postgres');

    const urlFor = (db: string) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
    let stopped = false;
    return {
      url: urlFor(database),
      host: '127.0.0.1',
      port,
      user,
      password,
      database,
      dir,
      urlFor,
      adminQuery,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopSync);
        try {
          await pgCommand(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], dir);
          started = false;
        } finally {
          stopSync();
        }
      },
    };
  } catch (e) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw e;
  }
}
