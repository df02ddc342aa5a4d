import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMutation } from '../../useMutation';

export function RenewPanel({ view, onRenewed }: { view: EnrollmentView; onRenewed: (v: EnrollmentView) => void }) {
  const renew = useMutation('enrollment.renew');
  const submit = async () => {
    const v = await renew.run({ enrollmentId: view.id });
    if (v) onRenewed(v);
  };
  return (
    <section className="card" aria-labelledby="enroll-renew-title" data-testid="enroll-renew-panel">
      <h2 className="card-title" id="enroll-renew-title">
        Rinnovo annuale
      </h2>
      <p>Il Patto di Cura si rinnova o si revoca ogni anno. Il rinnovo lo prolunga di un anno{view.periodEnd ? ` dal ${formatItalianDate(view.periodEnd)}` : ''}.</p>
      {renew.error && <ErrorMessage error={renew.error} />}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void submit()} aria-disabled={renew.busy} data-testid="enroll-renew">
          {renew.busy ? 'Rinnovo…' : 'Rinnova il Patto di Cura'}
        </button>
      </div>
    </section>
  );
}
