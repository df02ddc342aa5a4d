import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../shared/api';
import type { PatientDetail } from '../../../shared/contract/patients';
import { formatItalianDate } from '../../../shared/domain/dates';
import { ENROLLMENT_STATE_LABEL, EnrollmentState, type ConsentKind } from '../../../shared/domain/enrollment';
import type { EnrollmentView, GeneratedDocument } from '../../../shared/contract/enrollment';
import { useApi, useCall, useEvent } from '../api';
import { useCards } from '../cardsFeed';
import { CardShortcut } from '../components/CardShortcut';
import { DeadlinesPanel } from '../components/DeadlinesPanel';
import { EvidenceFacts, StateBadge } from '../components/EnrollmentBits';
import { ErrorMessage } from '../components/ErrorMessage';
import { PatientHeader } from '../components/PatientHeader';
import { PageHeading } from '../components/PageHeading';
import { PatientPicker } from '../components/PatientPicker';
import { formatTimestamp } from '../dateInput';
import {
  base64ToBytes,
  canRegister,
  canRenew,
  canSign,
  canWithdraw,
  CONSENT_KIND_LABEL,
  deadlineInfo,
  hasDocuments,
  periodEndText,
  registrationReadiness,
  shortHash,
} from '../enrollment';
import { useToday } from '../today';
import { enrollHref, pageHref } from '../router';
import { navigate } from '../useRoute';

/**
 * Arruolamento: registration with the two cards, the Patto di Cura and privacy documents, the
 * signatures within the week; then the yearly renewal. Below: the deadlines and the list by state.
 */
export function EnrollmentPage({ patientId }: { patientId: number | null }) {
  return (
    <section className="page" data-testid="page-arruolamento">
      {patientId !== null && (
        <a className="back-link" href={pageHref('arruolamento')} data-testid="enroll-change-patient">
          ← Scegli un altro paziente
        </a>
      )}
      <PageHeading focusOnMount={patientId !== null}>Arruolamento</PageHeading>
      {patientId === null ? (
        <>
          <p className="lead">Scegliere il paziente: inserire la sua Tessera Sanitaria nel lettore, oppure cercarlo.</p>
          <CardShortcut testIdPrefix="enroll" onPick={(id) => navigate(enrollHref(id))} />
          <PatientPicker testId="enroll-search" rowTestId="enroll-result" label="Cerca il paziente" autoFocus onPick={(p) => navigate(enrollHref(p.id))} />
        </>
      ) : (
        <PatientEnrollment patientId={patientId} />
      )}
      <DeadlinesPanel />
      <EnrollmentList />
    </section>
  );
}

function PatientEnrollment({ patientId }: { patientId: number }) {
  const patient = useCall('patients.get', { id: patientId });
  const enrollment = useCall('enrollment.get', { patientId });
  // The answer of an action is shown at once, until the reload that follows brings a newer answer.
  const [latest, setLatest] = useState<{ view: EnrollmentView; basis: EnrollmentView | null } | null>(null);
  const reloadPatient = patient.reload;
  const reloadEnrollment = enrollment.reload;
  useEvent('enrollments.changed', (e) => {
    if (e.patientId === null || e.patientId === patientId) {
      reloadEnrollment();
      reloadPatient();
    }
  });

  if (patient.value === null) {
    return patient.error ? <ErrorMessage error={patient.error} onRetry={reloadPatient} /> : <p className="hint">Caricamento…</p>;
  }
  const p = patient.value;
  const view = latest && latest.basis === enrollment.value ? latest.view : enrollment.value;
  const loaded = enrollment.value !== null || !enrollment.loading || latest !== null;
  const state = view?.state ?? null;
  const onChanged = (v: EnrollmentView) => {
    setLatest({ view: v, basis: enrollment.value });
    reloadEnrollment();
  };

  return (
    <div className="enrollment" data-testid="enroll-patient" data-patient-id={p.id}>
      <PatientHeader p={p} testId="enroll-selected-patient" linkTestId="enroll-patient-link" />
      {enrollment.error && <ErrorMessage error={enrollment.error} onRetry={reloadEnrollment} />}
      {loaded && (
        <>
          <StateSection view={view} />
          {canRegister(state) && <RegisterPanel patient={p} view={view} onRegistered={onChanged} />}
          {view && canRenew(state) && <RenewPanel view={view} onRenewed={onChanged} />}
          {view && hasDocuments(state) && <DocumentsPanel view={view} onPrinted={reloadEnrollment} />}
          {view && canSign(state) && <SignPanel view={view} onSigned={onChanged} />}
          {view?.evidence && (
            <section className="card" aria-labelledby="enroll-evidence-title">
              <h2 className="card-title" id="enroll-evidence-title">
                Registrazione con le due carte
              </h2>
              <EvidenceFacts evidence={view.evidence} testId="enroll-evidence" />
            </section>
          )}
          {view && canWithdraw(state) && <WithdrawPanel view={view} onWithdrawn={onChanged} />}
        </>
      )}
    </div>
  );
}

