import { createHmac, randomBytes } from 'node:crypto';
import { Database } from '../store/sqlite';

/** Pages of the set kept in memory (2 MiB); the rest lives in SQLite's temporary file (the OS caches it). */
const CACHE_KIB = 2048;

/**
 * The codici fiscali a run has met, with the row of their first appearance, so that a repeated
 * one is rejected naming that row. Held in a private temporary SQLite database (deleted when
 * closed) rather than in a Map: a list of five million rows would otherwise keep hundreds of MB
 * alive. A connection of its own, so that a dry run's rolled-back batches still remember what
 * they met.
 */
export class SeenCodes {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly firstOf: Database.Statement;
  private readonly secret = randomBytes(32);

  constructor() {
    // An empty file name: SQLite's private on-disk temporary database.
    this.db = new Database('');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma(`cache_size = -${CACHE_KIB}`);
    this.db.exec('CREATE TABLE seen (cf BLOB PRIMARY KEY, row TEXT NOT NULL) WITHOUT ROWID');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO seen (cf, row) VALUES (?, ?)');
    this.firstOf = this.db.prepare('SELECT row FROM seen WHERE cf = ?').pluck();
  }

  /** Records `cf` as met at `row`; if it was met before, returns that earlier row instead. */
  meet(cf: string, row: string): string | null {
    const tag = this.tagOf(cf);
    if (this.insert.run(tag, row).changes === 1) return null;
    return this.firstOf.get(tag) as string;
  }

  /**
   * SQLite cannot encrypt a temporary database, and the codici fiscali must not sit in clear in
   * the temporary folder: the set holds a keyed hash of each (the key dies with the set).
   */
  private tagOf(cf: string): Buffer {
    return createHmac('sha256', this.secret).update(cf).digest().subarray(0, 16);
  }

  /** Groups the writes of one batch (a transaction of its own: much faster than one per row). */
  batch<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    this.db.close();
  }
}
