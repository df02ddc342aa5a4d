import { useRef, useState } from 'react';
import type { SyncStatus } from '../../../../shared/contract/sync';
import { settledText, toVerify } from '../../sync';
import { ConflictItem } from './ConflictItem';
import { HeldItem } from './HeldItem';

interface Props {
  status: SyncStatus;
  /** The MMG and the secretary decide (the core refuses the others anyway). */
  canAct: boolean;
  /** The core's state after a retry or a choice. */
  onChanged: (status: SyncStatus) => void;
}

/**
 * Da verificare: what the Centro Servizi refused, with its reason as it gave it, and the records
 * changed both here and there. Each waits for a person; the patient's later changes wait with it.
 */
export function VerifyCard({ status, canAct, onChanged }: Props) {
  // What the last retry or choice did, shown until the list changes otherwise (a new item comes).
  const [done, setDone] = useState<{ text: string; count: number } | null>(null);
  // The item acted on goes from the list: the focus moves to the heading, where the notice follows.
  const heading = useRef<HTMLHeadingElement>(null);
  const settled = (next: SyncStatus, text: string) => {
    onChanged(next);
    setDone({ text, count: toVerify(next) });
    heading.current?.focus();
  };
  const count = toVerify(status);
  return (
    <section className="card" aria-labelledby="sync-verify-title" data-testid="sync-verify" data-count={count}>
      <h2 className="card-title" id="sync-verify-title" ref={heading} tabIndex={-1}>
        Da verificare{count > 0 && <span className="count-badge count-badge-urgent">{count}</span>}
      </h2>
      {done?.count === count && (
        <p className="notice notice-ok" role="status" data-testid="sync-settled">
          {done.text}
        </p>
      )}
      {count === 0 && <p data-testid="sync-verify-none">Nessun dato da verificare.</p>}
      {count > 0 && <p>Finché un dato resta qui, gli altri dati dello stesso paziente non partono.</p>}
      {!canAct && count > 0 && <p className="hint">Solo il medico o la segreteria possono rimandare i dati o scegliere tra le due versioni.</p>}
      {status.attention.length > 0 && (
        <>
          <h3 className="card-subtitle">Rifiutati dal Centro Servizi</h3>
          <p>Correggere il dato nella scheda del paziente, se il motivo lo chiede, poi premere «Riprova».</p>
          <ul className="sync-items">
            {status.attention.map((item) => (
              <HeldItem key={item.uid} item={item} canAct={canAct} onRetried={(next) => settled(next, settledText(item.patientName, 'retry'))} />
            ))}
          </ul>
        </>
      )}
      {status.conflicts.length > 0 && (
        <>
          <h3 className="card-subtitle">Modificati sia nello studio sia sul Centro Servizi</h3>
          <p>Confrontare le due versioni e scegliere quale tenere: l&apos;altra viene sostituita.</p>
          <ul className="sync-items">
            {status.conflicts.map((c) => (
              <ConflictItem key={c.id} conflict={c} canAct={canAct} onResolved={(next, keep) => settled(next, settledText(c.patientName, keep))} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
