import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openExistingDatabase } from '../../main/store/database';
import { defaultKeyDir, KEY_ID_FILE } from '../../main/store/keys';
import { openApp, type OpenApp } from '../support/browserMode';
import { pic } from '../support/cli';
import { loginWithDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] recovery key tests skipped: ${skipReason}`);

/** Impostazioni, Copie di sicurezza, Chiave di ripristino: the key saved and shown; a backup of another PC's archive restored once its key is loaded. */
describe.skipIf(skipReason)('the recovery key in Impostazioni', () => {
  let opened: OpenApp | null = null;
  const made: string[] = [];

  afterEach(async () => {
    await opened?.close();
    opened = null;
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const temp = (prefix: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };

  const shots = (name: string, scrollTo?: string) => opened!.shots(name, scrollTo);

  it('saves the key as its file, shows it for paper after asking, and loads the old PC\'s key so that its backup restores', async () => {
    // The old PC: its own archive and key folder, a backup on the USB disk, its key saved apart.
    const backups = temp('pic-e2e-usb-');
    const oldKeys = temp('pic-e2e-old-keys-');
    const oldData = temp('pic-e2e-old-pc-');
    const oldPc = { env: { PIC_KEY_DIR: oldKeys } };
    expect(pic(['demo', 'seed', '--patients', '7', '--data-dir', oldData], oldPc).status).toBe(0);
    expect(pic(['backup', '--to', backups, '--data-dir', oldData], oldPc).status).toBe(0);
    const oldKeyId = fs.readFileSync(path.join(oldData, KEY_ID_FILE), 'utf8').trim();
    const oldKeyFile = path.join(temp('pic-e2e-key-stick-'), `${oldKeyId}.key`);
    expect(pic(['key', 'export', '--to', oldKeyFile, '--data-dir', oldData], oldPc).status).toBe(0);

    opened = await openApp();
    const { page, app } = opened;
    await app.call('demo.seed', { patients: 20 });
    await loginWithDemoCard(page);
    await page.getByTestId('nav-impostazioni').click();
    const panel = page.getByTestId('backup-panel');
    await expect.poll(() => panel.count()).toBe(1);
    await page.getByTestId('backup-folder').fill(backups);
    await page.getByTestId('backup-folder-save').click();
    await expect.poll(() => panel.getByTestId('backup-row').count(), { timeout: 15_000 }).toBe(1);

    const section = panel.getByTestId('recovery-key');
    expect(await section.textContent()).toMatch(/senza questa chiave nessuna copia si può leggere.*non sul loro disco.*sotto chiave, come le chiavi dello studio/);
    await shots('80-chiave-di-ripristino', 'recovery-key');

    // Saved as its file: in browser mode, a download of the key folder's own file.
    const keyId = fs.readFileSync(path.join(app.dataDir, KEY_ID_FILE), 'utf8').trim();
    const [download] = await Promise.all([page.waitForEvent('download'), section.getByTestId('recovery-key-save').click()]);
    expect(download.suggestedFilename()).toBe(`${keyId}.key`);
    const ownKeyFile = path.join(temp('pic-e2e-download-'), download.suggestedFilename());
    await download.saveAs(ownKeyFile);
    const keyText = fs.readFileSync(path.join(defaultKeyDir(), `${keyId}.key`), 'utf8');
    expect(fs.readFileSync(ownKeyFile, 'utf8')).toBe(keyText);
    await expect.poll(() => section.getByTestId('recovery-key-done').textContent()).toMatch(new RegExp(`scaricata come «${keyId}\\.key».*Spostarla subito su una chiavetta`));

    // Shown for paper only once asked and confirmed.
    await section.getByTestId('recovery-key-show').click();
    const confirm = page.getByTestId('recovery-key-confirm');
    await expect.poll(() => confirm.textContent()).toMatch(/Mostrare la chiave sullo schermo\?.*può leggere i dati di tutti i pazienti/);
    await shots('81-chiave-conferma');
    await confirm.getByTestId('recovery-key-confirm-yes').click();
    const groups = section.getByTestId('recovery-key-groups').locator('li');
    await expect.poll(() => groups.count()).toBe(16);
    expect((await groups.allTextContents()).join('').toLowerCase()).toBe(keyText.trim());
    expect(await section.getByTestId('recovery-key-shown').textContent()).toContain(`${keyId}.key`);
    await shots('82-chiave-su-carta', 'recovery-key-shown');
    await section.getByTestId('recovery-key-hide').click();
    await expect.poll(() => section.getByTestId('recovery-key-shown').count()).toBe(0);

    // Each time the key left, the audit log says so, under the MMG's card.
    const db = openExistingDatabase(app.dataDir, { readonly: true });
    try {
      const exported = db.prepare("SELECT operator_cf AS operatorCf, detail FROM audit_log WHERE action = 'key.export' ORDER BY id").all();
      expect(exported).toEqual([
        { operatorCf: 'BNCGLI75A41F205I', detail: JSON.stringify({ way: 'download' }) },
        { operatorCf: 'BNCGLI75A41F205I', detail: JSON.stringify({ way: 'paper' }) },
      ]);
    } finally {
      db.close();
    }

    // The old PC's backup: its key is not here; the wrong key is refused, the right one loaded.
    const row = panel.getByTestId('backup-row').first();
    expect(await row.getByTestId('backup-state').textContent()).toBe('Manca la chiave');
    await row.getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect.poll(() => dialog.getByTestId('restore-problem').getAttribute('data-code')).toBe('backup-key-missing');
    await shots('83-ripristino-manca-la-chiave');

    await dialog.getByTestId('recovery-key-file').setInputFiles(ownKeyFile);
    await expect.poll(() => dialog.getByTestId('error-message').textContent(), { timeout: 15_000 }).toMatch(
      new RegExp(`Questa chiave non apre questa copia di sicurezza.*identificativo ${oldKeyId}.*Nessuna chiave è stata salvata`),
    );
    expect(fs.existsSync(path.join(defaultKeyDir(), `${oldKeyId}.key`))).toBe(false);
    await shots('84-ripristino-chiave-sbagliata', 'error-message');

    await dialog.getByTestId('recovery-key-file').setInputFiles(oldKeyFile);
    await expect.poll(() => dialog.getByTestId('restore-key').textContent(), { timeout: 15_000 }).toMatch(/caricata ora, apre questa copia ed è salvata su questo computer/);
    await expect.poll(() => dialog.getByTestId('restore-contents').textContent()).toBe('Questo backup contiene 7 pazienti, 0 arruolamenti e 0 documenti.');
    expect(await dialog.getByTestId('restore-problem').count()).toBe(0);
    expect(fs.readFileSync(path.join(defaultKeyDir(), `${oldKeyId}.key`), 'utf8')).toBe(fs.readFileSync(oldKeyFile, 'utf8'));
    // The uploaded copy of the key is gone from the data folder.
    await expect.poll(() => fs.readdirSync(path.join(app.dataDir, 'uploads'))).toEqual([]);
    await shots('85-ripristino-chiave-caricata');

    await dialog.getByTestId('restore-understood').check();
    await dialog.getByTestId('restore-confirm').click();
    const message = page.getByTestId('lock-message');
    // The logout that ends the session locks the screen first; the restore's own message follows it.
    await expect.poll(() => message.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toMatch(/Archivio ripristinato dalla copia del .*: 7 pazienti/);
    expect(opened.problems).toEqual([]);
  });
});
