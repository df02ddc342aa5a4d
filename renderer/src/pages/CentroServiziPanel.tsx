import { useEffect, useState, type FormEvent } from 'react';
import type { CallInput } from '../../../shared/api';
import type { CentroServiziSettings } from '../../../shared/contract/sync';
import { useCall } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { TextField } from '../components/Field';
import { pageHref } from '../router';
import { useMutation } from '../useMutation';

/**
 * Centro Servizi: where the studio sends its data (the address, checked by the core: https, or
 * http on this computer only), the access token (written only: the core keeps it in the OS's
 * protected storage and says no more than whether one is set), the Gestore's code there.
 */
export function CentroServiziPanel() {
  const current = useCall('settings.centroServizi.get', {});
  const save = useMutation('settings.centroServizi.set');
  const [answer, setAnswer] = useState<CentroServiziSettings | null>(null);
  const stored = answer ?? current.value;
  const [form, setForm] = useState<{ url: string; gestoreCode: string } | null>(null);
  const [token, setToken] = useState('');
  const [done, setDone] = useState<string | null>(null);

  // The stored values fill the form once; what the MMG typed is never overwritten.
  useEffect(() => {
    if (form === null && current.value) setForm({ url: current.value.url ?? '', gestoreCode: current.value.gestoreCode ?? '' });
  }, [form, current.value]);

  const values = form ?? { url: '', gestoreCode: '' };
  const edit = (change: Partial<typeof values>) => {
    setDone(null);
    setForm({ ...values, ...change });
  };

  const store = async (change: CallInput<'settings.centroServizi.set'>, message: string) => {
    setDone(null);
    const r = await save.run(change);
    if (!r) return;
    setAnswer(r);
    setForm({ url: r.url ?? '', gestoreCode: r.gestoreCode ?? '' });
    setToken('');
    setDone(message);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.busy || form === null) return;
    // An empty token box leaves the stored token as it is: it is never shown, so never sent back.
    const typed = token.trim();
    void store({ url: values.url.trim() || null, gestoreCode: values.gestoreCode.trim() || null, ...(typed ? { token: typed } : {}) }, 'Impostazioni del Centro Servizi salvate.');
  };

  return (
    <section className="card" aria-labelledby="settings-centro-servizi" data-testid="centro-servizi-panel">
      <h2 className="card-title" id="settings-centro-servizi">
        Centro Servizi
      </h2>
      <p>
        Il Centro Servizi riceve i dati della presa in carico. Senza indirizzo nulla viene inviato e i dati restano nello studio.{' '}
        <a href={pageHref('sincronizzazione')}>Stato della sincronizzazione</a>
      </p>
      {current.error && <ErrorMessage error={current.error} onRetry={current.reload} />}
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField
            id="cs-url"
            label="Indirizzo del Centro Servizi"
            className="input mono"
            inputMode="url"
            spellCheck={false}
            maxLength={500}
            value={values.url}
            onChange={(url) => edit({ url })}
            disabled={form === null}
            aria-describedby="cs-url-hint"
          >
            <span className="field-hint" id="cs-url-hint">
              Deve iniziare con https:// (http:// solo per un server su questo computer).
            </span>
          </TextField>
          <TextField
            id="cs-token"
            label="Token di accesso"
            type="password"
            autoComplete="new-password"
            maxLength={4000}
            value={token}
            onChange={(t) => {
              setDone(null);
              setToken(t);
            }}
            disabled={form === null}
            aria-describedby="cs-token-hint"
          >
            <span className="field-hint" id="cs-token-hint" data-testid="cs-token-state" data-set={stored?.hasToken ? 'true' : 'false'}>
              {stored?.hasToken ? (
                <>
                  <span className="tag tag-ok">token impostato</span> Non viene mai mostrato: per cambiarlo scriverne uno nuovo.
                </>
              ) : (
                'Nessun token impostato: scriverlo qui se il Centro Servizi lo richiede.'
              )}
            </span>
          </TextField>
          <TextField
            id="cs-gestore"
            label="Codice del Gestore"
            maxLength={60}
            value={values.gestoreCode}
            onChange={(gestoreCode) => edit({ gestoreCode })}
            disabled={form === null}
            aria-describedby="cs-gestore-hint"
          >
            <span className="field-hint" id="cs-gestore-hint">
              Come lo conosce il Centro Servizi; se vuoto, il nome del Gestore dei dati dello studio.
            </span>
          </TextField>
        </div>
        {save.error && <ErrorMessage error={save.error} reveal />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={save.busy || form === null} data-testid="cs-save">
            {save.busy ? 'Salvataggio…' : 'Salva'}
          </button>
          {stored?.hasToken && (
            <button type="button" className="button" onClick={() => !save.busy && void store({ token: null }, 'Token tolto: il Centro Servizi riceverà le richieste senza token.')} aria-disabled={save.busy} data-testid="cs-token-remove">
              Togli il token
            </button>
          )}
          {done && (
            <span className="notice notice-ok" role="status" data-testid="cs-saved">
              {done}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
