import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openApp, type OpenApp } from '../support/browserMode';
import { loginWithDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] restore tests skipped: ${skipReason}`);

/** Impostazioni, Copie di sicurezza: a backup taken, the data changed, the backup's contents seen, restored, the old data back. */
describe.skipIf(skipReason)('restoring a backup from Impostazioni', () => {
  let opened: OpenApp | null = null;
  let backups: string | null = null;

  afterEach(async () => {
    await opened?.close();
    opened = null;
    if (backups) fs.rmSync(backups, { recursive: true, force: true });
    backups = null;
  });

  const shots = (name: string, scrollTo?: string) => opened!.shots(name, scrollTo);

  it('shows what the backup holds and what it replaces, restores it, and the app shows the old data after a new login', async () => {
    opened = await openApp();
    const { page, app } = opened;
    await app.call('demo.seed', { patients: 20 });
    await loginWithDemoCard(page);
    await page.getByTestId('nav-impostazioni').click();
    const panel = page.getByTestId('backup-panel');
    await expect.poll(() => panel.count()).toBe(1);

    backups = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-e2e-ripristino-'));
    await page.getByTestId('backup-folder').fill(backups);
    await page.getByTestId('backup-folder-save').click();
    await expect.poll(() => page.getByTestId('backup-run').getAttribute('aria-disabled')).toBe('false');
    await page.getByTestId('backup-run').click();
    await expect.poll(() => panel.getByTestId('backup-done').textContent(), { timeout: 15_000 }).toMatch(/20 pazienti/);
    const [good] = fs.readdirSync(backups);
    // An older copy gone bad on the disk: listed as damaged, and its screen says why it cannot be restored.
    const damaged = 'pic-backup-2026-01-05T08-00-00-000Z';
    fs.cpSync(path.join(backups, good!), path.join(backups, damaged), { recursive: true });
    const manifest = path.join(backups, damaged, 'manifest.json');
    fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, 'utf8')), createdAt: '2026-01-05T08:00:00.000Z' }));
    fs.appendFileSync(path.join(backups, damaged, 'pic.sqlite'), 'guasto');

    // The data change after the backup.
    await app.call('demo.seed', { patients: 35 });
    await expect.poll(() => page.getByTestId('app-patient-count').textContent()).toBe('35');
    await page.getByTestId('nav-oggi').click();
    await page.getByTestId('nav-impostazioni').click();
    const rows = panel.getByTestId('backup-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    expect(await rows.nth(0).getByTestId('backup-state').textContent()).toBe('Verificata');
    expect(await rows.nth(1).getByTestId('backup-state').textContent()).toBe('Danneggiata');
    await shots('70-copie-elenco', 'backup-table');

    await rows.nth(1).getByTestId('backup-restore').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect.poll(() => dialog.getByTestId('restore-problem').textContent()).toMatch(/Danneggiata: questa copia non si può ripristinare.*danneggiata/);
    expect(await dialog.getByTestId('restore-contents').textContent()).toBe('Al momento della copia conteneva 20 pazienti, 0 arruolamenti e 0 documenti.');
    expect(await dialog.getByTestId('restore-confirm').count()).toBe(0);
    await shots('71-ripristino-copia-danneggiata');
    await dialog.getByTestId('restore-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);

    await rows.nth(0).getByTestId('backup-restore').click();
    await expect.poll(() => dialog.getByTestId('restore-contents').textContent()).toBe('Questo backup contiene 20 pazienti, 0 arruolamenti e 0 documenti.');
    expect(await dialog.getByTestId('restore-warning').textContent()).toMatch(/Ora l'archivio contiene 35 pazienti.*backups\/replaced-/);
    expect(await dialog.getByTestId('restore-verified').textContent()).toMatch(/Integra/);
    expect(await dialog.getByTestId('restore-facts').textContent()).toMatch(/PiC Studio \d+\.\d+\.\d+, schema del database \d+/);
    // The button waits for the box to be ticked.
    expect(await dialog.getByTestId('restore-confirm').getAttribute('aria-disabled')).toBe('true');
    await dialog.getByTestId('restore-understood').check();
    expect(await dialog.getByTestId('restore-confirm').getAttribute('aria-disabled')).toBe('false');
    await shots('72-ripristino-contenuto');
    await dialog.getByTestId('restore-confirm').click();

    // The archive is the backup's: the session ends, the lock screen says what it holds and where the old data are.
    const message = page.getByTestId('lock-message');
    // The logout that ends the session locks the screen first; the restore's own message follows it.
    await expect.poll(() => message.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toMatch(/Archivio ripristinato dalla copia del .*: 20 pazienti.*backups\/replaced-.*digitare di nuovo il PIN/);
    expect(await page.getByTestId('app-session').count()).toBe(0);
    await shots('73-ripristino-completato');
    const replaced = fs.readdirSync(path.join(app.dataDir, 'backups')).filter((n) => n.startsWith('replaced-'));
    expect(replaced).toHaveLength(1);

    // The card is still in: its PIN again, and every page reads the restored archive.
    await page.getByTestId('pin-input').fill('12345678');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('app-patient-count').textContent()).toBe('20');
    expect(await page.getByTestId('status-patient-count').textContent()).toMatch(/20 pazienti/);
    await page.getByTestId('nav-pazienti').click();
    await page.getByTestId('nav-impostazioni').click();
    await expect.poll(() => panel.getByTestId('backup-row').count()).toBe(2);
    expect(opened.problems).toEqual([]);
  });
});
