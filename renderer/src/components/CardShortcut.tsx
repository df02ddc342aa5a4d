import { patientCardName, readerLabels } from '../cards';
import { useCards } from '../cardsFeed';
import { ExpiredMarker } from './CardBits';
import { ErrorMessage } from './ErrorMessage';
import { useMutation } from '../useMutation';

interface Props {
  /** data-testid prefix: `<prefix>-card-patient` (choose) and `<prefix>-card-create` (create from the card). */
  testIdPrefix: string;
  onPick: (patientId: number) => void;
}

/**
 * A Tessera Sanitaria already in a reader when the page opens (one inserted while the page is open
 * is chosen at once by the app): one button to choose its patient, or to create him from the card.
 */
export function CardShortcut({ testIdPrefix, onPick }: Props) {
  const { state } = useCards();
  const createFromCard = useMutation('patients.createFromCard');
  if (!state?.operator) return null;
  const index = state.readers.findIndex((r) => r.card?.status === 'ready' && r.card.kind === 'patient' && r.card.patient);
  const reader = state.readers[index];
  const card = reader?.card?.patient;
  if (!reader || !card) return null;
  const label = readerLabels(state.readers.map((r) => r.name))[index] ?? reader.name;

  const create = async () => {
    const patient = await createFromCard.run({});
    if (patient) onPick(patient.id);
  };

  return (
    <div className="card-shortcut notice" data-testid={`${testIdPrefix}-card`}>
      <p className="notice-text">
        <span className="strong">Tessera Sanitaria nel lettore {label}:</span> {patientCardName(card)}{' '}
        <span className="mono">{card.codiceFiscale}</span> {card.expired && <ExpiredMarker cardExpiry={card.cardExpiry} />}
        {card.patientId === null && <span className="muted"> (non ancora in archivio)</span>}
      </p>
      {card.patientId !== null ? (
        <button type="button" className="button button-primary" onClick={() => onPick(card.patientId as number)} data-testid={`${testIdPrefix}-card-patient`}>
          Scegli questo paziente
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void create()} aria-disabled={createFromCard.busy} data-testid={`${testIdPrefix}-card-create`}>
          {createFromCard.busy ? 'Creazione in corso…' : 'Crea il paziente dalla tessera'}
        </button>
      )}
      {createFromCard.error && <ErrorMessage error={createFromCard.error} />}
    </div>
  );
}
