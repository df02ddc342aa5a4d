import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Puts a demo card in a slot through the demo cards panel, as a trainer would. */
export async function insertDemoCard(page: Page, slot: 0 | 1, image: string): Promise<void> {
  await page.getByTestId(`demo-card-select-${slot}`).selectOption(image);
  await page.getByTestId(`demo-card-insert-${slot}`).click();
  await expect.poll(() => page.getByTestId(`demo-card-current-${slot}`).textContent(), { timeout: 15_000 }).toMatch(/\S/);
}

export async function removeDemoCard(page: Page, slot: 0 | 1): Promise<void> {
  await page.getByTestId(`demo-card-remove-${slot}`).click();
}

/** From the lock screen: the doctor's demo operator card in reader 1, then its PIN. */
export async function loginWithDemoCard(page: Page, pin = '12345678'): Promise<void> {
  await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(1);
  await insertDemoCard(page, 0, 'operator-mmg');
  await expect.poll(() => page.getByTestId('pin-input').count(), { timeout: 15_000 }).toBe(1);
  await page.getByTestId('pin-input').fill(pin);
  await page.getByTestId('pin-submit').click();
  await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(0);
}
