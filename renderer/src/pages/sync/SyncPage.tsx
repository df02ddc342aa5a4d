import type { OperatorRole } from '../../../../shared/domain/operator';
import { DESK } from '../../../../shared/domain/access';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { pageHref } from '../../router';
import { useSyncStatus } from '../../useSyncStatus';
import { ConnectionCard } from './ConnectionCard';
import { PendingCard } from './PendingCard';
import { VerifyCard } from './VerifyCard';

/**
 * Sincronizzazione: the link with the Centro Servizi, what waits to be sent, and what needs a
 * person (items the server refused, records changed on both sides). Follows `sync.changed`.
 */
export function SyncPage({ role }: { role: OperatorRole }) {
  const sync = useSyncStatus();
  const s = sync.status;
  return (
    <section className="page" data-testid="page-sincronizzazione">
      <PageHeading focusOnMount>Sincronizzazione</PageHeading>
      <p className="lead">
        PiC Studio invia da solo al Centro Servizi, ogni minuto, ciò che cambia nello studio e riceve ciò che è cambiato altrove. Se il Centro Servizi
        non risponde i dati restano qui, in attesa, e partono quando torna raggiungibile.
      </p>
      {sync.error && <ErrorMessage error={sync.error} onRetry={sync.reload} />}
      {!s && !sync.error && <p className="hint">Lettura in corso…</p>}
      {s && !s.configured && <NotConfigured mmg={role === 'mmg'} />}
      {s?.configured && <ConnectionCard status={s} />}
      {s && <PendingCard status={s} />}
      {s?.configured && <VerifyCard status={s} canAct={(DESK as readonly OperatorRole[]).includes(role)} onChanged={sync.set} />}
    </section>
  );
}

/** Nothing goes anywhere until the MMG sets the address: say so, and where. */
function NotConfigured({ mmg }: { mmg: boolean }) {
  return (
    <div className="notice notice-info" data-testid="sync-not-configured">
      <p className="notice-title">Centro Servizi non configurato</p>
      <p className="notice-text">
        Senza l&apos;indirizzo del Centro Servizi nulla viene inviato: i dati restano nello studio.
        {mmg ? ' Inserirlo in Impostazioni, sezione Centro Servizi.' : ' Il medico lo inserisce in Impostazioni, sezione Centro Servizi.'}
      </p>
      {mmg && (
        <a className="button" href={pageHref('impostazioni')} data-testid="sync-open-settings">
          Apri Impostazioni
        </a>
      )}
    </div>
  );
}
