import { PAI_SECTION_LABEL, type PaiCompleteness } from '../../../../shared/domain/pai/completeness';

/** The completeness figure: the percent and the sections still empty. */
export function Completeness({ completeness }: { completeness: PaiCompleteness }) {
  return (
    <div className="progress pai-completeness" data-testid="pai-completeness" data-percent={completeness.percent}>
      <div className="progress-label">
        <span id="pai-completeness-label">Completezza del PAI</span>
        <span data-testid="pai-completeness-percent">{completeness.percent}%</span>
      </div>
      <progress className="progress-bar" max={100} value={completeness.percent} aria-labelledby="pai-completeness-label" />
      {completeness.missing.length > 0 && <p className="hint">Mancano: {completeness.missing.map((s) => PAI_SECTION_LABEL[s].toLowerCase()).join(', ')}.</p>}
    </div>
  );
}
