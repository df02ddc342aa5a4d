import { useEffect, useState, type FormEvent } from 'react';
import type { ApiErrorBody, CallOutput, EventPayload } from '../../../shared/api';
import type { AppInfo } from '../../../shared/contract/app';
import type { StudioSettings } from '../../../shared/contract/settings';
import type { OperatorRole } from '../../../shared/domain/operator';
import { useCall, useEvent } from '../api';
import { useCards } from '../cardsFeed';
import { DemoCardsPanel } from '../components/DemoCardsPanel';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeading } from '../components/PageHeading';
import { BackupPanel } from './BackupPanel';
import { CentroServiziPanel } from './CentroServiziPanel';
import { OperatorsPanel } from './OperatorsPanel';
import { PluginsPanel } from './PluginsPanel';
import { formatCount, percent, seedResultText } from '../format';
import { checkSeedCount, SEED_DEFAULT, SEED_MAX } from '../seedForm';
import { useMutation } from '../useMutation';

interface Props {
  role: OperatorRole;
  info: AppInfo | null;
  infoError: ApiErrorBody | null;
  onRetryInfo: () => void;
  /** A backup was put in place of the archive (see App). */
  onArchiveRestored: (restored: EventPayload<'backup.restored'>) => void;
}

export function SettingsPage({ role, info, infoError, onRetryInfo, onArchiveRestored }: Props) {
  const self = useCards().state?.operator?.codiceFiscale ?? '';
  const mmg = role === 'mmg';
  return (
    <section className="page" data-testid="page-impostazioni">
      <PageHeading focusOnMount>Impostazioni</PageHeading>

      <StudioForm editable={mmg} />

      {mmg && <OperatorsPanel self={self} />}

      {mmg && <BackupPanel onRestored={onArchiveRestored} />}

      {mmg && <CentroServiziPanel />}

      <section className="card" aria-labelledby="settings-info">
        <h2 className="card-title" id="settings-info">
          Informazioni sull&apos;installazione
        </h2>
        {infoError && <ErrorMessage error={infoError} onRetry={onRetryInfo} />}
        {info ? (
          <dl className="facts facts-wide" data-testid="app-info">
            <div className="fact">
              <dt>Versione</dt>
              <dd data-testid="app-version">
                {info.name} {info.version}
              </dd>
            </div>
            <div className="fact">
              <dt>Cartella dei dati</dt>
              <dd className="mono path">{info.dataDir}</dd>
            </div>
            <div className="fact">
              <dt>File del database</dt>
              <dd className="mono path">{info.databaseFile}</dd>
            </div>
            <div className="fact">
              <dt>Versione dello schema del database</dt>
              <dd>{info.schemaVersion}</dd>
            </div>
            <div className="fact">
              <dt>Pazienti in archivio</dt>
              <dd data-testid="app-patient-count">{formatCount(info.patientCount)}</dd>
            </div>
          </dl>
        ) : (
          !infoError && <p className="hint">Lettura in corso…</p>
        )}
      </section>

      {mmg && <PluginsPanel />}

      {info?.mode === 'demo' && (
        <>
          <DemoSeed />
          <section className="card" data-testid="demo-cards" aria-label="Carte dimostrative">
            <DemoCardsPanel headingLevel={2} />
          </section>
        </>
      )}
    </section>
  );
}

type Progress = EventPayload<'task.progress'>;