function StateSection({ view }: { view: EnrollmentView | null }) {
  const today = useToday();
  const state = view?.state ?? null;
  return (
    <section className="card enroll-state-card" aria-labelledby="enroll-state-title">
      <h2 className="card-title" id="enroll-state-title">
        Stato: <StateBadge state={state} testId="enroll-state" />
      </h2>
      {state === 'registered' && view?.deadline && <DeadlineNotice deadline={view.deadline} today={today} />}
      {(state === 'enrolled' || state === 'renewed' || state === 'renewal_due') && view?.periodEnd && (
        <p className={state === 'renewal_due' ? 'notice notice-warn' : 'notice notice-ok'} data-testid="enroll-period-end" data-date={view.periodEnd}>
          {view.enrolledOn ? `Arruolato dal ${formatItalianDate(view.enrolledOn)}. ` : ''}
          {periodEndText(view.periodEnd, today)}
          {state === 'renewal_due' ? ': rinnovare o revocare.' : '.'}
        </p>
      )}
      {state === null && <p>Il paziente non è ancora nel percorso di arruolamento: la registrazione con le due carte lo avvia.</p>}
      {state === 'candidate' && <p>Da arruolare: registrare con le due carte quando il paziente è in studio.</p>}
      {state === 'lapsed' && <p>La settimana per le firme è trascorsa e il blocco è stato rilasciato: per arruolare il paziente occorre registrarlo di nuovo con le due carte.</p>}
      {view?.reason && (
        <p data-testid="enroll-reason">
          <span className="muted">Motivo:</span> {view.reason}
        </p>
      )}
      {view?.otherGestore && (
        <p>
          <span className="muted">Altro Gestore:</span> {view.otherGestore}
        </p>
      )}
      {view?.registeredOn && (
        <p className="muted">
          Registrato il {formatItalianDate(view.registeredOn)}
          {view.enrolledOn ? `, arruolamento completato il ${formatItalianDate(view.enrolledOn)}` : ''}.
        </p>
      )}
    </section>
  );
}

function DeadlineNotice({ deadline, today }: { deadline: string; today: string }) {
  const info = deadlineInfo(deadline, today);
  return (
    <p className={`deadline-notice deadline-notice-${info.tone}`} data-testid="enroll-deadline" data-days={info.days} data-date={deadline}>
      {info.text}
    </p>
  );
}

