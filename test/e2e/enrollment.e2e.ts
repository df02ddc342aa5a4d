import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, formatItalianDate } from '../../shared/domain/dates';
import { openApp, type OpenApp } from '../support/browserMode';
import { insertDemoCard, loginWithDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] enrollment flow skipped: ${skipReason}`);

const ROSSI = 'RSSMRA58D12G388C';

/** A secretary's day in the UI: walk-in letter, call, two-card registration, documents, signatures. */
describe.skipIf(skipReason)('enrollment from the letter to enrolled, in the UI', () => {
  let opened: OpenApp;
  let page: Page;
  let shot: OpenApp['shot'];
  let patientId = '';
  /** The app's day: the letter came before it, the appointment comes after it. */
  let today = '';

  beforeAll(async () => {
    opened = await openApp();
    ({ page, shot } = opened);
    today = await opened.today();
  });

  afterAll(async () => {
    await opened?.close();
  });

  it('logs in and records the studio data the documents need', async () => {
    await loginWithDemoCard(page);
    await page.getByTestId('nav-impostazioni').click();
    await page.getByTestId('studio-gestore').fill('Cooperativa MMG Pavia');
    await page.getByTestId('studio-mmg').fill('Dott.ssa Giulia Bianchi');
    await page.getByTestId('studio-address').fill('Via Roma 1, 27100 Pavia');
    await page.getByTestId('studio-phone').fill('0382 000000');
    await page.getByTestId('studio-save').click();
    await expect.poll(() => page.getByTestId('studio-saved').count()).toBe(1);
  });

  it('creates the patient from his Tessera Sanitaria', async () => {
    await insertDemoCard(page, 1, 'ts-rossi-mario');
    await expect.poll(() => page.getByTestId('card-patient-dialog').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('card-patient-create').click();
    await expect.poll(() => page.getByTestId('patient-detail-cf').textContent()).toContain(ROSSI);
    patientId = (await page.getByTestId('patient-detail').getAttribute('data-patient-id')) ?? '';
    expect(patientId).toMatch(/^\d+$/);
  });

  it('records the walk-in with the ATS letter and tells the patient he will be called', async () => {
    await page.getByTestId('nav-accoglienza').click();
    await page.getByTestId('walkin-search').fill('RSSMRA58');
    await expect.poll(() => page.getByTestId('walkin-result').count()).toBeGreaterThan(0);
    await page.getByTestId('walkin-result').first().click();
    await expect.poll(() => page.getByTestId('walkin-selected-patient').getAttribute('data-patient-id')).toBe(patientId);
    await page.getByTestId('walkin-letter-type-2').click();
    await page.getByTestId('walkin-letter-date').fill(formatItalianDate(addDays(today, -60)));
    await page.getByTestId('walkin-mobile').fill('347 1234567');
    await page.getByTestId('walkin-call-time').fill('mattina');
    await shot('20-accoglienza-lettera');
    await page.getByTestId('walkin-save').click();
    await expect.poll(() => page.getByTestId('walkin-message').textContent()).toMatch(/sarà ricontattato/);
    await shot('21-accoglienza-messaggio');
  });

  it('logs the call back on the call list', async () => {
    await page.getByTestId('nav-richiami').click();
    const row = page.locator(`[data-testid="call-row"][data-patient-id="${patientId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.click();
    await page.getByTestId('call-outcome-appointment').click();
    await page.getByTestId('call-date').fill(formatItalianDate(addDays(today, 6)));
    await page.getByTestId('call-time').fill('10:30');
    await page.getByTestId('call-save').click();
    await expect.poll(() => page.getByTestId('call-saved').textContent()).toMatch(/appuntamento fissato il .* alle 10:30, in agenda/);
    await shot('22-richiami');
    // Out of the queue, into the agenda of that day.
    expect(await row.count()).toBe(0);
    await page.getByTestId('nav-agenda').click();
    for (let i = 0; i < 6; i++) await page.getByTestId('agenda-next').click();
    await expect.poll(() => page.locator(`[data-testid="agenda-row"][data-patient-id="${patientId}"]`).count()).toBe(1);
    expect(await page.getByTestId('agenda-table').textContent()).toMatch(/10:30/);
  });

  it('registers with the two cards, prints both documents, marks the signatures: enrolled', async () => {
    await page.getByTestId('nav-arruolamento').click();
    await page.getByTestId('enroll-search').fill('RSSMRA58');
    await expect.poll(() => page.getByTestId('enroll-result').count()).toBeGreaterThan(0);
    await page.getByTestId('enroll-result').first().click();
    await expect.poll(() => page.getByTestId('enroll-register').isEnabled(), { timeout: 10_000 }).toBe(true);
    await shot('23-arruolamento-carte-pronte');
    await page.getByTestId('enroll-register').click();
    await expect.poll(() => page.getByTestId('enroll-state').getAttribute('data-state')).toBe('registered');
    expect(await page.getByTestId('enroll-deadline').textContent()).toMatch(/Firmare entro il \d{2}\/\d{2}\/\d{4}/);

    await page.getByTestId('enroll-print-patto').click();
    await expect.poll(() => page.getByTestId('enroll-document-download').getAttribute('download')).toMatch(/^patto-di-cura-RSSMRA58D12G388C-.*\.pdf$/);
    expect(await page.getByTestId('enroll-document-hash').textContent()).toMatch(/[0-9a-f]{12}/);
    await page.getByTestId('enroll-print-privacy').click();
    await expect.poll(() => page.getByTestId('enroll-document-download').getAttribute('download')).toMatch(/^privacy-RSSMRA58D12G388C-.*\.pdf$/);
    await shot('24-arruolamento-documenti');

    await page.getByTestId('enroll-signed-patto').check();
    await page.getByTestId('enroll-signed-privacy').check();
    await page.getByTestId('enroll-sign-save').click();
    await expect.poll(() => page.getByTestId('enroll-state').getAttribute('data-state')).toBe('enrolled');
    await shot('25-arruolato');
  });

  it("shows the enrollment and its audit trail on the patient's page", async () => {
    await page.goto(`${opened.app.url.split('#')[0]}#/pazienti/${patientId}`);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(5);
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['walkin.record', 'call.record', 'enrollment.register', 'document.print', 'enrollment.sign', 'enrollment.enrolled']));
    await shot('26-registro-attivita');
  });

  it('ran without console errors', () => {
    expect(opened.problems).toEqual([]);
  });
});
