import { useEffect, useRef, useState } from 'react';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { allows, holdsDocuments } from '../../../../shared/domain/enrollmentMachine';
import { CardShortcut } from '../../components/CardShortcut';
import { DeadlinesPanel } from '../../components/DeadlinesPanel';
import { EvidenceFacts } from '../../components/EnrollmentBits';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { PatientHeader } from '../../components/PatientHeader';
import { PatientPicker } from '../../components/PatientPicker';
import { enrollHref, pageHref } from '../../router';
import { navigate } from '../../useRoute';
import { DocumentsPanel } from './DocumentsPanel';
import { EnrollmentList } from './EnrollmentList';
import { RegisterPanel } from './RegisterPanel';
import { RenewPanel } from './RenewPanel';
import { SignPanel } from './SignPanel';
import { StatePanel } from './StatePanel';
import { usePatientEnrollment } from './usePatientEnrollment';
import { WithdrawPanel } from './WithdrawPanel';

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

/** What can be done for this patient now: the machine's transitions decide which panels show. */
function PatientEnrollment({ patientId }: { patientId: number }) {
  const { patient, view, enrollmentError, reloadEnrollment, loaded, changed } = usePatientEnrollment(patientId);
  // After the registration its panel goes: the focus moves on to the documents to print.
  const [justRegistered, setJustRegistered] = useState(false);
  // After signing, renewing or withdrawing the panel used goes too: the focus goes to the new state.
  const stateHeading = useRef<HTMLHeadingElement>(null);
  const [stateChanged, setStateChanged] = useState(0);
  useEffect(() => {
    if (stateChanged > 0) stateHeading.current?.focus();
  }, [stateChanged]);
  const ended = (v: EnrollmentView) => {
    changed(v);
    setStateChanged((n) => n + 1);
  };
  if (patient.value === null) {
    return patient.error ? <ErrorMessage error={patient.error} onRetry={patient.reload} /> : <p className="hint">Caricamento…</p>;
  }
  const p = patient.value;
  const state = view?.state ?? null;
  return (
    <div className="enrollment" data-testid="enroll-patient" data-patient-id={p.id}>
      <PatientHeader p={p} testId="enroll-selected-patient" linkTestId="enroll-patient-link" />
      {enrollmentError && <ErrorMessage error={enrollmentError} onRetry={reloadEnrollment} />}
      {loaded && (
        <>
          <StatePanel view={view} headingRef={stateHeading} />
          {allows(state, 'register') && (
            <RegisterPanel
              patient={p}
              view={view}
              onRegistered={(v) => {
                setJustRegistered(true);
                changed(v);
              }}
            />
          )}
          {view && allows(state, 'renew') && <RenewPanel view={view} onRenewed={ended} />}
          {view && holdsDocuments(state) && <DocumentsPanel view={view} onChanged={changed} focusOnMount={justRegistered} />}
          {view && allows(state, 'sign') && <SignPanel view={view} onSigned={(v) => (v.state === 'registered' ? changed(v) : ended(v))} />}
          {view?.evidence && (
            <section className="card" aria-labelledby="enroll-evidence-title">
              <h2 className="card-title" id="enroll-evidence-title">
                Registrazione con le due carte
              </h2>
              <EvidenceFacts evidence={view.evidence} testId="enroll-evidence" />
            </section>
          )}
          {view && allows(state, 'withdraw') && <WithdrawPanel view={view} onWithdrawn={ended} />}
        </>
      )}
    </div>
  );
}
