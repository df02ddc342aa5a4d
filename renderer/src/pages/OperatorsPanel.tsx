import { useState, type FormEvent } from 'react';
import type { OperatorView } from '../../../shared/contract/operators';
import { OPERATOR_ROLE_LABEL, OperatorRole } from '../../../shared/domain/operator';
import { useCall } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field, TextField } from '../components/Field';
import { formatTimestamp } from '../dateInput';
import { useMutation } from '../useMutation';

const ROLES = OperatorRole.options;

/**
 * Operatori: who may log in with his card, and as what. The MMG adds the cards of the studio's
 * staff by codice fiscale (the name comes from the card at the first login), changes roles and
 * disables those who leave; the core keeps at least one active MMG.
 */
export function OperatorsPanel({ self }: { self: string }) {
  const list = useCall('operators.list', {});
  const add = useMutation('operators.add');
  const setRole = useMutation('operators.setRole');
  const disable = useMutation('operators.disable');
  const [cf, setCf] = useState('');
  const [name, setName] = useState('');
  const [role, setRoleChoice] = useState<OperatorRole>('segretaria');
  const busy = add.busy || setRole.busy || disable.busy;
  const error = add.error ?? setRole.error ?? disable.error;
  const clearErrors = () => [add, setRole, disable].forEach((m) => m.setError(null));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    clearErrors();
    const added = await add.run({ codiceFiscale: cf.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) });
    if (added) {
      setCf('');
      setName('');
      list.reload();
    }
  };
  const changeRole = async (o: OperatorView, next: OperatorRole) => {
    clearErrors();
    await setRole.run({ codiceFiscale: o.codiceFiscale, role: next });
    list.reload();
  };
  const runDisable = async (o: OperatorView) => {
    clearErrors();
    await disable.run({ codiceFiscale: o.codiceFiscale });
    list.reload();
  };

  const operators = list.value?.operators ?? null;
  return (
    <section className="card" aria-labelledby="settings-operators" data-testid="operators-panel">
      <h2 className="card-title" id="settings-operators">
        Operatori
      </h2>
      <p>Accedono solo le carte operatore registrate qui, ciascuna con il suo ruolo. Una carta disabilitata non può più accedere.</p>
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {error && <ErrorMessage error={error} reveal />}
      {operators && (
        <div className="table-scroll">
          <table className="table" data-testid="operators-table">
            <thead>
              <tr>
                <th scope="col">Operatore</th>
                <th scope="col">Codice fiscale</th>
                <th scope="col">Ruolo</th>
                <th scope="col">Ultimo accesso</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operators.map((o) => (
                <tr key={o.codiceFiscale} data-testid={`operator-${o.codiceFiscale}`} data-disabled={o.disabled}>
                  <td>
                    {o.name || <span className="hint">nome alla prima entrata</span>}
                    {o.codiceFiscale === self && <span className="hint"> (voi)</span>}
                  </td>
                  <td className="mono">{o.codiceFiscale}</td>
                  <td>
                    {o.disabled ? (
                      <span className="tag tag-expired">Disabilitato</span>
                    ) : (
                      <select
                        className="input"
                        aria-label={`Ruolo di ${o.name || o.codiceFiscale}`}
                        value={o.role ?? ''}
                        onChange={(e) => void changeRole(o, e.target.value as OperatorRole)}
                        disabled={busy}
                        data-testid="operator-role"
                      >
                        {o.role === null && <option value="">senza ruolo</option>}
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {OPERATOR_ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>{o.lastLoginAt ? formatTimestamp(o.lastLoginAt) : 'mai'}</td>
                  <td>
                    {!o.disabled && o.codiceFiscale !== self && (
                      <button type="button" className="button" onClick={() => !busy && void runDisable(o)} aria-disabled={busy} data-testid="operator-disable">
                        Disabilita
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="card-subtitle" id="operator-add-title">
        Aggiungi un operatore
      </h3>
      <form onSubmit={(e) => void submit(e)} aria-labelledby="operator-add-title" data-testid="operator-add-form" noValidate>
        <div className="form-grid">
        <TextField id="operator-cf" label="Codice fiscale della carta" value={cf} onChange={setCf} maxLength={16} className="input mono" required />
        <TextField id="operator-name" label="Cognome e nome (facoltativo)" value={name} onChange={setName} maxLength={120} />
        <Field id="operator-new-role" label="Ruolo">
          <select id="operator-new-role" className="input" value={role} onChange={(e) => setRoleChoice(e.target.value as OperatorRole)} data-testid="operator-new-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {OPERATOR_ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={busy} data-testid="operator-add">
            {add.busy ? 'Aggiunta…' : 'Aggiungi operatore'}
          </button>
        </div>
      </form>
    </section>
  );
}
