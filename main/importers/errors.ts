import { AppError } from '../../shared/errors';

/**
 * The source's format is wrong as a whole: a required column missing, an encoding that does not
 * decode, an "XLSX" that is really HTML, an empty file. The run stops; nothing of it is kept.
 */
export class ImportFormatError extends AppError {
  constructor(code: string, message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

/** The source cannot be reached or lacks what the adapter needs (connection refused, missing table). */
export class ImportSourceError extends AppError {
  constructor(code: string, message: string, userMessage: string) {
    super(code, message, userMessage);
  }
}

/** The file is broken rather than of the wrong kind: cut short by a copy or a download, or corrupt inside. */
export class DamagedFileError extends ImportFormatError {}

/** Reading the file would take more memory than the app can spare (nesting, number of values): refused before. */
export class FileTooComplexError extends ImportFormatError {}
