import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openExistingDatabase } from '../../main/store/database';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openApp, type OpenApp } from '../support/browserMode';
import { insertDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] operator tests skipped: ${skipReason}`);

const SIZES = [
  [1280, 720],
  [1366, 768],
] as const;
const CASE_MANAGER_CF = 'RSSLRA80A41F205A';

/** Operators and roles in the UI: the first MMG of a new archive, the administrator's panel, the secretary's narrower app. */
describe.skipIf(skipReason)('operators and roles in the UI', () => {
  let opened: OpenApp | null = null;

  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  async function loginAs(page: OpenApp['page'], image: string, pin: string): Promise<void> {
    await insertDemoCard(page, 0, image);
    await expect.poll(() => page.getByTestId('pin-input').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('pin-input').fill(pin);
    await page.getByTestId('pin-submit').click();
  }

  it('a new archive: the first card confirms he is the MMG, then adds and disables operators', async () => {
    opened = await openApp();
    const { page } = opened;
    // As a studio's archive starts: no operator registered yet.
    const db = openExistingDatabase(opened.app.dataDir);
    db.exec('DELETE FROM operators');
    db.close();

    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
    await loginAs(page, 'operator-mmg', '12345678');
    await expect.poll(() => page.getByTestId('claim-administrator').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('claim-administrator').textContent()).toMatch(/Bianchi.*confermi di essere il medico/i);
    expect(await page.getByTestId('nav-oggi').count()).toBe(0);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await opened.shot(`60-primo-accesso-${width}x${height}`);
    }
    await page.getByTestId('claim-confirm').click();
    await expect.poll(() => page.getByTestId('nav-impostazioni').count(), { timeout: 15_000 }).toBe(1);

    await page.getByTestId('nav-impostazioni').click();
    const panel = page.getByTestId('operators-panel');
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.getByTestId('operators-table').textContent()).toMatch(/Bianchi.*\(voi\)/i);
    // A malformed codice fiscale is refused in Italian, nothing added.
    await page.getByTestId('operator-cf').fill('RSSLRA80A41F205X');
    await page.getByTestId('operator-add').click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/codice fiscale/i);
    await page.getByTestId('operator-cf').fill(CASE_MANAGER_CF);
    await page.getByTestId('operator-name').fill('Rossi Laura');
    await page.getByTestId('operator-new-role').selectOption('case_manager');
    await page.getByTestId('operator-add').click();
    await expect.poll(() => panel.getByTestId(`operator-${CASE_MANAGER_CF}`).count()).toBe(1);
    await panel.getByTestId(`operator-${CASE_MANAGER_CF}`).getByTestId('operator-disable').click();
    await expect.poll(() => panel.getByTestId(`operator-${CASE_MANAGER_CF}`).getAttribute('data-disabled')).toBe('true');
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await panel.scrollIntoViewIfNeeded();
      await opened.shot(`61-operatori-${width}x${height}`);
    }

    // A copy of the archive to a folder outside the data folder, on demand, listed with what it holds.
    const backups = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-e2e-copie-'));
    const backup = page.getByTestId('backup-panel');
    await page.getByTestId('backup-folder').fill(backups);
    await page.getByTestId('backup-folder-save').click();
    await page.getByTestId('backup-run').click();
    await expect.poll(() => backup.getByTestId('backup-done').textContent(), { timeout: 15_000 }).toMatch(/Copia eseguita e verificata/);
    // The list is read again after the copy's answer: it may come a moment after the notice.
    await expect.poll(() => backup.getByTestId('backup-table').locator('tbody tr').count()).toBe(1);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await backup.scrollIntoViewIfNeeded();
      await opened.shot(`63-copie-${width}x${height}`);
    }
    fs.rmSync(backups, { recursive: true, force: true });
    expect(opened.problems).toEqual([]);
  });

  it("the secretary sees the front desk's pages, reads the studio's data, and none of the MMG's controls", async () => {
    opened = await openApp();
    const { page } = opened;
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
    await loginAs(page, 'operator-segretaria', '1234');
    await expect.poll(() => page.getByTestId('nav-operator').textContent(), { timeout: 15_000 }).toMatch(/Segreteria/);
    expect(await page.getByTestId('nav-accoglienza').count()).toBe(1);
    await page.getByTestId('nav-impostazioni').click();
    await expect.poll(() => page.getByTestId('studio-readonly').count()).toBe(1);
    expect(await page.getByTestId('operators-panel').count()).toBe(0);
    expect(await page.getByTestId('plugins-panel').count()).toBe(0);
    expect(await page.getByTestId('studio-save').count()).toBe(0);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await opened.shot(`62-impostazioni-segreteria-${width}x${height}`);
    }
    // The core refuses her the MMG's calls whatever the page does.
    await expect(opened.app.call('operators.list')).rejects.toThrow(/forbidden/);
    expect(opened.problems).toEqual([]);
  });
});
