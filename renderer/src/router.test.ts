import { describe, expect, it } from 'vitest';
import { activePage, documentTitle, HOME_PAGE, PAGES, pageHref, parseRoute, patientHref } from './router';

describe('parseRoute', () => {
  it('sends an empty address to the home page', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseRoute(hash)).toEqual({ kind: 'page', page: HOME_PAGE });
  });
  it('knows every page of the navigation', () => {
    for (const p of PAGES) expect(parseRoute(pageHref(p.id))).toEqual({ kind: 'page', page: p.id });
  });
  it('tolerates a trailing slash and capitals', () => {
    expect(parseRoute('#/impostazioni/')).toEqual({ kind: 'page', page: 'impostazioni' });
    expect(parseRoute('#/Pazienti')).toEqual({ kind: 'page', page: 'pazienti' });
  });
  it("reads a patient's sheet", () => {
    expect(parseRoute('#/pazienti/123')).toEqual({ kind: 'patient', page: 'pazienti', patientId: 123 });
    expect(parseRoute(patientHref(7))).toEqual({ kind: 'patient', page: 'pazienti', patientId: 7 });
  });
  it('refuses ids that are not positive integers', () => {
    for (const bad of ['#/pazienti/0', '#/pazienti/-1', '#/pazienti/abc', '#/pazienti/1.5', '#/pazienti/012', '#/pazienti/1/2']) {
      expect(parseRoute(bad).kind).toBe('not-found');
    }
  });
  it('reports unknown pages with their path', () => {
    expect(parseRoute('#/altro')).toEqual({ kind: 'not-found', path: '/altro' });
    expect(parseRoute('#/impostazioni/3').kind).toBe('not-found');
  });
});

describe('route helpers', () => {
  it('highlights the page a route belongs to', () => {
    expect(activePage(parseRoute('#/pazienti/5'))).toBe('pazienti');
    expect(activePage(parseRoute('#/pai'))).toBe('pai');
    expect(activePage(parseRoute('#/boh'))).toBeNull();
  });
  it('titles the window in Italian', () => {
    expect(documentTitle(parseRoute('#/richiami'))).toBe('Richiami - PiC Studio');
    expect(documentTitle(parseRoute('#/pazienti/5'))).toBe('Scheda paziente - PiC Studio');
    expect(documentTitle(parseRoute('#/boh'))).toBe('Pagina non trovata - PiC Studio');
  });
  it('has the nine pages of the brief, in order, with lowercase ids', () => {
    expect(PAGES.map((p) => p.label)).toEqual([
      'Accoglienza',
      'Richiami',
      'Pazienti',
      'Arruolamento',
      'PAI',
      'Prenotazioni',
      'Importazione',
      'Sincronizzazione',
      'Impostazioni',
    ]);
    for (const p of PAGES) expect(p.id).toBe(p.label.toLowerCase());
    expect(PAGES.filter((p) => p.available).map((p) => p.id)).toEqual(['pazienti', 'impostazioni']);
  });
});
