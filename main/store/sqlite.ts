/**
 * The one SQLite binding of the app: better-sqlite3's API over SQLite3 Multiple Ciphers, so that
 * the archive is encrypted at rest (SQLCipher's format). Everything imports it from here.
 */
import Database from 'better-sqlite3-multiple-ciphers';

export { Database };
