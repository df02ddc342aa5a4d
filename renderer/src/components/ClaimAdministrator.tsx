import type { SessionOperator } from '../../../shared/contract/cards';
import { useMutation } from '../useMutation';
import { ErrorMessage } from './ErrorMessage';
import { PageHeading } from './PageHeading';

interface Props {
  operator: SessionOperator;
  onDone: () => void;
  onLogout: () => void;
}

/**
 * The first login on a new archive: nobody administers it yet. The operator confirms he is the
 * studio's MMG and becomes its administrator (he then adds the others), or leaves.
 */
export function ClaimAdministrator({ operator, onDone, onLogout }: Props) {
  const claim = useMutation('operators.claimAdministrator');
  const confirm = async () => {
    if (claim.busy) return;
    if (await claim.run({})) onDone();
  };
  return (
    <div className="fullpage" data-testid="claim-administrator">
      <section className="card claim-card" aria-labelledby="claim-title">
        <PageHeading focusOnMount id="claim-title">
          Primo accesso a questo archivio
        </PageHeading>
        <p>
          Nessun operatore è ancora registrato. <strong>{operator.name}</strong>, confermi di essere il medico di medicina generale titolare dello
          studio?
        </p>
        <p className="hint">
          Diventerai l&apos;amministratore: in Impostazioni, Operatori, aggiungerai le carte della segreteria e degli altri operatori, con il loro
          ruolo. Le carte non registrate non potranno accedere.
        </p>
        {claim.error && <ErrorMessage error={claim.error} reveal />}
        <div className="form-actions">
          <button type="button" className="button button-primary" onClick={() => void confirm()} aria-disabled={claim.busy} data-testid="claim-confirm">
            {claim.busy ? 'Registrazione…' : 'Sì, sono il medico titolare'}
          </button>
          <button type="button" className="button" onClick={onLogout} data-testid="claim-logout">
            No, esci
          </button>
        </div>
      </section>
    </div>
  );
}
