import type { EventPayload } from '../../shared/api';
import type { BackupContents, BackupProblem } from '../../shared/contract/backup';
import { formatTimestamp } from './dateInput';
import { formatCount } from './format';

/** What Impostazioni says of a backup and of putting it back: the texts, apart from the screen. */

interface Counts {
  patients: number;
  enrollments: number;
  documents: number;
}

const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${formatCount(n)} ${many}`);

/** "40 pazienti, 3 arruolamenti e 1 documento". */
export function countsText(c: Counts): string {
  return `${counted(c.patients, 'paziente', 'pazienti')}, ${counted(c.enrollments, 'arruolamento', 'arruolamenti')} e ${counted(c.documents, 'documento', 'documenti')}`;
}

/** The badge styles of the list (tag-ok, tag-expired). */
export interface BackupState {
  label: string;
  tone: 'ok' | 'expired';
}

/** The state column of the list, and the title over the reason in the restore screen. */
export function backupState(problem: BackupProblem | null): BackupState {
  if (!problem) return { label: 'Verificata', tone: 'ok' };
  switch (problem.code) {
    case 'backup-damaged':
    case 'backup-unreadable':
      return { label: 'Danneggiata', tone: 'expired' };
    case 'backup-key-missing':
      return { label: 'Manca la chiave', tone: 'expired' };
    case 'backup-too-new':
      return { label: 'Versione più recente', tone: 'expired' };
    default:
      return { label: 'Non ripristinabile', tone: 'expired' };
  }
}

/** "Questo backup contiene 40 pazienti, …"; of a backup that did not check, only what its manifest says it held. */
export function contentsText(b: BackupContents): string {
  return b.problem ? `Al momento della copia conteneva ${countsText(b)}.` : `Questo backup contiene ${countsText(b)}.`;
}

/** Whose key the backup is encrypted with: this archive's, or the one of the archive it came from. */
export function keyText(b: BackupContents): string {
  if (b.problem?.code === 'backup-key-missing') return 'Di un altro archivio: la sua chiave non è su questo computer (vedere sotto).';
  if (b.keyMatches) return 'Di questo archivio: la stessa chiave.';
  return "Di un altro archivio (ad esempio del computer di prima): la sua chiave è su questo computer.";
}

/** "PiC Studio 0.1.0, schema 12" (the first backups did not record the version). */
export function versionText(b: BackupContents): string {
  return b.appVersion ? `PiC Studio ${b.appVersion}, schema del database ${b.schemaVersion}` : `Schema del database ${b.schemaVersion}`;
}

/** What a restore does to the data on screen now, said before it is confirmed. */
export function replaceWarning(b: BackupContents): string {
  return (
    `Ora l'archivio contiene ${countsText(b.current)}: saranno sostituiti da quelli della copia del ${formatTimestamp(b.createdAt)}. ` +
    'I dati attuali non vanno persi: sono conservati a parte, nella cartella dei dati, in backups/replaced-… (con la data e l\'ora del ripristino). ' +
    'Dopo il ripristino occorre accedere di nuovo con la carta operatore e il PIN.'
  );
}

/** "backups/replaced-…" of a path in the data folder (Impostazioni shows the folder itself). */
function inDataFolder(file: string): string {
  return file.split(/[\\/]/).slice(-2).join('/');
}

/** The lock screen after a restore: what the archive holds now, where the old data are, and what to do. */
export function restoredMessage(p: EventPayload<'backup.restored'>): string {
  return (
    `Archivio ripristinato dalla copia del ${formatTimestamp(p.createdAt)}: ${countsText(p)}. ` +
    (p.replaced ? `I dati sostituiti sono conservati nella cartella dei dati, in ${inDataFolder(p.replaced)}. ` : '') +
    'Per continuare digitare di nuovo il PIN.'
  );
}
