import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, type OpenApp } from '../support/browserMode';
import { loginWithDemoCard } from '../support/demoLogin';

// The operator card is the login: without pcscd and vpcd nobody gets past the lock screen.
const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] browser tests skipped: ${skipReason}`);

/** The built app in browser mode, driven in Debian's Chromium the way a secretary would use it. */
describe.skipIf(skipReason)('PiC Studio in the browser', () => {
  let opened: OpenApp;
  let page: Page;
  let shot: OpenApp['shot'];

  beforeAll(async () => {
    opened = await openApp();
    ({ page, shot } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('lets the operator in with the demo operator card and its PIN', async () => {
    await loginWithDemoCard(page);
  });

  it('opens the Italian shell with every section and an honest status bar', async () => {
    for (const section of ['accoglienza', 'richiami', 'pazienti', 'arruolamento', 'pai', 'prenotazioni', 'importazione', 'sincronizzazione', 'impostazioni']) {
      await expect.poll(() => page.getByTestId(`nav-${section}`).count()).toBe(1);
    }
    const status = page.getByTestId('status-bar');
    await expect.poll(() => page.getByTestId('status-sync').textContent()).toMatch(/Centro Servizi: non configurato/);
    await expect.poll(() => page.getByTestId('status-operator').textContent()).toMatch(/Bianchi Giulia/);
    expect(await status.textContent()).toMatch(/Virtual PCD|Lettore/);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    await page.getByTestId('nav-sincronizzazione').click();
    await expect.poll(() => page.getByTestId('sync-not-configured').textContent()).toMatch(/Centro Servizi non configurato/);
    await shot('01-shell');
  });

  it('seeds demo patients from Impostazioni, showing progress and the result', async () => {
    await page.getByTestId('nav-impostazioni').click();
    await page.getByTestId('seed-count').fill('3000');
    await page.getByTestId('seed-button').click();
    await expect.poll(() => page.getByTestId('seed-result').textContent(), { timeout: 30_000 }).toMatch(/3\.?000/);
    await expect.poll(() => page.getByTestId('seed-progress').count()).toBeGreaterThan(0);
    await shot('02-impostazioni-seeded');
  });

  it('finds a patient as the user types and opens the detail', async () => {
    await page.getByTestId('nav-pazienti').click();
    const search = page.getByTestId('patient-search');
    await search.pressSequentially('ros', { delay: 60 });
    const rows = page.getByTestId('patient-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const names = await page.getByTestId('patient-results').textContent();
    expect(names).toMatch(/Ros/);
    await shot('03-pazienti-search');
    const cf = await rows.first().getAttribute('data-cf');
    expect(cf).toMatch(/^[A-Z0-9]{16}$/);
    await rows.first().click();
    await expect.poll(() => page.getByTestId('patient-detail-cf').textContent()).toContain(cf!);
    const detail = await page.getByTestId('patient-detail').textContent();
    expect(detail).toMatch(/Livello [123]/);
    await shot('04-paziente-dettaglio');
  });

  it('explains a mistyped codice fiscale in Italian instead of showing nothing', async () => {
    await page.getByTestId('nav-pazienti').click();
    const search = page.getByTestId('patient-search');
    await search.fill('RSSMRA85T10A562X');
    await expect.poll(() => page.getByTestId('error-message').textContent()).toMatch(/carattere di controllo/);
    await shot('05-errore-codice-fiscale');
  });

  it('ran without console errors or Content-Security-Policy violations', () => {
    expect(opened.problems).toEqual([]);
  });
});