function DemoSeed() {
  const [countText, setCountText] = useState(String(SEED_DEFAULT));
  const seed = useMutation('demo.seed', { onError: () => setProgress(null) });
  const { busy: running, error, setError } = seed;
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<CallOutput<'demo.seed'> | null>(null);

  useEvent('task.progress', (p) => {
    if (p.task === 'demo.seed') setProgress(p);
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    const check = checkSeedCount(countText);
    setResult(null);
    if (!check.ok) {
      setError({ code: 'invalid-input', message: check.message });
      return;
    }
    setProgress({ task: 'demo.seed', label: 'Creazione pazienti dimostrativi', done: 0, total: check.count, finished: false });
    const seeded = await seed.run({ patients: check.count });
    if (seeded) {
      setResult(seeded);
      const done = seeded.created + seeded.skipped;
      setProgress((p) => ({ task: 'demo.seed', label: p?.label ?? 'Creazione pazienti dimostrativi', done, total: Math.max(done, p?.total ?? 0), finished: true }));
    }
  };

  return (
    <section className="card" aria-labelledby="settings-demo">
      <h2 className="card-title" id="settings-demo">
        Dati dimostrativi
      </h2>
      <p>
        Crea pazienti inventati, con codici fiscali validi, lettere ATS e livelli di cronicità, per provare
        l&apos;applicazione e per la formazione. Gli stessi pazienti dimostrativi non vengono creati due volte: per
        aggiungerne altri, indicare un numero più alto del precedente.
      </p>
      <p className="warning-text">Da usare solo in un archivio di prova: i pazienti dimostrativi si aggiungono a quelli reali.</p>
      <form className="seed-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="seed-count">Numero di pazienti</label>
          <span className="field-hint" id="seed-count-hint">
            da 1 a {formatCount(SEED_MAX)}
          </span>
          <input
            id="seed-count"
            className="input input-number"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            aria-describedby="seed-count-hint"
            value={countText}
            onChange={(e) => setCountText(e.target.value)}
            data-testid="seed-count"
            disabled={running}
          />
        </div>
        {/* aria-disabled rather than disabled: the button keeps the keyboard focus while the work runs. */}
        <button type="submit" className="button button-primary" data-testid="seed-button" aria-disabled={running}>
          {running ? 'Creazione in corso…' : 'Crea pazienti dimostrativi'}
        </button>
      </form>

      {progress && (
        <div
          className="progress"
          data-testid="seed-progress"
          data-done={progress.done}
          data-total={progress.total}
          data-finished={progress.finished ? 'true' : 'false'}
        >
          <div className="progress-label">
            <span>{progress.label}</span>
            <span>
              {formatCount(progress.done)} di {formatCount(progress.total)} ({percent(progress.done, progress.total)}%)
            </span>
          </div>
          <progress className="progress-bar" max={Math.max(progress.total, 1)} value={progress.done} aria-label={progress.label}>
            {percent(progress.done, progress.total)}%
          </progress>
        </div>
      )}
      {result && (
        <p className="notice notice-ok" role="status" data-testid="seed-result">
          {seedResultText(result.created, result.skipped)}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}

type StudioField = keyof StudioSettings;

const STUDIO_FIELDS: { field: StudioField; label: string; hint: string; required: boolean; max: number }[] = [
  { field: 'gestore', label: 'Gestore', hint: 'La cooperativa o il medico che fa da Gestore della Presa in Carico.', required: true, max: 120 },
  { field: 'mmg', label: 'Medico di medicina generale', hint: 'Nome e cognome del medico, come compare sui documenti.', required: true, max: 120 },
  { field: 'address', label: 'Indirizzo dello studio', hint: 'Compare sul Patto di Cura e sull\'informativa.', required: true, max: 200 },
  { field: 'phone', label: 'Telefono dello studio', hint: 'Compare sul Patto di Cura e sull\'informativa.', required: true, max: 40 },
];

const EMPTY_STUDIO: StudioSettings = { gestore: '', mmg: '', address: '', phone: '' };

/** Dati dello studio: printed on the Patto di Cura and the privacy consent, which need them. */
/** Everyone reads the studio's data; only the MMG changes them (the core refuses the others). */
function StudioForm({ editable }: { editable: boolean }) {
  const current = useCall('settings.studio.get', {});
  const [form, setForm] = useState<StudioSettings | null>(null);
  const save = useMutation('settings.studio.set');
  const { busy, error, setError } = save;
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState<StudioField | null>(null);

  // The stored data fill the form once; what the user typed is never overwritten.
  useEffect(() => {
    if (form === null && !current.loading && !current.error) setForm(current.value ?? EMPTY_STUDIO);
  }, [form, current.loading, current.error, current.value]);

  const values = form ?? EMPTY_STUDIO;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || form === null) return;
    setSaved(false);
    const trimmed: StudioSettings = { gestore: form.gestore.trim(), mmg: form.mmg.trim(), address: form.address.trim(), phone: form.phone.trim() };
    const empty = STUDIO_FIELDS.find((f) => f.required && trimmed[f.field] === '');
    if (empty) {
      setMissing(empty.field);
      setError({ code: 'invalid-input', message: `Indicare: ${empty.label.toLowerCase()}.` });
      document.getElementById(`studio-${empty.field}`)?.focus();
      return;
    }
    setMissing(null);
    const stored = await save.run(trimmed);
    if (stored) {
      setForm(stored);
      setSaved(true);
      current.reload();
    }
  };

  return (
    <section className="card" aria-labelledby="settings-studio" data-testid="studio-settings">
      <h2 className="card-title" id="settings-studio">
        Dati dello studio
      </h2>
      <p>Compaiono sul Patto di Cura e sul consenso privacy: senza Gestore e medico i documenti non si possono stampare.</p>
      {current.error && <ErrorMessage error={current.error} onRetry={current.reload} />}
      {!current.error && current.value === null && !current.loading && (
        <p className="notice notice-warn" data-testid="studio-missing">
          Dati dello studio non ancora inseriti.
        </p>
      )}
      <form className="studio-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="form-grid form-grid-two">
          {STUDIO_FIELDS.map((f) => (
            <div className="field" key={f.field}>
              <label htmlFor={`studio-${f.field}`}>{f.label}</label>
              <input
                id={`studio-${f.field}`}
                className="input"
                type={f.field === 'phone' ? 'tel' : 'text'}
                autoComplete="off"
                maxLength={f.max}
                value={values[f.field]}
                disabled={form === null}
                readOnly={!editable}
                onChange={(e) => {
                  setSaved(false);
                  setForm({ ...values, [f.field]: e.target.value });
                }}
                aria-required={f.required}
                aria-invalid={missing === f.field}
                aria-describedby={`studio-${f.field}-hint`}
                data-testid={`studio-${f.field}`}
              />
              <span className="field-hint" id={`studio-${f.field}-hint`}>
                {f.hint}
              </span>
            </div>
          ))}
        </div>
        {error && <ErrorMessage error={error} />}
        {editable ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" aria-disabled={busy || form === null} data-testid="studio-save">
              {busy ? 'Salvataggio…' : 'Salva i dati dello studio'}
            </button>
            {saved && (
              <span className="notice notice-ok" role="status" data-testid="studio-saved">
                Dati dello studio salvati.
              </span>
            )}
          </div>
        ) : (
          <p className="hint" data-testid="studio-readonly">
            Solo il medico può modificare i dati dello studio.
          </p>
        )}
      </form>
    </section>
  );
}
