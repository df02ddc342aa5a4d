import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionOperator } from '../../../shared/contract/cards';
import { checkPin, pinFailure } from '../cards';
import { useMutation } from '../useMutation';

interface Props {
  /** The operator card in the reader (name from the card). */
  operatorName: string;
  readerLabel: string;
  onLoggedIn: (operator: SessionOperator) => void;
}

/**
 * PIN of the operator card. Each submit sends exactly one session.login (a wrong PIN burns one of
 * the card's tries): nothing here ever sends it again by itself. The app mounts a new form for
 * every card inserted, so a blocked PIN stays blocked until that card is pulled.
 */
export function PinForm({ operatorName, readerLabel, onLoggedIn }: Props) {
  const [pin, setPin] = useState('');
  const [blocked, setBlocked] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const login = useMutation('session.login', {
    onError: (failed) => {
      const failure = pinFailure(failed.code);
      if (failure.clear) setPin('');
      if (failure.blocked) setBlocked(true);
      inputRef.current?.focus();
    },
  });
  const { busy, error, setError } = login;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  // The message may fall below the fold on small screens.
  useEffect(() => {
    errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || blocked) return;
    const check = checkPin(pin);
    if (!check.ok) {
      setError({ code: 'invalid-input', message: check.message });
      inputRef.current?.focus();
      return;
    }
    const operator = await login.run({ pin: check.pin });
    if (operator) {
      setPin('');
      onLoggedIn(operator);
    }
  };

  const disabled = busy || blocked;
  return (
    <form className="pin-form" data-testid="pin-dialog" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pin-title">
      <h2 className="pin-title" id="pin-title">
        Carta operatore di {operatorName}
      </h2>
      <p className="hint">Carta letta nel lettore {readerLabel}. Digitare il PIN della carta e premere Invio.</p>
      <div className="field">
        <label htmlFor="pin-input">PIN della carta operatore</label>
        <input
          id="pin-input"
          ref={inputRef}
          className="input input-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          disabled={blocked}
          readOnly={busy}
          aria-invalid={error !== null}
          aria-describedby={error ? 'pin-error' : undefined}
          data-testid="pin-input"
        />
      </div>
      {/* aria-disabled rather than disabled while the card works: the button keeps the keyboard focus. */}
      <button type="submit" className="button button-primary" data-testid="pin-submit" aria-disabled={disabled} disabled={blocked}>
        {busy ? 'Verifica del PIN…' : 'Accedi'}
      </button>
      {error && (
        <p ref={errorRef} className="notice notice-error pin-error" id="pin-error" role="alert" data-testid="pin-error" data-code={error.code}>
          {error.message}
        </p>
      )}
    </form>
  );
}
