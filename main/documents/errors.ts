import { AppError } from '../../shared/errors';

/** What went wrong with a template; each kind has its own stable `code` ("template-" + kind). */
export type TemplateProblem = 'not-found' | 'syntax' | 'unknown-placeholder' | 'missing-value';

/**
 * A document template that cannot be used: the file is missing, its syntax is malformed, it
 * names a placeholder the generator does not know, or a required placeholder has no value.
 * Raised while rendering, never swallowed: a consent must not be printed with a blank field.
 */
export class TemplateError extends AppError {
  constructor(
    readonly problem: TemplateProblem,
    /** The template's file name, e.g. "privacy.md". */
    readonly template: string,
    /** 1-based line in the template, when the problem has one. */
    readonly line: number | undefined,
    detail: string,
    dettaglio: string,
  ) {
    const where = line === undefined ? template : `${template}:${line}`;
    const dove = line === undefined ? `«${template}»` : `«${template}» (riga ${line})`;
    super(`template-${problem}`, `template ${where}: ${detail}`, `Il modello di documento ${dove} non è utilizzabile: ${dettaglio}.`);
  }
}

/** The fonts or templates the generator needs are not where the assets folder says. */
export class DocumentAssetsError extends AppError {
  constructor(readonly file: string, cause: string) {
    super(
      'document-assets-missing',
      `document asset ${file} cannot be read (${cause}); set PIC_DOCUMENT_ASSETS to the assets folder`,
      `Il file ${file}, necessario per stampare i documenti, non è leggibile. Reinstallare PiC Studio o contattare l'assistenza.`,
    );
  }
}

/** The text holds a character the embedded font cannot draw (it would print as an empty box). */
export class UnprintableCharacterError extends AppError {
  constructor(readonly character: string, readonly context: string) {
    const cp = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    super(
      'document-unprintable-character',
      `character ${cp} in "${context}" has no glyph in the document font`,
      `Il carattere ${cp} in «${context}» non può essere stampato: correggere il dato e riprovare.`,
    );
  }
}

/** A data file of the assets folder (plain words, preparations) is not what the generator expects. */
export class DocumentDataError extends AppError {
  constructor(readonly file: string, detail: string, dettaglio: string) {
    super(
      'document-data-invalid',
      `document data ${file}: ${detail}`,
      `Il file ${file}, usato per stampare i documenti, contiene un errore: ${dettaglio}. Correggerlo o ripristinare quello installato con PiC Studio.`,
    );
  }
}
