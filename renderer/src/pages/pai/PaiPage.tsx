import type { PaiView } from '../../../../shared/contract/pai';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { PAI_STATUS_LABEL } from '../../../../shared/domain/pai/model';
import { useCall, useEvent } from '../../api';
import { useIsMmg } from '../../cardsFeed';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { PatientPicker } from '../../components/PatientPicker';
import { paiHref, patientHref } from '../../router';
import { useMutation } from '../../useMutation';
import { navigate } from '../../useRoute';
import { NewPaiForm } from './NewPaiForm';
import { PaiEditor } from './PaiEditor';
import { PaiSummary } from './PaiSummary';
import { PrintPai } from './PrintPai';
import { CancelPai } from './CancelPai';

/** PAI: the patient is chosen by search, then his plan (#/pai/123). */
export function PaiPage({ patientId }: { patientId: number | null }) {
  if (patientId === null) {
    return (
      <section className="page" data-testid="page-pai">
        <PageHeading focusOnMount>PAI</PageHeading>
        <p className="lead">Piano di Assistenza Individuale: cercare il paziente per cognome, nome o codice fiscale.</p>
        <PatientPicker testId="pai-search" rowTestId="pai-result" label="Cerca il paziente" autoFocus onPick={(p) => navigate(paiHref(p.id))} />
      </section>
    );
  }
  return <PatientPai patientId={patientId} />;
}

function PatientPai({ patientId }: { patientId: number }) {
  const patient = useCall('patients.get', { id: patientId });
  const shown = useCall('pai.show', { patientId });
  const reload = shown.reload;
  useEvent('pai.changed', (e) => {
    if (e.patientId === patientId) reload();
  });
  const isMmg = useIsMmg();
  const p = patient.value;
  const current = shown.value?.current ?? null;
  return (
    <section className="page page-wide" data-testid="page-pai" data-patient-id={patientId}>
      <a className="back-link" href={patientHref(patientId)} data-testid="pai-patient-link">
        ← Scheda del paziente
      </a>
      <PageHeading focusOnMount>{p ? `PAI di ${p.surname} ${p.givenName}` : 'PAI del paziente'}</PageHeading>
      {p && <p className="patient-sub mono">{p.codiceFiscale}</p>}
      {patient.error && <ErrorMessage error={patient.error} onRetry={patient.reload} />}
      {shown.error && <ErrorMessage error={shown.error} onRetry={reload} />}
      {!shown.value && !shown.error && <p className="hint">Caricamento…</p>}
      {shown.value && !current && (
        <Card title="Nessun PAI" testId="pai-none">
          {isMmg && p ? (
            <NewPaiForm patientId={patientId} patientCodes={p.pathologies.map((x) => x.code)} onCreated={reload} />
          ) : (
            <p className="hint">Il paziente non ha ancora un PAI: lo scrive il medico.</p>
          )}
        </Card>
      )}
      {current && current.pai.status === 'draft' && isMmg ? (
        <PaiEditor key={`${current.id}`} view={current} onChanged={reload} />
      ) : (
        current && <PaiCurrent view={current} isMmg={isMmg} onChanged={reload} />
      )}
      {shown.value && shown.value.versions.length > 0 && <Versions versions={shown.value.versions} />}
    </section>
  );
}

/** A PAI in force (or closed): read-only, with the MMG's next steps and the print. */
function PaiCurrent({ view, isMmg, onChanged }: { view: PaiView; isMmg: boolean; onChanged: () => void }) {
  const revise = useMutation('pai.revise');
  const renew = useMutation('pai.renew');
  const error = revise.error ?? renew.error;
  const active = view.pai.status === 'active';
  return (
    <Card title={`PAI ${view.pai.year}, versione ${view.pai.version}: ${PAI_STATUS_LABEL[view.pai.status]}`} testId="pai-current">
      {view.renewalDue && (
        <p className="notice notice-warn" data-testid="pai-renewal-due">
          Il PAI scade il {formatItalianDate(view.pai.validTo)}: va rinnovato.
        </p>
      )}
      <PaiSummary view={view} />
      <div className="form-actions">
        {isMmg && active && (
          <button type="button" className="button" onClick={() => void revise.run({ id: view.id }).then((v) => v && onChanged())} aria-disabled={revise.busy} data-testid="pai-revise">
            {revise.busy ? 'Preparazione…' : 'Nuova versione'}
          </button>
        )}
        {isMmg && view.renewalDue && (
          <button type="button" className="button button-primary" onClick={() => void renew.run({ id: view.id }).then((v) => v && onChanged())} aria-disabled={renew.busy} data-testid="pai-renew">
            {renew.busy ? 'Preparazione…' : 'Rinnova'}
          </button>
        )}
        <PrintPai paiId={view.id} />
      </div>
      {isMmg && active && <CancelPai paiId={view.id} onCancelled={onChanged} />}
      {error && <ErrorMessage error={error} reveal />}
    </Card>
  );
}

function Versions({ versions }: { versions: PaiView[] }) {
  return (
    <Card title="Versioni del PAI" testId="pai-versions">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Anno</th>
            <th scope="col">Versione</th>
            <th scope="col">Stato</th>
            <th scope="col">Validità</th>
            <th scope="col">Attivato il</th>
            <th scope="col" className="num">
              Completezza
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} data-testid="pai-version-row" data-status={v.pai.status}>
              <td>{v.pai.year}</td>
              <td>{v.pai.version}</td>
              <td>{PAI_STATUS_LABEL[v.pai.status]}</td>
              <td className="nowrap">
                {formatItalianDate(v.pai.validFrom)} – {formatItalianDate(v.pai.validTo)}
              </td>
              <td>{v.pai.activatedOn ? formatItalianDate(v.pai.activatedOn) : <span className="muted">—</span>}</td>
              <td className="num">{v.completeness.percent}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
