import { useCall } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useMutation } from '../../useMutation';
import { reminderConsentText } from '../../bookings';

/** Whether appointment reminders may reach the patient, and his "no more reminders" recorded by the desk. */
export function ReminderPreference({ patientId }: { patientId: number }) {
  const preferences = useCall('reminders.preferences', { patientId });
  const optOut = useMutation('reminders.optOut');
  const p = preferences.value;
  const change = async (optedOut: boolean) => {
    if (await optOut.run({ patientId, optedOut })) preferences.reload();
  };
  return (
    <div className="reminder-preference" data-testid="reminder-preference">
      {preferences.error && <ErrorMessage error={preferences.error} onRetry={preferences.reload} />}
      {p && (
        <>
          <p className="hint">{reminderConsentText(p.consent)}</p>
          <label className="checkbox">
            <input type="checkbox" checked={p.optedOut} disabled={optOut.busy} onChange={(e) => void change(e.target.checked)} data-testid="reminder-opt-out" />
            Il paziente non vuole ricevere promemoria (ha risposto STOP o l'ha chiesto allo studio)
          </label>
        </>
      )}
      {optOut.error && <ErrorMessage error={optOut.error} />}
    </div>
  );
}
