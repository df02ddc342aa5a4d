import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, type OpenApp } from '../support/browserMode';
import { insertDemoCard, removeDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] card tests skipped: ${skipReason}`);

/**
 * The two-card session in the UI, on the real stack: the server's demo mode puts virtual cards
 * into vpcd's readers, pcscd reports them, the app reads them through pcsclite.
 */
describe.skipIf(skipReason)('smart cards in the UI', () => {
  let opened: OpenApp;
  let page: Page;
  let shot: OpenApp['shot'];
  const authorization = () => page.getByTestId('status-authorization').getAttribute('data-available');

  beforeAll(async () => {
    opened = await openApp();
    ({ page, shot } = opened);
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('is locked until the operator card and its PIN; a wrong PIN says how many tries are left', async () => {
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('nav-pazienti').count()).toBe(0);
    await shot('10-accesso-bloccato');
    await insertDemoCard(page, 0, 'operator-mmg');
    await expect.poll(() => page.getByTestId('pin-input').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('pin-input').fill('11112222');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('pin-error').textContent()).toMatch(/PIN errato\. Tentativi rimasti: 2/);
    await shot('11-pin-errato');
    expect(await page.getByTestId('lock-screen').count()).toBe(1);
    await page.getByTestId('pin-input').fill('12345678');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('lock-screen').count()).toBe(0);
    await expect.poll(() => page.getByTestId('status-operator').textContent()).toMatch(/Bianchi Giulia/);
  });

  it('opens the patient when a Tessera Sanitaria is inserted (creating it from the card), and authorizes', async () => {
    await page.getByTestId('nav-impostazioni').click();
    await insertDemoCard(page, 1, 'ts-rossi-mario');
    await expect.poll(() => page.getByTestId('card-patient-dialog').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('card-patient-cf').textContent()).toMatch(/^RSSMRA/);
    await shot('12-tessera-nuovo-paziente');
    await page.getByTestId('card-patient-create').click();
    await expect.poll(() => page.getByTestId('patient-detail-cf').textContent()).toMatch(/^RSSMRA/);
    await expect.poll(() => page.getByTestId('patient-card-present').count()).toBe(1);
    await expect.poll(authorization).toBe('true');
    await shot('13-paziente-da-tessera');
  });

  it('withdraws the authorization the moment the Tessera Sanitaria is pulled', async () => {
    await page.getByTestId('nav-impostazioni').click();
    await removeDemoCard(page, 1);
    await expect.poll(authorization, { timeout: 10_000 }).toBe('false');
    expect(await page.getByTestId('status-authorization').textContent()).toMatch(/Tessera Sanitaria/);
  });

  it('shows an expired Tessera Sanitaria as expired, unable to authorize', async () => {
    await insertDemoCard(page, 1, 'ts-expired');
    await expect.poll(() => page.getByTestId('patient-card-expired').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('patient-card-expired').first().textContent()).toMatch(/Tessera scaduta il \d{2}\/\d{2}\/\d{4}/);
    await expect.poll(authorization).toBe('false');
    expect(await page.getByTestId('status-authorization').textContent()).toMatch(/scaduta/);
    await shot('14-tessera-scaduta');
    const cancel = page.getByTestId('card-patient-cancel');
    if (await cancel.count()) await cancel.click();
  });

  it('keeps a half-typed form under the lock when the same operator pulls his card and comes back', async () => {
    await page.getByTestId('nav-accoglienza').click();
    await page.getByTestId('walkin-search').fill('Verdi Anna');
    await page.getByTestId('walkin-new-patient').click();
    await page.getByTestId('new-patient-cf').fill('VRDNNA45');
    await opened.app.call('demo.cards.remove', { slot: 0 });
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 10_000 }).toBe(1);
    // Nothing of the page shows, or can be reached, while locked.
    expect(await page.getByTestId('app-session').isHidden()).toBe(true);
    expect(await page.getByTestId('app-session').getAttribute('inert')).not.toBeNull();
    await opened.app.call('demo.cards.insert', { slot: 0, image: 'operator-mmg' });
    await expect.poll(() => page.getByTestId('pin-input').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('pin-input').fill('12345678');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('new-patient-cf').inputValue()).toBe('VRDNNA45');
    expect(await page.getByTestId('new-patient-surname').inputValue()).toMatch(/^verdi$/i);
  });

  it('locks the UI when the operator card is pulled', async () => {
    await page.getByTestId('nav-impostazioni').click();
    await removeDemoCard(page, 0);
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('lock-message').textContent()).toMatch(/Sessione chiusa/);
    await shot('15-sessione-chiusa');
  });

  it('ran without console errors', () => {
    expect(opened.problems).toEqual([]);
  });
});