function RegisterPanel({ patient, view, onRegistered }: { patient: PatientDetail; view: EnrollmentView | null; onRegistered: (v: EnrollmentView) => void }) {
  const call = useApi();
  const { state } = useCards();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const readiness = registrationReadiness(state, patient.codiceFiscale);

  const register = async () => {
    if (busy || !readiness.ready) return;
    setBusy(true);
    setError(null);
    const result = await call('enrollment.register', { patientId: patient.id });
    setBusy(false);
    if (result.ok) onRegistered(result.value);
    else setError(result.error);
  };

  return (
    <section className="card register-panel" aria-labelledby="enroll-register-title" data-testid="enroll-register-panel">
      <h2 className="card-title" id="enroll-register-title">
        {view?.state === 'lapsed' ? 'Nuova registrazione con le due carte' : 'Registrazione con le due carte'}
      </h2>
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
          onClick={() => void register()}
          disabled={!readiness.ready}
          aria-disabled={busy || !readiness.ready}
          aria-describedby={readiness.reason ? 'enroll-register-reason' : undefined}
          data-testid="enroll-register"
        >
          {busy ? 'Registrazione in corso… non estrarre le carte' : 'Registra con le due carte'}
        </button>
        {readiness.reason && (
          <span className="register-reason" id="enroll-register-reason" data-testid="enroll-register-reason">
            {readiness.reason}
          </span>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      {error?.code === 'studio-not-configured' && (
        <p>
          <a href={pageHref('impostazioni')}>Apri Impostazioni, Dati dello studio</a>
        </p>
      )}
    </section>
  );
}

interface ShownDocument extends GeneratedDocument {
  url: string;
}

function DocumentsPanel({ view, onPrinted }: { view: EnrollmentView; onPrinted: () => void }) {
  const call = useApi();
  const [busy, setBusy] = useState<ConsentKind | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [doc, setDoc] = useState<ShownDocument | null>(null);

  // The Blob URL lives as long as the document is shown.
  useEffect(() => {
    if (!doc) return;
    return () => URL.revokeObjectURL(doc.url);
  }, [doc]);

  const open = async (kind: ConsentKind) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    const result = await call('enrollment.document', { enrollmentId: view.id, kind });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const blob = new Blob([base64ToBytes(result.value.base64)], { type: 'application/pdf' });
    setDoc({ ...result.value, url: URL.createObjectURL(blob) });
    onPrinted();
  };

  return (
    <section className="card documents-panel" aria-labelledby="enroll-documents-title" data-testid="enroll-documents">
      <h2 className="card-title" id="enroll-documents-title">
        {view.state === 'registered' ? 'Documenti da firmare' : 'Documenti: Patto di Cura e consenso privacy'}
      </h2>
      <table className="table consents">
        <thead>
          <tr>
            <th scope="col">Documento</th>
            <th scope="col">Stampato</th>
            <th scope="col">Firmato</th>
          </tr>
        </thead>
        <tbody>
          {view.consents.map((c) => (
            <tr key={c.kind} data-testid="enroll-consent" data-kind={c.kind} data-signed={c.signedAt ? 'true' : 'false'}>
              <td className="strong">{CONSENT_KIND_LABEL[c.kind]}</td>
              <td>
                {c.printedAt ? (
                  <>
                    {formatTimestamp(c.printedAt)}
                    {c.documentHash && <div className="note mono">impronta {shortHash(c.documentHash)}</div>}
                  </>
                ) : (
                  <span className="muted">non ancora</span>
                )}
              </td>
              <td>{c.signedAt ? formatTimestamp(c.signedAt) : <span className="muted">non ancora</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void open('patto_di_cura')} aria-disabled={busy !== null} data-testid="enroll-print-patto">
          {busy === 'patto_di_cura' ? 'Preparazione…' : 'Stampa il Patto di Cura'}
        </button>
        <button type="button" className="button button-primary" onClick={() => void open('privacy')} aria-disabled={busy !== null} data-testid="enroll-print-privacy">
          {busy === 'privacy' ? 'Preparazione…' : 'Stampa il consenso privacy'}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {error?.code === 'studio-not-configured' && (
        <p>
          <a href={pageHref('impostazioni')}>Apri Impostazioni, Dati dello studio</a>
        </p>
      )}
      {doc && (
        <div className="document" data-testid="enroll-document" data-kind={doc.kind}>
          <p className="notice notice-info document-copies" data-testid="enroll-document-copies">
            <span className="notice-title">Stampare due copie: una per il medico, una per il paziente.</span>
            <span className="notice-text">
              {CONSENT_KIND_LABEL[doc.kind]}, impronta del documento{' '}
              <span className="mono strong" data-testid="enroll-document-hash" title={doc.hash}>
                {shortHash(doc.hash)}
              </span>
            </span>
          </p>
          <div className="form-actions">
            <a className="button" href={doc.url} download={doc.fileName} data-testid="enroll-document-download">
              Scarica il PDF ({doc.fileName})
            </a>
          </div>
          <iframe className="document-preview" src={doc.url} title={`Anteprima: ${CONSENT_KIND_LABEL[doc.kind]}`} data-testid="enroll-document-preview" />
        </div>
      )}
    </section>
  );
}

function SignPanel({ view, onSigned }: { view: EnrollmentView; onSigned: (v: EnrollmentView) => void }) {
  const call = useApi();
  const signedBefore = (kind: ConsentKind) => view.consents.some((c) => c.kind === kind && c.signedAt !== null);
  const [patto, setPatto] = useState(signedBefore('patto_di_cura'));
  const [privacy, setPrivacy] = useState(signedBefore('privacy'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const today = useToday();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const newPatto = patto && !signedBefore('patto_di_cura');
    const newPrivacy = privacy && !signedBefore('privacy');
    if (!newPatto && !newPrivacy) {
      setError({ code: 'nothing-to-sign', message: 'Spuntare i documenti che il paziente ha firmato.' });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await call('enrollment.sign', { enrollmentId: view.id, patto: newPatto, privacy: newPrivacy });
    setBusy(false);
    if (result.ok) onSigned(result.value);
    else setError(result.error);
  };

  return (
    <form className="card sign-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="enroll-sign-title" data-testid="enroll-sign-panel">
      <h2 className="card-title" id="enroll-sign-title">
        Firme
      </h2>
      {view.deadline && <p className="sign-deadline">{deadlineInfo(view.deadline, today).text}.</p>}
      <p className="hint">L&apos;arruolamento è valido quando il paziente ha firmato entrambi i documenti.</p>
      <label className="checkbox">
        <input type="checkbox" checked={patto} disabled={signedBefore('patto_di_cura')} onChange={(e) => setPatto(e.target.checked)} data-testid="enroll-signed-patto" />
        <span>Il paziente ha firmato il Patto di Cura</span>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={privacy} disabled={signedBefore('privacy')} onChange={(e) => setPrivacy(e.target.checked)} data-testid="enroll-signed-privacy" />
        <span>Il paziente ha firmato il consenso al trattamento dei dati (privacy)</span>
      </label>
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-large" aria-disabled={busy} data-testid="enroll-sign-save">
          {busy ? 'Registrazione…' : 'Registra le firme'}
        </button>
      </div>
    </form>
  );
}

function RenewPanel({ view, onRenewed }: { view: EnrollmentView; onRenewed: (v: EnrollmentView) => void }) {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const renew = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await call('enrollment.renew', { enrollmentId: view.id });
    setBusy(false);
    if (result.ok) onRenewed(result.value);
    else setError(result.error);
  };
  return (
    <section className="card" aria-labelledby="enroll-renew-title" data-testid="enroll-renew-panel">
      <h2 className="card-title" id="enroll-renew-title">
        Rinnovo annuale
      </h2>
      <p>Il Patto di Cura si rinnova o si revoca ogni anno. Il rinnovo lo prolunga di un anno{view.periodEnd ? ` dal ${formatItalianDate(view.periodEnd)}` : ''}.</p>
      {error && <ErrorMessage error={error} />}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void renew()} aria-disabled={busy} data-testid="enroll-renew">
          {busy ? 'Rinnovo…' : 'Rinnova il Patto di Cura'}
        </button>
      </div>
    </section>
  );
}

function WithdrawPanel({ view, onWithdrawn }: { view: EnrollmentView; onWithdrawn: (v: EnrollmentView) => void }) {
  const call = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) reasonRef.current?.focus();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (reason.trim() === '') {
      setError({ code: 'reason-required', message: 'Indicare il motivo della revoca.' });
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await call('enrollment.withdraw', { enrollmentId: view.id, reason: reason.trim() });
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      onWithdrawn(result.value);
    } else setError(result.error);
  };

  return (
    <section className="card withdraw-panel" aria-labelledby="enroll-withdraw-title">
      <h2 className="card-title" id="enroll-withdraw-title">
        Revoca
      </h2>
      {!open ? (
        <div className="form-actions">
          <button type="button" className="button button-danger" onClick={() => setOpen(true)} data-testid="enroll-withdraw">
            Revoca l&apos;arruolamento…
          </button>
          <span className="hint">Per esempio se il paziente passa a un altro Gestore.</span>
        </div>
      ) : (
        <form className="withdraw-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field field-grow">
            <label htmlFor="enroll-withdraw-reason">Motivo della revoca</label>
            <input
              id="enroll-withdraw-reason"
              ref={reasonRef}
              className="input"
              type="text"
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-required
              data-testid="enroll-withdraw-reason"
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-danger" aria-disabled={busy} data-testid="enroll-withdraw-confirm">
              {busy ? 'Revoca…' : 'Conferma la revoca'}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)} data-testid="enroll-withdraw-cancel">
              Annulla
            </button>
          </div>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}

const LIST_LIMIT = 200;
const ALL = '';

function EnrollmentList() {
  const [filter, setFilter] = useState<EnrollmentState | typeof ALL>('registered');
  const list = useCall('enrollment.list', filter === ALL ? {} : { state: filter });
  useEvent('enrollments.changed', list.reload);
  const rows = list.value?.enrollments ?? [];
  return (
    <section className="card" aria-labelledby="enroll-list-title" data-testid="enroll-list">
      <h2 className="card-title" id="enroll-list-title">
        Elenco degli arruolamenti
      </h2>
      <div className="field field-inline">
        <label htmlFor="enroll-list-state">Stato</label>
        <select
          id="enroll-list-state"
          className="input select select-auto"
          value={filter}
          onChange={(e) => setFilter(e.target.value as EnrollmentState | typeof ALL)}
          data-testid="enroll-list-state"
        >
          <option value={ALL}>Tutti quelli in corso</option>
          {EnrollmentState.options.map((s) => (
            <option key={s} value={s}>
              {ENROLLMENT_STATE_LABEL[s]}
            </option>
          ))}
        </select>
        {list.value && (
          <span className="result-count" data-testid="enroll-list-count">
            {rows.length === 1 ? '1 paziente' : `${rows.length} pazienti`}
            {rows.length > LIST_LIMIT ? `: mostrati i primi ${LIST_LIMIT}` : ''}
          </span>
        )}
      </div>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.value && rows.length === 0 && <p className="hint">Nessun paziente in questo stato.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Paziente</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Stato</th>
                <th scope="col">Registrato il</th>
                <th scope="col">Firmare entro</th>
                <th scope="col">Valido fino al</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, LIST_LIMIT).map((v) => (
                <tr key={v.id} data-testid="enroll-list-row" data-patient-id={v.patientId} data-state={v.state}>
                  <td className="strong">
                    <a href={enrollHref(v.patientId)}>
                      {v.surname} {v.givenName}
                    </a>
                  </td>
                  <td className="mono">{v.codiceFiscale}</td>
                  <td>
                    <StateBadge state={v.state} />
                  </td>
                  <td>{v.registeredOn ? formatItalianDate(v.registeredOn) : '—'}</td>
                  <td>{v.state === 'registered' && v.deadline ? formatItalianDate(v.deadline) : '—'}</td>
                  <td>{v.periodEnd ? formatItalianDate(v.periodEnd) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

