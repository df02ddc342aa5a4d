import type { ChronicLevel } from '../../../shared/domain/chronicLevel';
import { levelDescription, levelShort } from '../format';

/** The chronic level as a coloured label ("Livello 2"), with its explanation as a tooltip unless `plain`. */
export function LevelBadge({ level, plain = false }: { level: ChronicLevel | null; plain?: boolean }) {
  return (
    <span className={`level level-${level ?? 'none'}`} title={plain ? undefined : levelDescription(level)}>
      {levelShort(level)}
    </span>
  );
}
