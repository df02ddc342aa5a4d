import type { Ref } from 'react';
import type { EnrollmentView } from '../../../../shared/contract/enrollment';
import { formatItalianDate } from '../../../../shared/domain/dates';
import { StateBadge } from '../../components/EnrollmentBits';
import { deadlineInfo, lockedElsewhereText, periodEndText } from '../../enrollment';
import { useToday } from '../../today';

/** The state, its deadline or validity, and why it ended. */
export function StatePanel({ view, headingRef }: { view: EnrollmentView | null; headingRef?: Ref<HTMLHeadingElement> }) {
  const today = useToday();
  const state = view?.state ?? null;
  return (
    <section className="card enroll-state-card" aria-labelledby="enroll-state-title">
      <h2 className="card-title" id="enroll-state-title" ref={headingRef} tabIndex={-1}>
        Stato: <StateBadge state={state} testId="enroll-state" />
      </h2>
      {state === 'registered' && view?.deadline && <DeadlineNotice deadline={view.deadline} today={today} />}
      {(state === 'enrolled' || state === 'renewed' || state === 'renewal_due') && view?.periodEnd && (
        <p className={state === 'renewal_due' ? 'notice notice-warn' : 'notice notice-ok'} data-testid="enroll-period-end" data-date={view.periodEnd}>
          {view.enrolledOn ? `Arruolato dal ${formatItalianDate(view.enrolledOn)}. ` : ''}
          {periodEndText(view.periodEnd, today)}
          {state === 'renewal_due' ? ': rinnovare o revocare.' : '.'}
        </p>
      )}
      {state === null && <p>Il paziente non è ancora nel percorso di arruolamento: la registrazione con le due carte lo avvia.</p>}
      {state === 'candidate' && <p>Da arruolare: registrare con le due carte quando il paziente è in studio.</p>}
      {state === 'lapsed' && <p>La settimana per le firme è trascorsa e il blocco è stato rilasciato: per arruolare il paziente occorre registrarlo di nuovo con le due carte.</p>}
      {/* Who holds him says it all: the machine's reason would only repeat the name. */}
      {state === 'locked_elsewhere' && view && <LockedElsewhere view={view} />}
      {state !== 'locked_elsewhere' && view?.reason && (
        <p data-testid="enroll-reason">
          <span className="muted">Motivo:</span> {view.reason}
        </p>
      )}
      {state !== 'locked_elsewhere' && view?.otherGestore && (
        <p>
          <span className="muted">Altro Gestore:</span> {view.otherGestore}
        </p>
      )}
      {state !== 'locked_elsewhere' && view?.registeredOn && (
        <p className="muted">
          Registrato il {formatItalianDate(view.registeredOn)}
          {view.enrolledOn ? `, arruolamento completato il ${formatItalianDate(view.enrolledOn)}` : ''}.
        </p>
      )}
    </section>
  );
}

function LockedElsewhere({ view }: { view: EnrollmentView }) {
  const { title, detail } = lockedElsewhereText(view);
  return (
    <div className="notice notice-error notice-strong" data-testid="enroll-locked-elsewhere" data-gestore={view.otherGestore ?? ''}>
      <p className="notice-title">{title}</p>
      <p className="notice-text">{detail}</p>
    </div>
  );
}

function DeadlineNotice({ deadline, today }: { deadline: string; today: string }) {
  const info = deadlineInfo(deadline, today);
  return (
    <p className={`deadline-notice deadline-notice-${info.tone}`} data-testid="enroll-deadline" data-days={info.days} data-date={deadline}>
      {info.text}
    </p>
  );
}
