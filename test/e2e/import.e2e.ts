import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import { openApp, type OpenApp } from '../support/browserMode';
import { loginWithDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] import page skipped: ${skipReason}`);

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'imports');

/** Importazione in the UI: preview, a run with progress and report, the same again, undo. */
describe.skipIf(skipReason)('importing patients from the UI', () => {
  let opened: OpenApp;
  let page: Page;
  let shot: OpenApp['shot'];
  let bigCsv = '';

  beforeAll(async () => {
    opened = await openApp();
    ({ page, shot } = opened);
    bigCsv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pic-e2e-csv-')), 'lista-ats-grande.csv');
    const lines = ['Codice fiscale;Cognome;Nome;Data di nascita;Sesso;Livello;Patologie;Tipo lettera'];
    for (let i = 0; i < 30_000; i++) {
      const birthDate = addDays('1930-01-01', i);
      lines.push(`${computeCodiceFiscale({ surname: 'Galli', givenName: 'Pietro', sex: 'M', birthDate, birthPlaceCode: 'G388' })};GALLI;PIETRO;${birthDate.split('-').reverse().join('/')};M;3;56;2`);
    }
    fs.writeFileSync(bigCsv, lines.join('\n'));
  });

  afterAll(async () => {
    await opened?.close();
    fs.rmSync(path.dirname(bigCsv), { recursive: true, force: true });
  });

  /** The ATS list adapter, and the file chosen in the page's file input (uploaded: browser mode). */
  const chooseAtsList = async (file: string) => {
    await page.getByTestId('nav-importazione').click();
    await page.getByTestId('import-adapter-ats-list').check();
    await chooseFile(file);
  };
  const chooseFile = async (file: string) => {
    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('import-file-chosen').getAttribute('data-file'), { timeout: 20_000 }).toBe(path.basename(file));
  };

  it('previews the Windows-1252 ATS list with what each row would become', async () => {
    await loginWithDemoCard(page);
    await page.getByTestId('nav-importazione').click();
    await page.getByTestId('import-adapter-ats-list').check();
    // Nothing chosen yet: the preview asks for the file, on the button that chooses it.
    await page.getByTestId('import-preview-button').click();
    await expect.poll(() => page.getByTestId('import-field-error').textContent()).toBe('Scegliere il file da importare.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-choose-file');
    await page.getByTestId('import-source').scrollIntoViewIfNeeded();
    await shot('29-importazione-scelta-file');
    await chooseAtsList(path.join(FIXTURES, 'ats-list-1252.csv'));
    expect(await page.getByTestId('import-file-chosen').textContent()).toBe('ats-list-1252.csv (826 byte)');
    expect(await page.getByTestId('import-field-error').count()).toBe(0);
    await page.getByTestId('import-preview-button').click();
    await expect.poll(() => page.getByTestId('import-preview-row').count()).toBeGreaterThan(3);
    const outcomes = await page.getByTestId('import-preview-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(outcomes).toContain('create');
    expect(outcomes).toContain('reject');
    expect(await page.getByTestId('import-preview').textContent()).toMatch(/NICOLÒ/);
    await shot('30-importazione-anteprima');
  });

  it("shows an upload's progress, and stopping it keeps the file chosen before", async () => {
    // The server's answer held back: the page waits with the bytes sent.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/upload', async (route) => {
      await held;
      await route.abort().catch(() => undefined);
    });
    await page.getByTestId('import-file').setInputFiles(bigCsv);
    await expect.poll(() => page.getByTestId('import-upload-progress').count()).toBe(1);
    expect(await page.getByTestId('import-upload-progress').textContent()).toMatch(/Caricamento di «lista-ats-grande\.csv»: .+ di 1,5 MB/);
    await page.getByTestId('import-source').scrollIntoViewIfNeeded();
    await shot('29a-importazione-caricamento');
    await page.getByTestId('import-upload-cancel').click();
    await expect.poll(() => page.getByTestId('import-upload-progress').count()).toBe(0);
    expect(await page.getByTestId('import-file-chosen').getAttribute('data-file')).toBe('ats-list-1252.csv');
    expect(await page.getByTestId('import-field-error').count()).toBe(0);
    release();
    await page.unroute('**/upload');
  });

  it('imports a large list showing progress, then the report', async () => {
    await chooseAtsList(bigCsv);
    await page.getByTestId('import-run-button').click();
    await expect.poll(() => page.getByTestId('import-progress').count(), { timeout: 20_000 }).toBe(1);
    await shot('31-importazione-in-corso');
    await expect.poll(() => page.getByTestId('import-result').getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await page.getByTestId('import-result-created').textContent()).toMatch(/30[.\s]?000/);
    await shot('32-importazione-risultato');
  });

  it('importing the same list again, chosen again, changes nothing', async () => {
    // The import spent the upload: the page asks for the file anew.
    expect(await page.getByTestId('import-file-chosen').getAttribute('data-file')).toBe('');
    await chooseFile(bigCsv);
    await page.getByTestId('import-run-button').click();
    await expect.poll(() => page.getByTestId('import-result-unchanged').textContent(), { timeout: 120_000 }).toMatch(/30[.\s]?000/);
    expect(await page.getByTestId('import-result-created').textContent()).toMatch(/\b0\b/);
  });

  it('a dry run is called a trial while it runs, and can be stopped like an import', async () => {
    await chooseFile(bigCsv);
    await page.getByTestId('import-dry-run').check();
    expect(await page.getByTestId('import-run-button').textContent()).toBe('Prova');
    await page.getByTestId('import-run-button').click();
    await expect.poll(() => page.getByTestId('import-run-button').textContent()).toBe('Prova in corso…');
    expect(await page.getByTestId('import-running').textContent()).toMatch(/Prova in corso/);
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-result').getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled');
    expect(await page.getByTestId('import-result').getAttribute('data-dry-run')).toBe('true');
    await page.getByTestId('import-dry-run').uncheck();
  });

  it('an import left for another page is still there, with its result, when coming back', async () => {
    await page.getByTestId('import-run-button').click();
    await expect.poll(() => page.getByTestId('import-running').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('nav-oggi').click();
    await page.getByTestId('nav-importazione').click();
    // The trial left the file chosen; the page shows it still, while the import runs.
    expect(await page.getByTestId('import-file-chosen').getAttribute('data-file')).toBe('lista-ats-grande.csv');
    await expect.poll(() => page.getByTestId('import-result').getAttribute('data-status'), { timeout: 120_000 }).toBe('done');
    expect(await page.getByTestId('import-result-unchanged').textContent()).toMatch(/30[.\s]?000/);
  });

  it('explains an HTML page saved as .xlsx in Italian', async () => {
    await chooseAtsList(path.join(FIXTURES, 'fake.xlsx'));
    await page.getByTestId('import-preview-button').click();
    await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/HTML/);
  });

  it('undoes the first large run from the history', async () => {
    const firstRun = page.locator('[data-testid="import-history-row"][data-status="done"]').last();
    await firstRun.getByTestId('import-undo').click();
    await page.getByTestId('import-undo-confirm').click();
    await expect.poll(() => page.getByTestId('import-undo-result').count(), { timeout: 60_000 }).toBe(1);
    await shot('33-importazione-annullata');
  });

  it('ran without console errors', () => {
    expect(opened.problems).toEqual([]);
  });
});
