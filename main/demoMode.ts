import { AppError } from '../shared/errors';
import { clockFor, type Clock, type ClockRequest } from './clock';
import { peekDataDirKind, type DataDirKind } from './store/database';
import type { KeyStore } from './store/keys';

/**
 * Demo mode keeps fake patients, virtual cards and shifted clocks out of a studio's archive: they
 * exist only in a data folder created as a demo's (see DataDirKind).
 */
export class DemoOnlyError extends AppError {
  constructor(what: string, cosa: string, dataDir: string, isNew = false) {
    super(
      'demo-only',
      `${what} is for demo data folders only; ${dataDir} ${isNew ? 'would become' : 'is'} a studio's archive (a demo folder is made by \`pic demo start --data-dir NEW_DIR\`)`,
      `${cosa}: disponibile solo in modalità dimostrativa. La cartella dei dati ${dataDir} ${isNew ? 'diventerebbe' : 'è'} l'archivio dello studio, che non può ricevere dati dimostrativi.`,
    );
  }
}

export function assertDemo(kind: DataDirKind | 'new', dataDir: string, what: string, cosa: string): void {
  if (kind !== 'demo') throw new DemoOnlyError(what, cosa, dataDir, kind === 'new');
}

/**
 * The kind a folder is opened as: a demo's (`pic demo …`, `--demo`) must be one already, or new;
 * a studio's archive is never turned into a demo. Checked without opening the folder.
 */
export function kindToOpen(dataDir: string, demo: boolean, keys?: KeyStore): DataDirKind {
  if (!demo) return 'clinic';
  const kind = peekDataDirKind(dataDir, keys);
  if (kind === 'clinic') assertDemo(kind, dataDir, 'demo mode', 'La modalità dimostrativa');
  return 'demo';
}

/**
 * The clock a command asked for. A demo clock (PIC_NOW, --now) is refused on a studio's archive,
 * and on a new folder unless it is being created as a demo's: checked before the folder is
 * opened, so a refusal writes nothing.
 */
export function clockForDataDir(request: ClockRequest | null, dataDir: string, createAs: DataDirKind, keys?: KeyStore): Clock {
  const clock = clockFor(request);
  if (request === null) return clock;
  const kind = peekDataDirKind(dataDir, keys);
  assertDemo(kind === 'new' && createAs === 'demo' ? 'demo' : kind, dataDir, 'a demo clock (PIC_NOW or --now)', "L'orologio dimostrativo (PIC_NOW o --now)");
  return clock;
}
