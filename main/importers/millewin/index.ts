import type { ImportAdapter, ImportContext, ImportItem } from '../adapter';
import { AppError } from '../../../shared/errors';
import { DEFAULT_BATCH_SIZE, millewinOptionsSchema, type MillewinConnectionOptions, type MillewinOptions, type ResolveDeps } from './options';
import { ImportAbortedError, MillewinSession, type MillewinDoctor, type OpenOptions } from './session';

/**
 * Millewin (Millennium/Dedalus), the record software of many Italian GPs: a PostgreSQL database
 * `milleps` on the studio's server. The adapter reads, never writes, the current patients of one
 * doctor (alive, not revoked) with their active problems (ICD9-CM) and chronic therapies (ATC).
 * See session.ts for the transaction and the cursor, queries.ts for the SQL and the assumptions on
 * column types, mapping.ts for the rows -> ImportedPatient mapping.
 */

export { millewinOptionsSchema, resolveConnection, type MillewinOptions, type MillewinConnectionOptions, type ConnectionTarget } from './options';
export { readMillewinOdbcServer, parseRegQueryOutput, odbcServerFromRegQuery, type OdbcServer } from './odbc';
export { mapPatient, parseDate, parseSex, cleanText, decodeBytes } from './mapping';
export { MillewinSession, ImportAbortedError, type MillewinDoctor, type SourceCounts } from './session';

function doctorName(d: MillewinDoctor): string {
  const name = [d.surname, d.givenName].filter(Boolean).join(' ');
  return name ? `${name} (${d.userid})` : d.userid;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

async function withSession<T>(options: MillewinConnectionOptions, open: OpenOptions, use: (s: MillewinSession) => Promise<T>): Promise<T> {
  const session = await MillewinSession.open(options, open);
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

/** The users of the Millewin database with their number of current patients (a doctor picker for the UI). */
export async function listMillewinDoctors(
  options: MillewinConnectionOptions,
  signal?: AbortSignal,
  deps?: ResolveDeps,
): Promise<{ userid: string; surname: string | null; givenName: string | null; patients: number }[]> {
  return withSession(options, { signal, deps }, async (s) => (await s.listDoctors()).map(({ userid, surname, givenName, patients }) => ({ userid, surname, givenName, patients })));
}

/**
 * The adapter; `deps` lets tests replace the environment, the platform and the ODBC lookup used
 * to find the server (options.ts).
 */
export function createMillewinAdapter(deps?: ResolveDeps): ImportAdapter<MillewinOptions> {
  return {
    id: 'millewin',
    name: 'Millewin (PostgreSQL)',
    description:
      "Legge dal database di Millewin (PostgreSQL, di solito \"milleps\" sul server dello studio) i pazienti in carico al medico indicato, con i problemi attivi (ICD9-CM) e le terapie croniche. Solo lettura: Millewin non viene modificato.",
    source: 'database',
    options: millewinOptionsSchema,

    async detect(options, context) {
      try {
        return await withSession(options, { signal: context.signal, deps }, async (s) => {
          const missing = s.missingTables();
          if (missing.length > 0) {
            return { match: false, reason: `Il database ${s.where} non è di Millewin: mancano le tabelle ${missing.join(', ')}.` };
          }
          try {
            const doctor = await s.findDoctor(options.doctor);
            return { match: true, reason: `Database di Millewin trovato (${s.where}), medico ${doctorName(doctor)}.` };
          } catch (e) {
            if (e instanceof AppError && e.code === 'doctor-not-found') return { match: true, reason: `Database di Millewin trovato (${s.where}). ${e.userMessage}` };
            throw e;
          }
        });
      } catch (e) {
        if (e instanceof ImportAbortedError) return { match: false, reason: 'Verifica annullata.' };
        if (e instanceof AppError) return { match: false, reason: e.userMessage };
        throw e;
      }
    },

    async preview(options, limit, context) {
      try {
        return await withSession(options, { signal: context.signal, deps, batchSize: Math.min(Math.max(limit, 1), options.batchSize ?? DEFAULT_BATCH_SIZE) }, async (s) => {
          const doctor = await s.findDoctor(options.doctor);
          const counts = await s.counts(doctor);
          context.reportSize?.(0, counts.total);
          const warnings: string[] = [];
          if (counts.total === 0) warnings.push(`Il medico ${doctorName(doctor)} ha 0 pazienti attivi in Millewin.`);
          if (counts.withoutCodiceFiscale > 0) {
            warnings.push(`${plural(counts.withoutCodiceFiscale, 'paziente senza codice fiscale', 'pazienti senza codice fiscale')} in Millewin: non ${counts.withoutCodiceFiscale === 1 ? 'sarà importato' : 'saranno importati'}.`);
          }
          if (counts.notConvenzionati > 0) {
            warnings.push(`${plural(counts.notConvenzionati, 'paziente non in convenzione SSN', 'pazienti non in convenzione SSN')} (pa_convenzione diverso da "S"): verificare prima di arruolarli.`);
          }
          if (s.missingColumns.length > 0) {
            warnings.push(`Colonne assenti in questa versione di Millewin, i dati relativi non saranno importati: ${s.missingColumns.join(', ')}.`);
          }
          const items: ImportItem[] = [];
          if (limit > 0) {
            for await (const item of s.items(doctor)) {
              items.push(item);
              if (items.length >= limit) break;
            }
          }
          return { items, warnings };
        });
      } catch (e) {
        if (e instanceof ImportAbortedError) return { items: [], warnings: [] };
        throw e;
      }
    },

    read(options: MillewinOptions, context: ImportContext): AsyncIterable<ImportItem> {
      return readItems(options, context, deps);
    },
  };
}

export const millewinAdapter: ImportAdapter<MillewinOptions> = createMillewinAdapter();

async function* readItems(options: MillewinOptions, context: ImportContext, deps: ResolveDeps | undefined): AsyncGenerator<ImportItem> {
  let session: MillewinSession;
  try {
    session = await MillewinSession.open(options, { signal: context.signal, deps });
  } catch (e) {
    if (e instanceof ImportAbortedError) return;
    throw e;
  }
  try {
    const doctor = await session.findDoctor(options.doctor);
    const { total } = await session.counts(doctor);
    context.reportSize?.(0, total);
    yield* session.items(doctor, (read) => context.reportSize?.(read, total));
  } catch (e) {
    if (e instanceof ImportAbortedError) return;
    throw e;
  } finally {
    await session.close();
  }
}
