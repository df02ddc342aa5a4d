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

    // The registration panel is gone: the focus is on the first document to print.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('enroll-print-patto');

    const printed = (kind: string) => page.locator(`[data-testid="enroll-consent"][data-kind="${kind}"]`).getAttribute('data-printed');
    for (const [kind, button, file] of [
      ['patto_di_cura', 'enroll-print-patto', /^patto-di-cura-RSSMRA58D12G388C-.*\.pdf$/],
      ['privacy', 'enroll-print-privacy', /^privacy-RSSMRA58D12G388C-.*\.pdf$/],
    ] as const) {
      await page.getByTestId(button).click();
      await expect.poll(() => page.getByTestId('enroll-document-download').getAttribute('download')).toMatch(file);
      expect(await page.getByTestId('enroll-document-hash').textContent()).toMatch(/[0-9a-f]{12}/);
      expect(await page.getByTestId('enroll-document-copies').textContent()).toMatch(/contiene già le due copie.*stamparlo una volta/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('enroll-document-print');
      // Opening the preview is not printing.
      expect(await printed(kind)).toBe('false');
      const before = await opened.prints();
      await page.getByTestId('enroll-document-print').click();
      await expect.poll(() => opened.prints()).toBe(before + 1);
      expect(await printed(kind)).toBe('false');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('enroll-print-done');
      if (kind === 'patto_di_cura') await shot('24-arruolamento-stampa');
      await page.getByTestId('enroll-print-done').click();
      await expect.poll(() => printed(kind)).toBe('true');
    }
    // Both printed: the focus went back to the last document's button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('enroll-print-privacy');

    await page.getByTestId('enroll-signed-patto').check();
    await page.getByTestId('enroll-signed-privacy').check();
    await page.getByTestId('enroll-sign-save').click();
    // The privacy form's answers are asked for, the first one first.
    await expect.poll(() => page.getByTestId('error-message').getAttribute('data-code')).toBe('privacy-choices-missing');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('enroll-privacy-trattamento-yes');
    await page.getByTestId('enroll-privacy-trattamento-yes').check();
    await page.getByTestId('enroll-privacy-comunicazione-yes').check();
    await page.getByTestId('enroll-privacy-contatti-no').check();
    await shot('24b-arruolamento-risposte-privacy');
    await page.getByTestId('enroll-sign-save').click();
    await expect.poll(() => page.getByTestId('enroll-state').getAttribute('data-state')).toBe('enrolled');
    expect(await page.getByTestId('enroll-consent-choices').textContent()).toBe('Trattamento: acconsente · Comunicazione: acconsente · Promemoria: non acconsente');

    // The signed copy, scanned, goes with its consent; a file that is no scan is refused in Italian.
    await page.getByTestId('enroll-scan-file-privacy').setInputFiles({ name: 'lettera.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') });
    await expect.poll(() => page.getByTestId('enroll-scans-privacy').getByTestId('error-message').textContent()).toMatch(/non è una scansione leggibile/);
    await page.getByTestId('enroll-scan-file-privacy').setInputFiles({ name: 'privacy-firmata.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nscansione\n%%EOF') });
    await expect.poll(() => page.getByTestId('enroll-scans-privacy').getByTestId('enroll-scan').textContent()).toMatch(/privacy-firmata\.pdf/);
    // A copy printed now carries the recorded answers.
    await page.getByTestId('enroll-print-privacy').click();
    await expect.poll(() => page.getByTestId('enroll-document-download').getAttribute('download')).toMatch(/-risposte\.pdf$/);
    await shot('25-arruolato');
  });

  it("shows the enrollment and its audit trail on the patient's page", async () => {
    await page.goto(`${opened.app.url.split('#')[0]}#/pazienti/${patientId}`);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(5);
    const actions = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['walkin.record', 'call.record', 'enrollment.register', 'document.generate', 'document.print', 'enrollment.sign', 'enrollment.enrolled', 'document.scan']));
    await shot('26-registro-attivita');
  });

  it('ran without console errors', () => {
    expect(opened.problems).toEqual([]);
  });
});
