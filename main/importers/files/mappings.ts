import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../../../shared/errors';
import { MAPPED_FIELDS, type MappedField } from '../../../shared/importFields';
import { ImportFormatError } from '../errors';

/**
 * Column mappings of the "mapped-file" adapter, saved by name so that the studio maps another
 * program's export once: `<dataDir>/import-mappings/<slug>.json`.
 */

/** The fields a mapping can fill: the same list as the mapping form's. */
export const TARGET_FIELDS = MAPPED_FIELDS;
export type TargetField = MappedField;

/** Target field -> source header. Only codiceFiscale is required to import. */
export type ColumnMapping = Partial<Record<TargetField, string>>;

export const ColumnMappingSchema = z
  .object(Object.fromEntries(TARGET_FIELDS.map((f) => [f, z.string().trim().min(1).max(200).optional()])) as Record<TargetField, z.ZodOptional<z.ZodString>>)
  .strict();

export const DateFormat = z.enum(['dmy', 'ymd']);
export type DateFormat = z.infer<typeof DateFormat>;

export interface SavedMapping {
  /** The name as the user typed it. */
  name: string;
  mapping: ColumnMapping;
  dateFormat?: DateFormat;
  savedAt: string;
}

const SavedMappingSchema = z.object({
  name: z.string().min(1),
  mapping: ColumnMappingSchema,
  dateFormat: DateFormat.optional(),
  savedAt: z.string(),
});

export const MAPPINGS_FOLDER = 'import-mappings';

/**
 * A safe file name for a mapping name: accents removed, lower case, letters, digits, `-` and `_`
 * only (no path separators, no dots), at most 60 characters. "Millewin / export 2024" ->
 * "millewin-export-2024".
 */
export function mappingSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function fileFor(dataDir: string, name: string): string {
  const slug = mappingSlug(name);
  if (!slug) throw new InvalidInputError(`nome dell'associazione di colonne "${name}" non valido: usare lettere e numeri`);
  return path.join(dataDir, MAPPINGS_FOLDER, `${slug}.json`);
}

/** Saves (or replaces) a named mapping; returns the file written. */
export async function saveMapping(dataDir: string, name: string, mapping: ColumnMapping, options: { savedAt: Date; dateFormat?: DateFormat }): Promise<string> {
  const parsed = ColumnMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new InvalidInputError(`associazione di colonne non valida: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'associazione'} ${i.message}`).join('; ')}`);
  }
  const file = fileFor(dataDir, name);
  const saved: SavedMapping = { name: name.trim(), mapping: parsed.data, ...(options.dateFormat && { dateFormat: options.dateFormat }), savedAt: options.savedAt.toISOString() };
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // Write then rename: a crash never leaves half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(tmp, `${JSON.stringify(saved, null, 2)}\n`, 'utf8');
  await fs.promises.rename(tmp, file);
  return file;
}

/** The saved mapping of that name, or null when there is none. */
export async function loadMapping(dataDir: string, name: string): Promise<SavedMapping | null> {
  const file = fileFor(dataDir, name);
  let content: string;
  try {
    content = await fs.promises.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseSaved(content, file);
}

function parseSaved(content: string, file: string): SavedMapping {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    json = null;
  }
  const parsed = SavedMappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new ImportFormatError(
      'mapping-corrupt',
      `${file} is not a valid saved mapping`,
      `L'associazione di colonne salvata in "${path.basename(file)}" è danneggiata: rifarla e salvarla di nuovo.`,
    );
  }
  return parsed.data as SavedMapping;
}

/** Names of the saved mappings, sorted; damaged files are skipped. */
export async function listMappings(dataDir: string): Promise<string[]> {
  const dir = path.join(dataDir, MAPPINGS_FOLDER);
  let files: string[];
  try {
    files = await fs.promises.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const names: string[] = [];
  for (const f of files.filter((f) => f.endsWith('.json')).sort()) {
    try {
      names.push(parseSaved(await fs.promises.readFile(path.join(dir, f), 'utf8'), f).name);
    } catch {
      // A damaged or foreign file is not a mapping.
    }
  }
  return names.sort((a, b) => a.localeCompare(b, 'it'));
}

/** Removes a saved mapping; false when there was none. */
export async function deleteMapping(dataDir: string, name: string): Promise<boolean> {
  try {
    await fs.promises.unlink(fileFor(dataDir, name));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
