/**
 * Base of every error the user may see. `message` is English, for logs; `userMessage` is the
 * Italian text the UI shows; `code` is the stable identifier the CLI prints and tests assert.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  /** `what` names the thing in English for logs, `cosa` in Italian for the user ("Paziente"). */
  constructor(what: string, cosa: string, id: string | number) {
    super('not-found', `${what} ${id} not found`, `${cosa} non trovato (n. ${id}): potrebbe essere stato eliminato.`);
  }
}

export class InvalidInputError extends AppError {
  constructor(detail: string) {
    super('invalid-input', `invalid input: ${detail}`, `Dati non validi: ${detail}`);
  }
}
