import { PAI_STATUS_LABEL } from '../../../../shared/domain/pai/model';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { useCall, useEvent } from '../../api';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AdherenceTable } from '../bookings/AdherenceTable';
import { paiHref } from '../../router';
import { ReminderPreference } from './ReminderPreference';

/** The patient's PAI in one line, the way to it, and his adherence item by item. */
export function PatientPlanCard({ patientId }: { patientId: number }) {
  const shown = useCall('pai.show', { patientId });
  const adherence = useCall('adherence.patient', { patientId });
  const reloadPai = shown.reload;
  const reloadAdherence = adherence.reload;
  useEvent('pai.changed', (e) => {
    if (e.patientId !== patientId) return;
    reloadPai();
    reloadAdherence();
  });
  useEvent('bookings.changed', (e) => {
    if (e.patientId === patientId) reloadAdherence();
  });
  const current = shown.value?.current ?? null;
  const a = adherence.value;
  return (
    <Card title="PAI e aderenza" testId="patient-pai">
      {shown.error && <ErrorMessage error={shown.error} onRetry={reloadPai} />}
      <p data-testid="patient-pai-status">
        {shown.value === null
          ? 'Caricamento…'
          : current
            ? `PAI ${current.pai.year} versione ${current.pai.version}: ${PAI_STATUS_LABEL[current.pai.status]}, dal ${formatItalianDate(current.pai.validFrom)} al ${formatItalianDate(current.pai.validTo)}.`
            : 'Nessun PAI.'}
      </p>
      <p className="card-links">
        <a className="button" href={paiHref(patientId)} data-testid="patient-pai-link">
          Apri il PAI
        </a>
      </p>
      <ReminderPreference patientId={patientId} />
      {adherence.error && <ErrorMessage error={adherence.error} onRetry={reloadAdherence} />}
      {a && a.planned > 0 && (
        <>
          <h3 className="card-subtitle">
            Aderenza: <span data-testid="patient-adherence-percent">{a.percent === null ? 'non calcolabile' : `${a.percent}%`}</span>
          </h3>
          <AdherenceTable rows={a.items.map((i) => ({ key: i.code, label: `${i.code} ${i.description}`, figures: i }))} subject="Prestazione" testId="patient-adherence" />
        </>
      )}
    </Card>
  );
}
