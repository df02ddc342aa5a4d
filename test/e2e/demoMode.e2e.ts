import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type OpenApp } from '../support/browserMode';

/**
 * Demo mode apart from a studio's archive, and one clock for the UI: the core's. Runs without the
 * card stack: nothing here gets past the lock screen.
 */
describe('demo mode and the clock, in the UI', () => {
  let opened: OpenApp | null = null;

  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  it("a studio's archive shows no demo band and offers no demo cards; its API refuses them", async () => {
    opened = await openApp({ demo: false });
    const { page } = opened;
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('status-today').count()).toBe(1);
    expect(await page.getByTestId('demo-band').count()).toBe(0);
    expect(await page.getByTestId('lock-demo-toggle').count()).toBe(0);
    await expect(opened.app.call('demo.cards.insert', { slot: 0, image: 'operator-mmg' })).rejects.toThrow(/demo-only/);
    await expect(opened.app.call('demo.seed', { patients: 10 })).rejects.toThrow(/demo-only/);
    expect(await opened.app.call('app.info')).toMatchObject({ mode: 'clinic', patientCount: 0 });
    await opened.shot('40-archivio-studio-accesso');
    expect(opened.problems).toEqual([]);
  });

  it('a demo shows its band on every screen and follows its clock into the new day at midnight in Rome', async () => {
    // 23:59:56 in Rome on 31 December: a few seconds before the new year.
    opened = await openApp({ now: '2027-12-31T23:59:56' });
    const { page } = opened;
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('demo-band').textContent()).toMatch(/DEMO.*fittizi/);
    expect(await page.getByTestId('lock-demo-toggle').count()).toBe(1);
    expect(await page.getByTestId('status-today').getAttribute('data-today')).toBe('2027-12-31');
    expect(await page.getByTestId('status-today').textContent()).toBe('ven 31 dic 2027');
    expect(await page.getByTestId('status-today').getAttribute('title')).toBe('venerdì 31 dicembre 2027');
    await opened.shot('41-demo-accesso');
    await expect.poll(() => page.getByTestId('status-today').getAttribute('data-today'), { timeout: 15_000 }).toBe('2028-01-01');
    expect(await page.getByTestId('status-today').getAttribute('title')).toBe('sabato 1 gennaio 2028');
    expect(opened.problems).toEqual([]);
  });
});
