import { useRef, useState, type FormEvent } from 'react';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import type { ConsentKind, PrivacyChoices } from '../../../../shared/domain/enrollment';
import { ErrorMessage } from '../../components/ErrorMessage';
import { completeChoices, deadlineInfo, PRIVACY_QUESTIONS } from '../../enrollment';
import { useToday } from '../../today';
import { useMutation } from '../../useMutation';

/**
 * The signatures, marked when the patient hands back the signed sheets; with the privacy form,
 * its three answers as the patient ticked them.
 */
export function SignPanel({ view, onSigned }: { view: EnrollmentView; onSigned: (v: EnrollmentView) => void }) {
  const sign = useMutation('enrollment.sign');
  const signedBefore = (kind: ConsentKind) => view.consents.some((c) => c.kind === kind && c.signedAt !== null);
  const [patto, setPatto] = useState(signedBefore('patto_di_cura'));
  const [privacy, setPrivacy] = useState(signedBefore('privacy'));
  const [answers, setAnswers] = useState<Partial<PrivacyChoices>>({});
  const [missing, setMissing] = useState<keyof PrivacyChoices | null>(null);
  const firstRadio = useRef<Partial<Record<keyof PrivacyChoices, HTMLInputElement | null>>>({});
  const today = useToday();
  const askAnswers = privacy && !signedBefore('privacy');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const newPatto = patto && !signedBefore('patto_di_cura');
    const newPrivacy = privacy && !signedBefore('privacy');
    if (!newPatto && !newPrivacy) {
      sign.setError({ code: 'nothing-to-sign', message: 'Spuntare i documenti che il paziente ha firmato.' });
      return;
    }
    let privacyChoices: PrivacyChoices | undefined;
    if (newPrivacy) {
      const check = completeChoices(answers);
      if (!check.ok) {
        setMissing(check.missing);
        const q = PRIVACY_QUESTIONS.find((x) => x.key === check.missing)!;
        sign.setError({ code: 'privacy-choices-missing', message: `Indicare la risposta ${q.number} del modulo privacy, come barrata dal paziente.` });
        firstRadio.current[check.missing]?.focus();
        return;
      }
      privacyChoices = check.choices;
    }
    setMissing(null);
    const v = await sign.run({ enrollmentId: view.id, patto: newPatto, privacy: newPrivacy, privacyChoices });
    if (v) onSigned(v);
  };

  const answer = (key: keyof PrivacyChoices, value: boolean) => {
    setAnswers((a) => ({ ...a, [key]: value }));
    if (missing === key) {
      setMissing(null);
      sign.setError(null);
    }
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
      {askAnswers && (
        <div className="privacy-answers" data-testid="enroll-privacy-answers">
          <p className="hint">Riportare le caselle barrate dal paziente sul modulo privacy:</p>
          {PRIVACY_QUESTIONS.map((q) => (
            <fieldset
              key={q.key}
              className={missing === q.key ? 'privacy-question privacy-question-missing' : 'privacy-question'}
              aria-invalid={missing === q.key || undefined}
              data-testid={`enroll-privacy-${q.key}`}
            >
              <legend>
                {q.number}. {q.label}
              </legend>
              <label className="radio">
                <input
                  ref={(el) => {
                    firstRadio.current[q.key] = el;
                  }}
                  type="radio"
                  name={`privacy-${q.key}`}
                  checked={answers[q.key] === true}
                  onChange={() => answer(q.key, true)}
                  data-testid={`enroll-privacy-${q.key}-yes`}
                />
                <span>acconsente</span>
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name={`privacy-${q.key}`}
                  checked={answers[q.key] === false}
                  onChange={() => answer(q.key, false)}
                  data-testid={`enroll-privacy-${q.key}-no`}
                />
                <span>non acconsente</span>
              </label>
            </fieldset>
          ))}
        </div>
      )}
      {sign.error && <ErrorMessage error={sign.error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-large" aria-disabled={sign.busy} data-testid="enroll-sign-save">
          {sign.busy ? 'Registrazione…' : 'Registra le firme'}
        </button>
      </div>
    </form>
  );
}
