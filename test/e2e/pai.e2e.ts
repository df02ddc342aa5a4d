import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openExistingDatabase } from '../../main/store/database';
import { addDays, formatItalianDate } from '../../shared/domain/dates';
import { periodEndFrom } from '../../shared/domain/enrollmentMachine';
import { openApp, type OpenApp } from '../support/browserMode';
import { loginWithDemoCard } from '../support/demoLogin';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] PAI tests skipped: ${skipReason}`);

/** The MMG writes a PAI from two templates, activates it, books two of its prestazioni, sees the adherence move, prints it. */
describe.skipIf(skipReason)('the PAI and its bookings in the UI', () => {
  let opened: OpenApp;
  let patientId: number;
  let cf: string;
  let today: string;

  beforeAll(async () => {
    opened = await openApp();
  });

  it('has the MMG logged in and an enrolled patient with diabetes and hypertension', async () => {
    await loginWithDemoCard(opened.page);
    today = await opened.today();
    await opened.app.call('demo.seed', { patients: 5, seed: 11 });
    await opened.app.call('settings.studio.set', { gestore: 'Cooperativa Medici Milano Centro', mmg: 'dott.ssa Giulia Bianchi', address: 'Via Roma 1, Milano', phone: '02 1234567' });
    // An enrolled patient, as the two-card enrollment leaves him (enrollment.e2e.ts walks that itself).
    const db = openExistingDatabase(opened.app.dataDir);
    const row = db.prepare('SELECT id, codice_fiscale AS cf FROM patients ORDER BY id LIMIT 1').get() as { id: number; cf: string };
    db.prepare("INSERT INTO enrollments (patient_id, programme_year, state, registered_at, enrolled_at, period_end) VALUES (?, ?, 'enrolled', ?, ?, ?)").run(row.id, Number(today.slice(0, 4)), today, today, periodEndFrom(today));
    db.close();
    patientId = row.id;
    cf = row.cf;
    await opened.app.call('patients.setPathologies', { id: patientId, codes: [50, 56] });
  });

  afterAll(async () => {
    await opened?.close();
  });

  const shots = (name: string) => opened.shots(name);

  it('writes the PAI from the diabetes and hypertension templates, blocked until a lifestyle goal is added, then activates it', async () => {
    const { page } = opened;
    await page.getByTestId('nav-pai').click();
    await page.getByTestId('pai-search').pressSequentially(cf);
    await expect.poll(() => page.getByTestId('pai-result').count()).toBe(1);
    await page.getByTestId('pai-search').press('Enter');
    await expect.poll(() => page.getByTestId('pai-new').count()).toBe(1);
    expect(await page.getByTestId('pai-template-diabete-2').isChecked()).toBe(true);
    expect(await page.getByTestId('pai-template-ipertensione').isChecked()).toBe(true);
    expect(await page.getByTestId('pai-template-bpco').isChecked()).toBe(false);
    await shots('90-pai-nuovo');
    await page.getByTestId('pai-create').click();

    await expect.poll(() => page.getByTestId('pai-item-row').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('pai-activate').getAttribute('aria-disabled')).toBe('true');
    expect(await page.getByTestId('pai-activate-blocked').textContent()).toMatch(/stile di vita/);
    // A code outside the catalogue is kept and flagged.
    await page.getByTestId('pai-catalogue-search').fill('99.99.9');
    await page.getByTestId('pai-catalogue-unknown').click();
    await expect.poll(() => page.locator('[data-testid="pai-item-row"][data-flagged="true"]').count()).toBe(1);
    expect(await page.getByTestId('pai-issues').textContent()).toMatch(/99\.99\.9 non è nel catalogo/);
    await page.locator('[data-testid="pai-item-row"][data-code="99.99.9"] button').click();

    await page.getByTestId('pai-lifestyle-goal').fill('Camminare 30 minuti al giorno');
    await page.getByTestId('pai-lifestyle-goal').press('Enter');
    await expect.poll(() => page.getByTestId('pai-lifestyle-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('pai-activate').getAttribute('aria-disabled')).toBe('false');
    await page.getByTestId('pai-vaccination-name').fill('Antinfluenzale');
    await page.getByTestId('pai-vaccination-done').fill(formatItalianDate(today));
    await page.getByTestId('pai-vaccination-done').press('Enter');
    await expect.poll(() => page.getByTestId('pai-vaccination-row').textContent()).toBe(`Antinfluenzale, fatta il ${formatItalianDate(today)} Togli`);
    await page.getByTestId('pai-save').click();
    await expect.poll(() => page.getByTestId('pai-save').textContent()).toMatch(/Bozza salvata/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('91-pai-bozza');

    await page.getByTestId('pai-activate').click();
    await expect.poll(() => page.getByTestId('pai-summary').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('pai-summary-lifestyle').textContent()).toMatch(/Camminare/);
    expect(await page.getByTestId('pai-batch-1').textContent()).toMatch(/Primo semestre[\s\S]*90\.28\.1/);
    await page.getByTestId('pai-print').click();
    await expect.poll(() => page.getByTestId('pai-document-preview').count(), { timeout: 20_000 }).toBe(1);
    await shots('92-pai-attivo');
  });

  it('books two prestazioni from the due list, marks one performed and the adherence follows', async () => {
    const { page } = opened;
    await page.getByTestId('nav-prenotazioni').click();
    const due = page.locator(`[data-testid="due-row"][data-patient-id="${patientId}"]`);
    await expect.poll(() => due.count()).toBeGreaterThan(1);
    await shots('93-prenotazioni-da-prenotare');

    const appointment = formatItalianDate(addDays(today, 7));
    for (const time of ['09:00', '10:30']) {
      await due.first().getByTestId('due-book').click();
      await page.getByTestId('request-number').fill('0301A1234567');
      await page.getByTestId('request-submit').click();
      await expect.poll(() => page.getByTestId('book-form').count()).toBe(1);
      await page.getByTestId('book-date').fill(appointment);
      await page.getByTestId('book-time').fill(time);
      await page.getByTestId('book-provider').selectOption({ index: 1 });
      if ((await page.getByTestId('book-place').inputValue()) === '') await page.getByTestId('book-place').fill('Poliambulatorio, Via Torino 5, Milano');
      await page.getByTestId('book-submit').click();
      await expect.poll(async () => (await page.getByTestId('booking-status').textContent()) === 'Prenotata' || (await page.getByTestId('error-message').count()) > 0).toBe(true);
      expect(await page.getByTestId('error-message').allTextContents()).toEqual([]);
      await expect.poll(() => page.getByTestId('booking-status').textContent()).toBe('Prenotata');
      expect(await page.getByTestId('booking-date-bookedFor').textContent()).toBe(appointment);
      await page.getByTestId('bookings-tab-due').click();
    }

    await page.getByTestId('bookings-tab-adherence').click();
    const row = page.getByTestId('adherence-studio-table-row').first();
    await expect.poll(() => row.textContent()).toMatch(/\d/);
    const before = await row.textContent();

    await page.getByTestId('bookings-tab-bookings').click();
    await page.getByTestId('booking-open').first().click();
    await page.getByTestId('booking-move-perform').click();
    await page.getByTestId('move-perform-submit').click();
    await expect.poll(() => page.getByTestId('booking-status').textContent()).toBe('Eseguita');
    expect(await page.getByTestId('booking-date-performedOn').textContent()).toBe(formatItalianDate(today));
    await page.evaluate(() => window.scrollTo(0, 0));
    await shots('94-prenotazione-eseguita');

    await page.getByTestId('bookings-tab-adherence').click();
    await expect.poll(() => page.getByTestId('adherence-studio-table-row').first().textContent()).not.toBe(before);
    await shots('95-aderenza');
    expect(opened.problems).toEqual([]);
  });

  it("records the patient's no to reminders on his sheet, and the MMG cancels the PAI with a reason", async () => {
    const { page } = opened;
    await page.evaluate((href) => (window.location.hash = href), `#/pazienti/${patientId}`);
    const optOut = page.getByTestId('reminder-opt-out');
    await expect.poll(() => optOut.count()).toBe(1);
    expect(await page.getByTestId('reminder-preference').textContent()).toMatch(/informativa privacy non ancora firmata/);
    // The box shows what the core stored: it turns on once the opt-out is recorded.
    await optOut.click();
    await expect.poll(() => optOut.isChecked()).toBe(true);
    await expect.poll(async () => ((await opened.app.call('reminders.preferences', { patientId })) as { optedOut: boolean }).optedOut).toBe(true);
    await shots('96-paziente-promemoria');

    await page.evaluate((href) => (window.location.hash = href), `#/pai/${patientId}`);
    await page.getByTestId('pai-cancel').click();
    await page.getByTestId('pai-cancel-confirm').click();
    await expect.poll(() => page.getByTestId('error-message').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('error-message').first().textContent()).toMatch(/motivo/i);
    await page.getByTestId('pai-cancel-reason').fill('Trasferito ad altro Gestore');
    await page.getByTestId('pai-cancel-confirm').click();
    await expect.poll(() => page.getByTestId('pai-current').textContent()).toMatch(/Annullato/);
    await shots('97-pai-annullato');
    expect(opened.problems).toEqual([]);
  });
});
