import type { ReactNode } from 'react';

/** A titled card of a page; `actions` sit beside the title (an "Modifica" button). */
export function Card({ title, testId, actions, children }: { title: string; testId: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <div className="card-head">
        <h2 className="card-title">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** One label and value of a facts list (<dl className="facts">). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
