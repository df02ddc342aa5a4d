import { useEffect, useState } from 'react';
import type { PatientDetail } from '../../../../shared/contract/patients';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { ENROLLMENT_STATE_LABEL } from '../../../../shared/domain/enrollment';
import { LETTER_TYPE_LABEL } from '../../../../shared/domain/letter';
import { useCall, useEvent } from '../../api';
import { EvidenceFacts, StateBadge } from '../../components/EnrollmentBits';
import { formatTimestamp } from '../../dateInput';
import { auditActionLabel, auditDetailText, deadlineInfo, periodEndText } from '../../enrollment';
import { authorizationText, patientCardFor, readerLabels } from '../../cards';
import { useCards } from '../../cardsFeed';
import { ExpiredMarker } from '../../components/CardBits';
import { Card, Fact } from '../../components/Card';
import { ContactsEditor } from '../../components/ContactsEditor';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { formatAge, orNotGiven, sexLabel } from '../../format';
import { usePlaceName } from '../../usePlace';
import { LevelCard, PathologiesCard } from './ClinicalCard';
import { useToday } from '../../today';
import { enrollHref, pageHref, walkinHref } from '../../router';
import { PatientPlanCard } from './PatientPlanCard';
import { navigate } from '../../useRoute';
import { ScrollRegion } from '../../components/ScrollRegion';

