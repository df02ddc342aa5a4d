import type { PatientDetail } from '../../../../shared/contract/patients';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { useCall } from '../../api';
import { useCards } from '../../cardsFeed';
import { ErrorMessage } from '../../components/ErrorMessage';
import { lockNotice, registrationReadiness, type LockNotice } from '../../enrollment';
import { pageHref } from '../../router';
import { useMutation } from '../../useMutation';

/**
 * The two-card registration: first the Centro Servizi's word on who holds the patient (asked
 * before the cards are used), what is missing, then the button the core checks again.
 */
export function RegisterPanel({ patient, view, onRegistered }: { patient: PatientDetail; view: EnrollmentView | null; onRegistered: (v: EnrollmentView) => void }) {
  const { state } = useCards();
  const register = useMutation('enrollment.register');
  const readiness = registrationReadiness(state, patient.codiceFiscale);
  const lock = useCall('sync.checkPatient', { patientId: patient.id });
  const notice = lockNotice(lock.loading ? null : lock.value, !lock.loading && lock.error !== null);
  const ready = readiness.ready && notice.blocks === null;
  const reason = notice.blocks ?? readiness.reason;

  const submit = async () => {
    if (!ready) return;
    const v = await register.run({ patientId: patient.id });
    if (v) onRegistered(v);
  };

  return (
    <section className="card register-panel" aria-labelledby="enroll-register-title" data-testid="enroll-register-panel">
      <h2 className="card-title" id="enroll-register-title">
        {view?.state === 'lapsed' ? 'Nuova registrazione con le due carte' : 'Registrazione con le due carte'}
      </h2>
      <LockCheckNotice notice={notice} state={lock.value?.state ?? null} onRetry={lock.reload} />
      <p>
        La registrazione blocca il paziente per questo Gestore ed è possibile solo con la carta dell&apos;operatore (PIN verificato) e la Tessera
        Sanitaria del paziente inserite insieme. Dopo la registrazione c&apos;è una settimana per far firmare il Patto di Cura e il consenso privacy.
      </p>
      <ul className="checklist" data-testid="enroll-checks">
        {readiness.checks.map((c) => (
          <li key={c.id} className={c.ok ? 'check check-ok' : 'check check-missing'} data-testid="enroll-check" data-check={c.id} data-ok={c.ok ? 'true' : 'false'}>
            <span className="check-mark" aria-hidden="true">
              {c.ok ? '✓' : '✗'}
            </span>
            <span>{c.text}</span>
            <span className="visually-hidden">{c.ok ? ' (a posto)' : ' (manca)'}</span>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary button-large"
          onClick={() => void submit()}
          disabled={!ready}
          aria-disabled={register.busy || !ready}
          aria-describedby={reason ? 'enroll-register-reason' : undefined}
          data-testid="enroll-register"
        >
          {register.busy ? 'Registrazione in corso… non estrarre le carte' : 'Registra con le due carte'}
        </button>
        {reason && (
          <span className="register-reason" id="enroll-register-reason" data-testid="enroll-register-reason">
            {reason}
          </span>
        )}
      </div>
      {/* A card pulled during the registration disables the button: the message takes the focus instead. */}
      {register.error && <ErrorMessage error={register.error} reveal />}
      {register.error?.code === 'studio-not-configured' && (
        <p>
          <a href={pageHref('impostazioni')}>Apri Impostazioni, Dati dello studio</a>
        </p>
      )}
    </section>
  );
}

// A neutral note takes one line: the checklist and the button below it must stay on a small screen.
const NOTICE_CLASS: Record<LockNotice['tone'], string> = { ok: 'notice notice-ok', info: 'lock-note', warn: 'notice notice-warn', error: 'notice notice-error notice-strong' };

/** The Centro Servizi's answer: a patient held elsewhere is said loudly, no answer only noted. */
function LockCheckNotice({ notice, state, onRetry }: { notice: LockNotice; state: string | null; onRetry: () => void }) {
  return (
    <div className={NOTICE_CLASS[notice.tone]} role="status" data-testid="enroll-lock" data-state={state ?? 'none'}>
      {/* The core's words name the Centro Servizi themselves; a patient held elsewhere gets a title too. */}
      {notice.tone === 'error' && <p className="notice-title">{notice.blocks}</p>}
      <p className="notice-text">{notice.text}</p>
      {notice.retry && (
        <button type="button" className="button" onClick={onRetry} data-testid="enroll-lock-retry">
          Verifica di nuovo
        </button>
      )}
    </div>
  );
}
