import { describe, expect, it } from 'vitest';
import type { BackupContents } from '../../shared/contract/backup';
import { backupState, contentsText, countsText, keyText, replaceWarning, restoredMessage, versionText } from './restore';

const contents: BackupContents = {
  name: 'pic-backup-2026-11-23T09-00-00-000Z',
  path: '/media/usb/copie/pic-backup-2026-11-23T09-00-00-000Z',
  createdAt: '2026-11-23T09:00:00.000Z',
  schemaVersion: 12,
  patients: 1250,
  enrollments: 1,
  documents: 0,
  problem: null,
  appVersion: '0.1.0',
  sizeBytes: 5_200_000,
  keyMatches: true,
  current: { patients: 1, enrollments: 2, documents: 1 },
};

describe('the restore screen in Impostazioni', () => {
  it('says what a backup holds, in the singular for one', () => {
    expect(contentsText(contents)).toBe('Questo backup contiene 1.250 pazienti, 1 arruolamento e 0 documenti.');
    expect(contentsText({ ...contents, problem: { code: 'backup-damaged', message: '' } })).toBe('Al momento della copia conteneva 1.250 pazienti, 1 arruolamento e 0 documenti.');
    expect(countsText(contents.current)).toBe('1 paziente, 2 arruolamenti e 1 documento');
  });

  it('names the state of each backup by its problem', () => {
    expect(backupState(null)).toEqual({ label: 'Verificata', tone: 'ok' });
    expect(backupState({ code: 'backup-damaged', message: '' }).label).toBe('Danneggiata');
    expect(backupState({ code: 'backup-unreadable', message: '' }).label).toBe('Danneggiata');
    expect(backupState({ code: 'backup-key-missing', message: '' }).label).toBe('Manca la chiave');
    expect(backupState({ code: 'backup-too-new', message: '' }).label).toBe('Versione più recente');
    expect(backupState({ code: 'anything-else', message: '' })).toEqual({ label: 'Non ripristinabile', tone: 'expired' });
  });

  it('says which key the backup opens with, and the version that took it', () => {
    expect(keyText(contents)).toBe('Di questo archivio: la stessa chiave.');
    expect(keyText({ ...contents, keyMatches: false })).toMatch(/^Di un altro archivio .*: la sua chiave è su questo computer/);
    expect(keyText({ ...contents, keyMatches: false, problem: { code: 'backup-key-missing', message: '' } })).toMatch(/la sua chiave non è su questo computer/);
    expect(versionText(contents)).toBe('PiC Studio 0.1.0, schema del database 12');
    expect(versionText({ ...contents, appVersion: null })).toBe('Schema del database 12');
  });

  it('warns what the restore replaces and where the replaced data stay, before it is confirmed', () => {
    const warning = replaceWarning(contents);
    expect(warning).toContain("Ora l'archivio contiene 1 paziente, 2 arruolamenti e 1 documento");
    expect(warning).toContain('copia del 23/11/2026 10:00');
    expect(warning).toContain('backups/replaced-');
    expect(warning).toMatch(/accedere di nuovo con la carta operatore/);
  });

  it('tells the lock screen what the archive holds now and where in the data folder the old data are', () => {
    const restored = { createdAt: contents.createdAt, patients: 40, enrollments: 0, documents: 2 };
    expect(restoredMessage({ ...restored, replaced: '/home/studio/.config/PiC Studio/backups/replaced-2026-11-24T08-00-00-000Z' })).toBe(
      'Archivio ripristinato dalla copia del 23/11/2026 10:00: 40 pazienti, 0 arruolamenti e 2 documenti. I dati sostituiti sono conservati nella cartella dei dati, in backups/replaced-2026-11-24T08-00-00-000Z. Per continuare digitare di nuovo il PIN.',
    );
    expect(restoredMessage({ ...restored, replaced: 'C:\\Users\\studio\\AppData\\Roaming\\PiC Studio\\backups\\replaced-x' })).toContain('in backups/replaced-x.');
  });
});
