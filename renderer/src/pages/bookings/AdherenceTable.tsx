import type { ReactNode } from 'react';
import { percentText, type Figures } from '../../bookings';

export interface AdherenceRow {
  key: string;
  label: ReactNode;
  figures: Figures;
}

/** Planned, prescribed, booked, performed, overdue and the percent, one row each. */
export function AdherenceTable({ rows, subject, testId }: { rows: AdherenceRow[]; subject: string; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{subject}</th>
            <th scope="col" className="num">Previste</th>
            <th scope="col" className="num">Prescritte</th>
            <th scope="col" className="num">Prenotate</th>
            <th scope="col" className="num">Eseguite</th>
            <th scope="col" className="num">In ritardo</th>
            <th scope="col" className="num">Aderenza</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${testId}-row`}>
              <td>{r.label}</td>
              <td className="num">{r.figures.planned}</td>
              <td className="num">{r.figures.prescribed}</td>
              <td className="num">{r.figures.booked}</td>
              <td className="num">{r.figures.performed}</td>
              <td className="num">{r.figures.overdue}</td>
              <td className="num strong">{percentText(r.figures.percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
