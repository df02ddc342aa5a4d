import type { SetupChecklist } from '../../../shared/contract/app';
import { useCall, useEvent } from '../api';
import { AgendaDay } from '../components/AgendaDay';
import { useDeadlines } from '../components/EnrollmentBits';
import { PageHeading } from '../components/PageHeading';
import { formatCount, formatDayLong } from '../format';
import { pageHref, type PageId } from '../router';
import { useToday } from '../today';

interface Step {
  key: keyof Omit<SetupChecklist, 'done'>;
  done: string;
  todo: string;
  page: PageId;
  action: string;
}

const STEPS: Step[] = [
  { key: 'studio', done: 'Dati dello studio inseriti', todo: 'Inserire i dati dello studio (Gestore, MMG, indirizzo, telefono): servono per i documenti', page: 'impostazioni', action: 'Impostazioni' },
  { key: 'imported', done: 'Prima importazione fatta', todo: 'Importare i pazienti dalla cartella clinica o la lista ATS', page: 'importazione', action: 'Importazione' },
  { key: 'readers', done: 'Due lettori di smart card collegati', todo: 'Collegare due lettori di smart card: uno per la carta operatore, uno per la Tessera Sanitaria', page: 'impostazioni', action: 'Verifica' },
  { key: 'operators', done: 'Operatori registrati', todo: "Far accedere una volta con la propria carta ogni operatore (l'MMG e la segreteria): lo studio ne conosce così il nome", page: 'oggi', action: '' },
];

/** The first run: what a studio does once. Shown on the start page until every step is done. */
function SetupChecklistCard({ checklist }: { checklist: SetupChecklist }) {
  return (
    <section className="card setup" data-testid="setup-checklist" aria-labelledby="setup-title">
      <h2 className="card-title" id="setup-title">
        Per cominciare
      </h2>
      <ul className="checks">
        {STEPS.map((s) => (
          <li key={s.key} className={checklist[s.key] ? 'check check-ok' : 'check check-missing'} data-testid={`setup-${s.key}`} data-done={checklist[s.key]}>
            <span className="check-mark" aria-hidden="true">
              {checklist[s.key] ? '✓' : '!'}
            </span>
            <span>
              {checklist[s.key] ? s.done : s.todo}
              {!checklist[s.key] && s.action && (
                <>
                  {' '}
                  <a href={pageHref(s.page)}>{s.action} →</a>
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Oggi: the studio's day at a glance, and the first run's checklist until it is done. */
export function TodayPage() {
  const today = useToday();
  const checklist = useCall('setup.checklist', {});
  const queue = useCall('calls.list', { limit: 1, offset: 0, filter: { dueToday: true, withPhone: false } });
  const deadlines = useDeadlines();
  useEvent('enrollments.changed', queue.reload);
  useEvent('patients.changed', checklist.reload);
  useEvent('cards.changed', checklist.reload);

  return (
    <section className="page page-wide" data-testid="page-oggi">
      <PageHeading focusOnMount>Oggi, {formatDayLong(today)}</PageHeading>
      {checklist.value && !checklist.value.done && <SetupChecklistCard checklist={checklist.value} />}
      <div className="today-counts">
        <a className="today-count" href={pageHref('richiami')} data-testid="today-calls">
          <span className="today-count-number">{queue.value ? formatCount(queue.value.total) : '…'}</span>
          <span>pazienti da richiamare oggi</span>
        </a>
        <a className="today-count" href={pageHref('arruolamento')} data-testid="today-deadlines">
          <span className={deadlines.value?.urgent ? 'today-count-number today-count-urgent' : 'today-count-number'}>{deadlines.value ? formatCount(deadlines.value.urgent) : '…'}</span>
          <span>scadenze urgenti (firme, rinnovi)</span>
        </a>
      </div>
      <section className="card" aria-labelledby="today-agenda-title" data-testid="today-agenda">
        <div className="card-head">
          <h2 className="card-title" id="today-agenda-title">
            Appuntamenti di oggi
          </h2>
          <a href={pageHref('agenda')}>Agenda →</a>
        </div>
        <AgendaDay date={today} emptyText="Nessun appuntamento di arruolamento oggi." />
      </section>
    </section>
  );
}
