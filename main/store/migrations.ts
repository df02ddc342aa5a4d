import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/**
 * drizzle-kit writes the migrations (SQL + journal) into ./migrations; the build copies that folder
 * beside the bundle, so the same relative URL works from source and from dist/.
 */
export function migrationsDir(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

export interface Migration {
  /** 1-based: after applying it, PRAGMA user_version equals this number. */
  version: number;
  statements: string[];
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readMigrationFiles({ migrationsFolder: dir }).map((m, i) => ({
    version: i + 1,
    statements: m.sql.map((s) => s.trim()).filter((s) => s.length > 0),
  }));
}
