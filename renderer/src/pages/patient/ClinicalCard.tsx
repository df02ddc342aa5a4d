import { useState } from 'react';
import type { PatientDetail } from '../../../../shared/contract/patients';
import type { ChronicLevel } from '../../../../shared/domain/chronicLevel';
import { useCall } from '../../api';
import { useIsMmg } from '../../cardsFeed';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LevelBadge } from '../../components/LevelBadge';
import { levelDescription, pathologyConfirmationLabel, pathologySourceLabel } from '../../format';
import { useMutation } from '../../useMutation';
import { SaveCancel } from '../../components/SaveCancel';

const LEVELS: ChronicLevel[] = [1, 2, 3];

/** The chronic level: the ATS list's or the import's until the MMG confirms or changes it. */
export function LevelCard({ p, onChanged }: { p: PatientDetail; onChanged: (p: PatientDetail) => void }) {
  const [editing, setEditing] = useState(false);
  const [level, setLevel] = useState<ChronicLevel | null>(p.chronicLevel);
  const save = useMutation('patients.setLevel');
  const mmg = useIsMmg();
  const submit = async (chosen: ChronicLevel | null) => {
    const saved = await save.run({ id: p.id, level: chosen });
    if (saved) {
      setEditing(false);
      onChanged(saved);
    }
  };
  return (
    <Card
      title="Livello di cronicità"
      testId="patient-level"
      actions={
        !editing &&
        mmg && (
          <button type="button" className="button" onClick={() => setEditing(true)} data-testid="level-edit">
            Cambia
          </button>
        )
      }
    >
      <p className="level-line">
        <LevelBadge level={p.chronicLevel} />
        <span data-testid="level-confirmation" data-confirmed={p.chronicLevelConfirmed}>
          {p.chronicLevelConfirmed ? 'confermato dal medico' : p.chronicLevel === null ? 'non indicato' : 'dalla lista ATS o dall’importazione: da confermare'}
        </span>
      </p>
      {mmg && !editing && !p.chronicLevelConfirmed && p.chronicLevel !== null && (
        <button type="button" className="button button-primary" onClick={() => void submit(p.chronicLevel)} aria-disabled={save.busy} data-testid="level-confirm">
          Conferma il livello {p.chronicLevel}
        </button>
      )}
      {editing && (
        <form
          className="level-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(level);
          }}
          data-testid="level-form"
        >
          <fieldset className="radio-row">
            <legend>Livello deciso dal medico</legend>
            {LEVELS.map((l) => (
              <label key={l} className="radio">
                <input type="radio" name="level" checked={level === l} onChange={() => setLevel(l)} data-testid={`level-choice-${l}`} />
                Livello {l} <span className="muted">({levelDescription(l)})</span>
              </label>
            ))}
            <label className="radio">
              <input type="radio" name="level" checked={level === null} onChange={() => setLevel(null)} data-testid="level-choice-none" />
              Non cronico (nessun livello)
            </label>
          </fieldset>
          <SaveCancel label="Salva il livello" busy={save.busy} onCancel={() => setEditing(false)} testId="level-save" />
        </form>
      )}
      {save.error && <ErrorMessage error={save.error} />}
    </Card>
  );
}

/** The pathologies: suggested by the ATS list or the diagnoses, confirmed or changed by the MMG. */
export function PathologiesCard({ p, onChanged }: { p: PatientDetail; onChanged: (p: PatientDetail) => void }) {
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<number[]>(p.pathologies.map((x) => x.code));
  const [showAll, setShowAll] = useState(false);
  const choices = useCall('pathologies.choices', {});
  const save = useMutation('patients.setPathologies');
  const mmg = useIsMmg();
  const unconfirmed = p.pathologies.some((x) => !x.confirmed);
  const submit = async (codes: number[]) => {
    const saved = await save.run({ id: p.id, codes });
    if (saved) {
      setEditing(false);
      onChanged(saved);
    }
  };
  const toggle = (code: number) => setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));
  const shown = (choices.value?.pathologies ?? []).filter((c) => showAll || c.firstApplication || chosen.includes(c.code));

  return (
    <Card
      title="Patologie"
      testId="patient-pathologies"
      actions={
        !editing &&
        mmg && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setChosen(p.pathologies.map((x) => x.code));
              setEditing(true);
            }}
            data-testid="pathologies-edit"
          >
            Modifica
          </button>
        )
      }
    >
      {!editing &&
        (p.pathologies.length === 0 ? (
          <p className="hint">Nessuna patologia registrata.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Patologia</th>
                <th scope="col">Provenienza</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {p.pathologies.map((x) => (
                <tr key={x.code} data-testid="pathology-row" data-code={x.code} data-confirmed={x.confirmed}>
                  <td className="strong">{x.name}</td>
                  <td>{pathologySourceLabel(x.source)}</td>
                  <td>
                    <span className={x.confirmed ? 'tag tag-ok' : 'tag tag-todo'}>{pathologyConfirmationLabel(x.confirmed)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {mmg && !editing && unconfirmed && (
        <button type="button" className="button button-primary" onClick={() => void submit(p.pathologies.map((x) => x.code))} aria-disabled={save.busy} data-testid="pathologies-confirm">
          Conferma tutte le patologie
        </button>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(chosen);
          }}
          data-testid="pathologies-form"
        >
          {choices.error && <ErrorMessage error={choices.error} onRetry={choices.reload} />}
          <fieldset className="pathology-choices">
            <legend>Patologie del paziente (elenco regionale): quelle scelte sono confermate dal medico</legend>
            {shown.map((c) => (
              <label key={c.code} className="check-choice">
                <input type="checkbox" checked={chosen.includes(c.code)} onChange={() => toggle(c.code)} data-testid={`pathology-choice-${c.code}`} />
                {c.name}
              </label>
            ))}
          </fieldset>
          <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)} data-testid="pathologies-show-all">
            {showAll ? 'Solo le patologie della prima applicazione' : "Tutte le 65 patologie dell'elenco regionale"}
          </button>
          <SaveCancel label="Salva le patologie" busy={save.busy} onCancel={() => setEditing(false)} testId="pathologies-save" />
        </form>
      )}
      {save.error && <ErrorMessage error={save.error} />}
    </Card>
  );
}