/** One patient's sheet (#/pazienti/123). Esc goes back to the search. */
export function PatientDetailPage({ id }: { id: number }) {
  const patient = useCall('patients.get', { id });
  const { reload } = patient;
  useEvent('patients.changed', reload);
  useEvent('enrollments.changed', (e) => {
    if (e.patientId === null || e.patientId === id) reload();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) navigate(pageHref('pazienti'));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const back = (
    <a className="back-link" href={pageHref('pazienti')} data-testid="patient-back">
      ← Torna alla ricerca
    </a>
  );

  if (patient.value === null) {
    return (
      <section className="page" data-testid="page-patient">
        {back}
        <PageHeading focusOnMount>Scheda paziente</PageHeading>
        {patient.error ? <ErrorMessage error={patient.error} onRetry={reload} /> : <p className="hint">Caricamento…</p>}
      </section>
    );
  }
  return (
    <section className="page" data-testid="page-patient">
      {back}
      {patient.error && <ErrorMessage error={patient.error} onRetry={reload} />}
      <PatientSheet p={patient.value} onChanged={reload} />
    </section>
  );
}

function PatientSheet({ p, onChanged }: { p: PatientDetail; onChanged: () => void }) {
  const today = useToday();
  const place = usePlaceName(p.birthPlaceCode);
  const [editingContacts, setEditingContacts] = useState(false);
  return (
    <div className="patient" data-testid="patient-detail" data-patient-id={p.id}>
      <header className="patient-header">
        <PageHeading focusOnMount>
          {p.surname} {p.givenName}
        </PageHeading>
        <p className="patient-sub">
          <span className="mono patient-cf" data-testid="patient-detail-cf">
            {p.codiceFiscale}
          </span>
          <span>
            {p.sex === 'F' ? 'nata' : 'nato'} il {formatItalianDate(p.birthDate)} ({formatAge(p.birthDate, today)})
          </span>
        </p>
      </header>

      <CardInReader codiceFiscale={p.codiceFiscale} />

      <div className="cards">
        <Card title="Anagrafica" testId="patient-anagrafica">
          <dl className="facts">
            <Fact label="Codice fiscale">
              <span className="mono">{p.codiceFiscale}</span>
            </Fact>
            <Fact label="Data di nascita">
              {formatItalianDate(p.birthDate)} ({formatAge(p.birthDate, today)})
            </Fact>
            <Fact label="Sesso">{sexLabel(p.sex)}</Fact>
            <Fact label="Luogo di nascita">
              <span data-testid="patient-birthplace">{place ?? 'non indicato'}</span>
            </Fact>
            <Fact label="Arruolamento">
              <span data-testid="patient-detail-enrollment">{p.enrollment ? ENROLLMENT_STATE_LABEL[p.enrollment.state] : 'Nessun arruolamento'}</span>
            </Fact>
            {p.enrollment?.deadline && p.enrollment.state === 'registered' && <Fact label="Firmare entro">{formatItalianDate(p.enrollment.deadline)}</Fact>}
          </dl>
        </Card>

        <Card
          title="Recapiti"
          testId="patient-contacts"
          actions={
            !editingContacts && (
              <button type="button" className="button" onClick={() => setEditingContacts(true)} data-testid="contacts-edit">
                Modifica
              </button>
            )
          }
        >
          {editingContacts ? (
            <ContactsEditor
              patient={p}
              idPrefix="contacts"
              onSaved={() => {
                setEditingContacts(false);
                onChanged();
              }}
              onCancel={() => setEditingContacts(false)}
            />
          ) : (
            <dl className="facts">
              <Fact label="Telefono">
                <span data-testid="patient-detail-phone">{orNotGiven(p.phone)}</span>
              </Fact>
              <Fact label="Cellulare">
                <span data-testid="patient-detail-mobile">{orNotGiven(p.mobile)}</span>
              </Fact>
              <Fact label="E-mail">{orNotGiven(p.email)}</Fact>
              <Fact label="Orario preferito per essere richiamato">
                <span data-testid="patient-detail-call-time">{orNotGiven(p.preferredCallTime)}</span>
              </Fact>
            </dl>
          )}
        </Card>

        <LevelCard key={`level-${p.updatedAt}`} p={p} onChanged={onChanged} />
      </div>

      <PathologiesCard key={`pathologies-${p.updatedAt}`} p={p} onChanged={onChanged} />

      <PatientPlanCard patientId={p.id} />

      <EnrollmentSection patientId={p.id} />

      <Card title="Lettere ATS" testId="patient-letters">
        {p.letters.length === 0 ? (
          <p className="hint">Nessuna lettera ATS registrata.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Tipo di lettera</th>
                <th scope="col">Data della lettera</th>
                <th scope="col">Consegnata allo studio</th>
              </tr>
            </thead>
            <tbody>
              {p.letters.map((l, i) => (
                <tr key={`${l.type}-${l.trancheDate}-${i}`} data-testid="letter-row">
                  <td>
                    {LETTER_TYPE_LABEL[l.type]}
                    {l.note && <div className="note">Nota: {l.note}</div>}
                  </td>
                  <td>{l.trancheDate ? formatItalianDate(l.trancheDate) : <span className="muted">non indicata</span>}</td>
                  <td>{l.receivedAt ? formatItalianDate(l.receivedAt) : <span className="muted">non ancora consegnata</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

/** The enrollment in detail (state, deadline, what the two cards said) with the way to Arruolamento; then the audit log. */
function EnrollmentSection({ patientId }: { patientId: number }) {
  const enrollment = useCall('enrollment.get', { patientId });
  const audit = useCall('audit.forPatient', { patientId });
  const reloadEnrollment = enrollment.reload;
  const reloadAudit = audit.reload;
  useEvent('enrollments.changed', (e) => {
    if (e.patientId === null || e.patientId === patientId) {
      reloadEnrollment();
      reloadAudit();
    }
  });
  // Changes that do not touch the enrollment (contacts, a new patient) still write the log.
  useEvent('patients.changed', reloadAudit);
  const view = enrollment.value;
  return (
    <>
      <Card title="Arruolamento" testId="patient-enrollment">
        {enrollment.error && <ErrorMessage error={enrollment.error} onRetry={reloadEnrollment} />}
        {!enrollment.loading || view ? <EnrollmentFacts view={view} /> : <p className="hint">Caricamento…</p>}
        <p className="card-links">
          <a className="button" href={enrollHref(patientId)} data-testid="patient-enroll-link">
            Apri in Arruolamento
          </a>
          <a className="button" href={walkinHref(patientId)} data-testid="patient-walkin-link">
            Registra la lettera ATS (Accoglienza)
          </a>
        </p>
      </Card>

      <Card title="Registro attività" testId="audit-log">
        {audit.error && <ErrorMessage error={audit.error} onRetry={reloadAudit} />}
        {audit.value && audit.value.entries.length === 0 && <p className="hint">Nessuna attività registrata.</p>}
        {!audit.value && !audit.error && <p className="hint">Caricamento…</p>}
        {audit.value && audit.value.entries.length > 0 && (
          <ScrollRegion label="Attività registrate" className="audit-scroll" testId="patient-audit-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Data e ora</th>
                  <th scope="col">Attività</th>
                  <th scope="col">Operatore</th>
                  <th scope="col">Dettagli</th>
                </tr>
              </thead>
              <tbody>
                {[...audit.value.entries].reverse().map((a) => (
                  <tr key={a.id} data-testid="audit-row" data-action={a.action}>
                    <td className="nowrap">{formatTimestamp(a.at)}</td>
                    <td className="strong">{auditActionLabel(a.action)}</td>
                    <td data-testid="audit-operator">
                      {a.operatorName ?? (a.operatorCf ? <span className="mono">{a.operatorCf}</span> : <span className="muted">sistema</span>)}
                    </td>
                    <td>{auditDetailText(a.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
    </>
  );
}

function EnrollmentFacts({ view }: { view: EnrollmentView | null }) {
  const today = useToday();
  return (
    <>
      <dl className="facts">
        <Fact label="Stato">
          <StateBadge state={view?.state ?? null} testId="patient-enrollment-state" />
        </Fact>
        {view?.state === 'registered' && view.deadline && (
          <Fact label="Scadenza per le firme">
            <span data-testid="patient-enrollment-deadline">{deadlineInfo(view.deadline, today).text}</span>
          </Fact>
        )}
        {view?.periodEnd && (view.state === 'enrolled' || view.state === 'renewed' || view.state === 'renewal_due') && (
          <Fact label="Patto di Cura">{periodEndText(view.periodEnd, today)}</Fact>
        )}
        {view?.reason && <Fact label="Motivo">{view.reason}</Fact>}
      </dl>
      {view?.evidence && (
        <>
          <h3 className="card-subtitle">Registrazione con le due carte</h3>
          <EvidenceFacts evidence={view.evidence} testId="patient-enrollment-evidence" />
        </>
      )}
    </>
  );
}

/** This patient's Tessera Sanitaria, when it is in a reader: serial, expiry, and whether enrollment can be registered. */
function CardInReader({ codiceFiscale }: { codiceFiscale: string }) {
  const { state } = useCards();
  const present = patientCardFor(state, codiceFiscale);
  if (!state || !present) return null;
  const { card } = present;
  const labels = readerLabels(state.readers.map((r) => r.name));
  const reader = labels[state.readers.findIndex((r) => r.name === present.reader)] ?? present.reader;
  const available = state.authorization.available;
  return (
    <section
      className={card.expired ? 'card card-ts card-ts-expired' : 'card card-ts'}
      data-testid="patient-card-present"
      aria-labelledby="patient-card-title"
    >
      <h2 className="card-title" id="patient-card-title">
        Tessera Sanitaria inserita
      </h2>
      <dl className="facts">
        <Fact label="Numero della tessera">
          <span className="mono" data-testid="patient-card-serial">
            {card.cardSerial}
          </span>
        </Fact>
        <Fact label="Scadenza">
          <span data-testid="patient-card-expiry">{formatItalianDate(card.cardExpiry)}</span>{' '}
          {card.expired && <ExpiredMarker cardExpiry={card.cardExpiry} />}
        </Fact>
        <Fact label="Lettore">
          <span title={present.reader}>{reader}</span>
        </Fact>
      </dl>
      <p
        className={available ? 'notice notice-ok' : 'notice notice-warn'}
        data-testid="patient-authorization"
        data-available={available ? 'true' : 'false'}
      >
        {authorizationText(state.authorization)}
      </p>
    </section>
  );
}
