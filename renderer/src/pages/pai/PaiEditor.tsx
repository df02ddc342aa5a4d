import { useState } from 'react';
import type { PaiView } from '../../../../shared/contract/pai';
import type { Pai } from '../../../../shared/domain/pai/model';
import { Card } from '../../components/Card';
import { ErrorMessage } from '../../components/ErrorMessage';
import { draftState, flaggedCodes, planChanges } from '../../pai';
import { useMutation } from '../../useMutation';
import { Completeness } from './Completeness';
import { ItemsEditor } from './ItemsEditor';
import { DrugsEditor, LifestyleEditor, PathologiesEditor, VaccinationsEditor } from './PlanSections';
import { PrintPai } from './PrintPai';

/**
 * The MMG's draft: edited here, checked as it is typed (completeness, errors, warnings), saved
 * whole with "Salva la bozza" (Ctrl+S) and activated once nothing blocks it.
 */
export function PaiEditor({ view, onChanged }: { view: PaiView; onChanged: () => void }) {
  const [pai, setPai] = useState<Pai>(view.pai);
  const [dirty, setDirty] = useState(false);
  const [unknownCodes, setUnknownCodes] = useState(() => flaggedCodes(view));
  const save = useMutation('pai.update');
  const activate = useMutation('pai.activate');
  const state = draftState(pai, unknownCodes);
  const edit = (changes: Partial<Pai>) => {
    setPai((p) => ({ ...p, ...changes }));
    setDirty(true);
  };
  const saveDraft = async (): Promise<boolean> => {
    if (!dirty) return true;
    const saved = await save.run({ id: view.id, changes: planChanges(pai) });
    if (!saved) return false;
    setDirty(false);
    setUnknownCodes(flaggedCodes(saved));
    return true;
  };
  const activateDraft = async () => {
    if (state.activationBlocked || !(await saveDraft())) return;
    if (await activate.run({ id: view.id })) onChanged();
  };
  const error = save.error ?? activate.error;
  return (
    <div
      className="pai-editor"
      data-testid="pai-editor"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void saveDraft();
        }
      }}
    >
      <Card title={`Bozza del PAI ${pai.year}, versione ${pai.version}`} testId="pai-draft">
        <Completeness completeness={state.completeness} />
        <Issues errors={state.errors.map((i) => i.message)} warnings={state.warnings.map((i) => i.message)} />
        <div className="form-actions">
          <button type="button" className={dirty ? 'button button-primary' : 'button'} onClick={() => void saveDraft()} aria-disabled={save.busy || !dirty} data-testid="pai-save">
            {save.busy ? 'Salvataggio…' : dirty ? 'Salva la bozza (Ctrl+S)' : 'Bozza salvata'}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void activateDraft()}
            aria-disabled={state.activationBlocked !== null || activate.busy}
            aria-describedby={state.activationBlocked ? 'pai-activate-blocked' : undefined}
            data-testid="pai-activate"
          >
            {activate.busy ? 'Attivazione…' : 'Attiva'}
          </button>
          <PrintPai paiId={view.id} />
        </div>
        {state.activationBlocked && (
          <p className="hint" id="pai-activate-blocked" data-testid="pai-activate-blocked">
            {state.activationBlocked}
          </p>
        )}
        {error && <ErrorMessage error={error} reveal />}
      </Card>
      <PathologiesEditor pathologies={pai.pathologies} onChange={(pathologies) => edit({ pathologies })} />
      <ItemsEditor
        pai={pai}
        unknownCodes={unknownCodes}
        onChange={(items) => edit({ items })}
        onUnknownCode={(code) => setUnknownCodes((s) => new Set(s).add(code))}
      />
      <DrugsEditor drugs={pai.drugs} onChange={(drugs) => edit({ drugs })} />
      <LifestyleEditor goals={pai.lifestyle} onChange={(lifestyle) => edit({ lifestyle })} />
      <VaccinationsEditor vaccinations={pai.vaccinations} onChange={(vaccinations) => edit({ vaccinations })} />
    </div>
  );
}

function Issues({ errors, warnings }: { errors: string[]; warnings: string[] }) {
  if (errors.length === 0 && warnings.length === 0) return <p className="notice notice-ok" data-testid="pai-issues-none">Nessun problema: il PAI si può attivare.</p>;
  return (
    <div className="pai-issues" data-testid="pai-issues" aria-live="polite">
      {errors.length > 0 && (
        <div className="notice notice-error">
          <p className="notice-title">Da correggere prima dell&apos;attivazione</p>
          <ul className="plain-list">
            {errors.map((m) => (
              <li key={m} data-testid="pai-issue-error">
                {m}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="notice notice-warn">
          <p className="notice-title">Da verificare</p>
          <ul className="plain-list">
            {warnings.map((m) => (
              <li key={m} data-testid="pai-issue-warning">
                {m}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
