import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from './database';
import { settings } from './schema';

/** Named JSON values, each read back through the schema it was written with. */
export class SettingsStore {
  constructor(private readonly db: Db) {}

  get<T extends z.ZodType>(key: string, schema: T): z.output<T> | null {
    const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
    if (!row) return null;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  }

  set(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    this.db.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
  }
}
