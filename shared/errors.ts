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
  constructor(what: string, id: string | number) {
    super('not-found', `${what} ${id} not found`, `Elemento non trovato (${what} ${id}).`);
  }
}

export class InvalidInputError extends AppError {
  constructor(detail: string) {
    super('invalid-input', `invalid input: ${detail}`, `Dati non validi: ${detail}`);
  }
}
