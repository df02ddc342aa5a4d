import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { PatientDetail } from '../../../shared/contract/patients';
import type { PatientCardView } from '../../../shared/contract/cards';
import { formatItalianDate } from '../../../shared/domain/dates';
import { sexLabel } from '../format';
import { ExpiredMarker } from './CardBits';
import { ErrorMessage } from './ErrorMessage';
import { useMutation } from '../useMutation';

interface Props {
  card: PatientCardView;
  readerLabel: string;
  onCreated: (patient: PatientDetail) => void;
  onClose: () => void;
}

/**
 * A Tessera Sanitaria was inserted for a person not in the archive: show what the card says and
 * offer to create the patient from it. A modal <dialog>: focus stays inside, Esc closes it.
 */
export function CardPatientDialog({ card, readerLabel, onCreated, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const createFromCard = useMutation('patients.createFromCard');
  const { busy, error } = createFromCard;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const create = async () => {
    const patient = await createFromCard.run({});
    if (patient) onCreated(patient);
  };

  // Esc is handled here (not by the page below, which would also go back to the search).
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="card-patient-dialog"
      aria-labelledby="card-patient-title"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog-title" id="card-patient-title">
        Paziente non presente in archivio
      </h2>
      <p>
        La Tessera Sanitaria inserita nel lettore {readerLabel} appartiene a una persona che non è ancora in archivio. Si
        può creare il paziente con i dati letti dalla tessera.
      </p>
      <dl className="facts" data-testid="card-patient-data">
        <div className="fact">
          <dt>Cognome</dt>
          <dd>{card.surname}</dd>
        </div>
        <div className="fact">
          <dt>Nome</dt>
          <dd>{card.givenName}</dd>
        </div>
        <div className="fact">
          <dt>Codice fiscale</dt>
          <dd className="mono" data-testid="card-patient-cf">
            {card.codiceFiscale}
          </dd>
        </div>
        <div className="fact">
          <dt>Data di nascita</dt>
          <dd>{formatItalianDate(card.birthDate)}</dd>
        </div>
        <div className="fact">
          <dt>Sesso</dt>
          <dd>{sexLabel(card.sex)}</dd>
        </div>
        <div className="fact">
          <dt>Numero della tessera</dt>
          <dd className="mono">{card.cardSerial}</dd>
        </div>
        <div className="fact">
          <dt>Scadenza della tessera</dt>
          <dd>
            {formatItalianDate(card.cardExpiry)} {card.expired && <ExpiredMarker cardExpiry={card.cardExpiry} />}
          </dd>
        </div>
      </dl>
      {card.expired && (
        <p className="warning-text">
          Con una tessera scaduta il paziente può essere creato, ma l&apos;arruolamento richiede una Tessera Sanitaria valida.
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void create()} aria-disabled={busy} data-testid="card-patient-create" autoFocus>
          {busy ? 'Creazione in corso…' : 'Crea paziente dai dati della tessera'}
        </button>
        <button type="button" className="button" onClick={onClose} data-testid="card-patient-cancel">
          Annulla
        </button>
      </div>
    </dialog>
  );
}
