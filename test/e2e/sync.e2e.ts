import type { Page } from 'playwright-core';
import type { Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ids } from '../../main/sync/fhirIds';
import { addDays, formatItalianDate } from '../../shared/domain/dates';
import { openApp, type OpenApp } from '../support/browserMode';
import { insertDemoCard, loginWithDemoCard } from '../support/demoLogin';
import { startCentroServizi, type CentroServizi } from '../peers/centroServizi';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[e2e] sync UI skipped: ${skipReason}`);

const ROSSI = 'RSSMRA58D12G388C';
const OTHER_GESTORE = { code: 'coop-lodi', name: 'Cooperativa Medici Lodi' };

/**
 * The sync as the studio sees it, against the real test Centro Servizi on loopback: configured in
 * Impostazioni, a walk-in recorded while it is down, sent with «Sincronizza ora» when it is back,
 * an item it refuses sent again, a record changed on both sides settled, and a patient another
 * Gestore holds, warned of before the cards are used and, registered offline, shown as his.
 */
describe.skipIf(skipReason)('the sync with the Centro Servizi, in the UI', () => {
  let opened: OpenApp;
  let page: Page;
  let peer: CentroServizi;
  let today = '';
  let patientId = '';

  const shots = (name: string, scrollTo?: string) => opened.shots(name, scrollTo);
  const indicator = () => page.getByTestId('status-sync');
  const go = (hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
  /** The server's copy of a resource, as a FHIR client reads it. */
  const serverCopy = async <T>(path: string): Promise<T> => (await (await fetch(`${peer.url}/${path}`, { headers: { accept: 'application/fhir+json' } })).json()) as T;

  beforeAll(async () => {
    peer = await startCentroServizi();
    opened = await openApp();
    page = opened.page;
    today = await opened.today();
  });

  afterAll(async () => {
    await opened?.close();
    await peer?.close();
  });

  it('says, before anything is set, that the Centro Servizi is not configured', async () => {
    await loginWithDemoCard(page);
    // What the sync sends carries the studio's Gestore and MMG.
    await opened.app.call('settings.studio.set', { gestore: 'Cooperativa MMG Pavia', mmg: 'Dott.ssa Giulia Bianchi', address: 'Via Roma 1, 27100 Pavia', phone: '0382 000000' });
    await expect.poll(() => indicator().textContent()).toBe('Centro Servizi: non configurato');
    await page.getByTestId('nav-sincronizzazione').click();
    await expect.poll(() => page.getByTestId('sync-not-configured').count()).toBe(1);
    expect(await page.getByTestId('sync-run').count()).toBe(0);
    await shots('sync-01-non-configurato');
    await page.getByTestId('sync-open-settings').click();
    await expect.poll(() => page.getByTestId('centro-servizi-panel').count()).toBe(1);
  });

  it('refuses in Italian an http address outside this computer, then takes the peer with a token it never shows again', async () => {
    await page.getByTestId('cs-url').fill('http://centro-servizi.example.it/fhir');
    await page.getByTestId('cs-save').click();
    const panel = page.getByTestId('centro-servizi-panel');
    await expect.poll(() => panel.getByTestId('error-message').textContent()).toMatch(/deve iniziare con https:\/\//);
    await shots('sync-02-indirizzo-rifiutato', 'centro-servizi-panel');

    await page.getByTestId('cs-url').fill(peer.url);
    await page.getByTestId('cs-token').fill('token-segreto-di-prova');
    await page.getByTestId('cs-gestore').fill('coop-pavia');
    await page.getByTestId('cs-save').click();
    await expect.poll(() => page.getByTestId('cs-saved').count()).toBe(1);
    expect(await panel.getByTestId('error-message').count()).toBe(0);
    expect(await page.getByTestId('cs-token-state').getAttribute('data-set')).toBe('true');
    expect(await page.getByTestId('cs-token-state').textContent()).toMatch(/token impostato/);
    expect(await page.getByTestId('cs-token').inputValue()).toBe('');
    expect(await page.content()).not.toContain('token-segreto-di-prova');
    expect(await page.getByTestId('cs-url').inputValue()).toBe(peer.url);
    // Poked by the change, the worker reaches the peer on its own.
    await expect.poll(() => indicator().textContent(), { timeout: 15_000 }).toBe('Centro Servizi: in linea');
    await shots('sync-03-impostazioni-centro-servizi', 'centro-servizi-panel');
  });

  it('keeps a walk-in recorded while the Centro Servizi is down, and the status bar says so', async () => {
    await peer.goOffline();
    await insertDemoCard(page, 1, 'ts-rossi-mario');
    await expect.poll(() => page.getByTestId('card-patient-dialog').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('card-patient-create').click();
    await expect.poll(() => page.getByTestId('patient-detail-cf').textContent()).toContain(ROSSI);
    patientId = (await page.getByTestId('patient-detail').getAttribute('data-patient-id')) ?? '';

    await page.getByTestId('nav-accoglienza').click();
    await page.getByTestId('walkin-search').fill('RSSMRA58');
    await expect.poll(() => page.getByTestId('walkin-result').count()).toBeGreaterThan(0);
    await page.getByTestId('walkin-result').first().click();
    await page.getByTestId('walkin-letter-type-2').click();
    await page.getByTestId('walkin-letter-date').fill(formatItalianDate(addDays(today, -30)));
    await page.getByTestId('walkin-mobile').fill('347 1234567');
    await page.getByTestId('walkin-save').click();
    await expect.poll(() => page.getByTestId('walkin-message').textContent()).toMatch(/sarà ricontattato/);

    await expect.poll(() => indicator().textContent(), { timeout: 15_000 }).toMatch(/^Centro Servizi: non raggiungibile · \d+ da inviare$/);
    expect(await indicator().getAttribute('data-tone')).toBe('warn');
    await shots('sync-04-accoglienza-non-raggiungibile');

    await indicator().click();
    await expect.poll(() => page.getByTestId('sync-online').getAttribute('data-online')).toBe('false');
    expect(await page.getByTestId('sync-last-error').textContent()).toMatch(/non risponde/);
    const kinds = await page.getByTestId('sync-pending-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    // The letter travels with its patient's record.
    expect(kinds).toEqual(['letter']);
    expect(await page.getByTestId('sync-pending-total').getAttribute('data-count')).toBe('1');
    await shots('sync-05-sincronizzazione-non-raggiungibile');
  });

  it('sends everything with «Sincronizza ora» once the Centro Servizi is back', async () => {
    await peer.goOnline();
    await page.getByTestId('sync-run').click();
    await expect.poll(() => page.getByTestId('sync-connection').textContent(), { timeout: 20_000 }).toMatch(/Sincronizzazione completata: inviat/);
    await expect.poll(() => page.getByTestId('sync-pending-total').getAttribute('data-count')).toBe('0');
    await expect.poll(() => page.getByTestId('sync-online').getAttribute('data-online')).toBe('true');
    expect(await page.getByTestId('sync-last-success').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(await page.getByTestId('sync-last-error').count()).toBe(0);
    await expect.poll(() => indicator().textContent()).toBe('Centro Servizi: in linea');
    expect(await peer.count('Patient', `identifier=${ROSSI}`)).toBe(1);
    expect(await peer.count('Communication')).toBeGreaterThanOrEqual(1);
    await shots('sync-06-sincronizzato');
  });

  it('holds what the server refuses with its reason verbatim, and sends it again on «Riprova»', async () => {
    const reason = 'Patient.telecom: numero di cellulare non presente nel registro regionale';
    peer.faults.inject({ kind: 'status422', text: reason }, { matches: (r) => r.method === 'POST' && r.path === '' });
    await opened.app.call('patients.updateContacts', { id: Number(patientId), phone: null, mobile: '347 7654321', email: null, preferredCallTime: 'mattina' });
    const item = page.getByTestId('sync-attention');
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getAttribute('data-kind')).toBe('patient');
    expect(await item.getByTestId('sync-attention-reason').textContent()).toBe(reason);
    await expect.poll(() => page.getByTestId('status-sync-verify').textContent()).toBe(' · 1 da verificare');
    await shots('sync-07-rifiutato', 'sync-verify');

    await item.getByTestId('sync-retry').click();
    await expect.poll(() => page.getByTestId('sync-settled').textContent()).toMatch(/rimesso in coda/);
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => page.getByTestId('sync-pending-total').getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
    const sent = await serverCopy<Patient>(`Patient/${ids.patient(ROSSI)}`);
    expect(sent.telecom?.map((t) => t.value)).toContain('347 7654321');
  });

  it("shows a record changed on both sides side by side, and takes the Centro Servizi's version", async () => {
    const path = `Patient/${ids.patient(ROSSI)}`;
    const theirs = await serverCopy<Patient>(path);
    const put = await fetch(`${peer.url}/${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ ...theirs, telecom: [{ system: 'phone', value: '0382 111222', use: 'home' }, { system: 'phone', value: '347 7654321', use: 'mobile' }] }),
    });
    expect(put.status).toBe(200);
    await opened.app.call('patients.updateContacts', { id: Number(patientId), phone: '0382 999888', mobile: '347 7654321', email: null, preferredCallTime: 'mattina' });

    const conflict = page.getByTestId('sync-conflict');
    await expect.poll(() => conflict.count(), { timeout: 15_000 }).toBe(1);
    const field = conflict.locator('[data-testid="sync-conflict-field"][data-field="telecom"]');
    expect(await field.getByTestId('sync-conflict-local').textContent()).toMatch(/0382 999888/);
    expect(await field.getByTestId('sync-conflict-server').textContent()).toMatch(/0382 111222/);
    await shots('sync-08-conflitto', 'sync-verify');

    await conflict.getByTestId('sync-keep-server').click();
    await expect.poll(() => page.getByTestId('sync-settled').textContent()).toMatch(/accettata la versione del Centro Servizi/);
    await expect.poll(() => conflict.count()).toBe(0);
    await expect.poll(async () => ((await opened.app.call('patients.get', { id: Number(patientId) })) as { phone: string | null }).phone).toBe('0382 111222');
    await expect.poll(() => page.getByTestId('sync-verify').getAttribute('data-count')).toBe('0');
    await shots('sync-09-conflitto-risolto');
  });

  it('warns, before the cards are used, of a patient another Gestore holds, and keeps the registration closed', async () => {
    await peer.holdPatient({ codiceFiscale: ROSSI, year: Number(today.slice(0, 4)), gestore: OTHER_GESTORE });
    await go(`#/arruolamento/${patientId}`);
    const lock = page.getByTestId('enroll-lock');
    await expect.poll(() => lock.getAttribute('data-state')).toBe('elsewhere');
    expect(await lock.textContent()).toMatch(/già in carico a Cooperativa Medici Lodi/);
    // The cards are ready: only the Centro Servizi's answer keeps the button closed.
    expect(await page.locator('[data-testid="enroll-check"][data-ok="false"]').count()).toBe(0);
    expect(await page.getByTestId('enroll-register').isDisabled()).toBe(true);
    expect(await page.getByTestId('enroll-register-reason').textContent()).toBe('In carico ad altro Gestore: Cooperativa Medici Lodi');
    await shots('sync-10-arruolamento-altro-gestore', 'enroll-register');
  });

  it('lets a registration go ahead offline, then shows the patient as the other Gestore\'s once the Centro Servizi answers', async () => {
    await peer.goOffline();
    await go('#/arruolamento');
    await go(`#/arruolamento/${patientId}`);
    await expect.poll(() => page.getByTestId('enroll-lock').getAttribute('data-state')).toBe('offline');
    await expect.poll(() => page.getByTestId('enroll-register').isEnabled(), { timeout: 10_000 }).toBe(true);
    await shots('sync-11-arruolamento-offline');
    await page.getByTestId('enroll-register').click();
    await expect.poll(() => page.getByTestId('enroll-state').getAttribute('data-state')).toBe('registered');

    await peer.goOnline();
    await page.getByTestId('status-sync').click();
    await page.getByTestId('sync-run').click();
    await expect.poll(() => page.getByTestId('sync-connection').textContent(), { timeout: 20_000 }).toMatch(/Sincronizzazione completata/);
    await go(`#/arruolamento/${patientId}`);
    await expect.poll(() => page.getByTestId('enroll-state').getAttribute('data-state')).toBe('locked_elsewhere');
    expect(await page.getByTestId('enroll-locked-elsewhere').textContent()).toMatch(/^In carico ad altro Gestore: Cooperativa Medici Lodi/);
    expect(await page.getByTestId('enroll-register').count()).toBe(0);
    await shots('sync-12-in-carico-altro-gestore');
    expect(opened.problems).toEqual([]);
  });
});
