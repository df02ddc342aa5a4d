/**
 * The prestazioni as a patient reads them, from two files of assets/prestazioni that a studio
 * may edit like the templates (read again at every print): parole-semplici.json, the common name
 * and a short explanation of each catalogue code, and preparazioni.json, how to prepare for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizePrestazioneCode } from '../../shared/domain/catalogue';
import { DocumentAssetsError, DocumentDataError } from './errors';

export const PLAIN_WORDS_FILE = path.join('prestazioni', 'parole-semplici.json');
export const PREPARATIONS_FILE = path.join('prestazioni', 'preparazioni.json');

/** What the booking sheet prints when nothing is to be done before a prestazione, or nothing is known. */
export const NO_PREPARATION = 'Nessuna preparazione particolare.';

/** When the file has no words for a code: its description stands as the name, and this as the explanation. */
export const NO_EXPLANATION = 'il medico le spiegherà di che cosa si tratta';

/** Keys written as the catalogue writes codes, or a lookup would silently miss them. */
const CodeKey = z.string().refine((k) => k === normalizePrestazioneCode(k) && k !== '', { error: 'codice non scritto come nel catalogo (maiuscole, senza spazi)' });
const Text = z.string().trim().min(1, { error: 'testo vuoto' });

const PlainWordsFile = z.object({
  descrizione: z.string().optional(),
  prestazioni: z.record(CodeKey, z.strictObject({ nome: Text, spiegazione: Text })),
});

const PreparationsFile = z
  .object({
    descrizione: z.string().optional(),
    testi: z.record(z.string(), Text),
    prestazioni: z.record(CodeKey, z.string().nullable()),
  })
  .superRefine((file, ctx) => {
    for (const [code, key] of Object.entries(file.prestazioni)) {
      if (key !== null && !(key in file.testi)) ctx.addIssue({ code: 'custom', path: ['prestazioni', code], message: `il testo «${key}» non è tra i testi` });
    }
  });

function readAssetJson<T>(assetsDir: string, relative: string, schema: z.ZodType<T>): T {
  const file = path.join(assetsDir, relative);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new DocumentAssetsError(file, e instanceof Error ? e.message : String(e));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DocumentDataError(relative, `not JSON (${e instanceof Error ? e.message : String(e)})`, 'non è un file JSON valido');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new DocumentDataError(relative, `${where}: ${issue?.message ?? ''}`, `alla voce «${where}»: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

export interface PrestazioneInWords {
  code: string;
  /** The common name ("Emoglobina glicata"), else the first sentence of the description. */
  name: string;
  /** What it is, for a lay reader, starting lower-case, without the final full stop. */
  explanation: string;
}

/** The first sentence of a catalogue description: what follows ("Incluso: …", "Non associabile a …") is for the prescriber. */
function firstSentence(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const end = text.search(/\.\s/);
  return (end < 0 ? text : text.slice(0, end)).replace(/\.$/, '');
}

export class PlainWords {
  constructor(private readonly byCode: ReadonlyMap<string, { name: string; explanation: string }>) {}

  /** The prestazione in plain words; `description` (the catalogue's or the PAI item's) when the file has none. */
  describe(code: string, description: string): PrestazioneInWords {
    const normalized = normalizePrestazioneCode(code);
    const words = this.byCode.get(normalized);
    return words ? { code: normalized, ...words } : { code: normalized, name: firstSentence(description), explanation: NO_EXPLANATION };
  }
}

export function loadPlainWords(assetsDir: string): PlainWords {
  const file = readAssetJson(assetsDir, PLAIN_WORDS_FILE, PlainWordsFile);
  return new PlainWords(new Map(Object.entries(file.prestazioni).map(([code, w]) => [code, { name: w.nome, explanation: w.spiegazione }])));
}

export class Preparations {
  constructor(private readonly byCode: ReadonlyMap<string, string | null>) {}

  /** How to prepare; NO_PREPARATION when none is needed or none is known. */
  noteFor(code: string): string {
    return this.byCode.get(normalizePrestazioneCode(code)) ?? NO_PREPARATION;
  }
}

export function loadPreparations(assetsDir: string): Preparations {
  const file = readAssetJson(assetsDir, PREPARATIONS_FILE, PreparationsFile);
  return new Preparations(new Map(Object.entries(file.prestazioni).map(([code, key]) => [code, key === null ? null : (file.testi[key] as string)])));
}
