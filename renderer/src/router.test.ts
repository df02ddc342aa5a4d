import { describe, expect, it } from 'vitest';
import { activePage, cardPatientHref, documentTitle, enrollHref, HOME_PAGE, paiHref, PAGES, pageHref, parseRoute, patientHref, routeKey, walkinHref } from './router';

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
  it('reads a patient chosen in Accoglienza and in Arruolamento', () => {
    expect(parseRoute(walkinHref(12))).toEqual({ kind: 'walkin', page: 'accoglienza', patientId: 12 });
    expect(parseRoute(enrollHref(9))).toEqual({ kind: 'enroll', page: 'arruolamento', patientId: 9 });
    expect(parseRoute(paiHref(4))).toEqual({ kind: 'pai', page: 'pai', patientId: 4 });
    expect(parseRoute('#/richiami/3').kind).toBe('not-found');
    expect(parseRoute('#/arruolamento/0').kind).toBe('not-found');
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
  it('has the nine pages of the brief, the day (Oggi) first and the agenda after the calls, with lowercase ids', () => {
    expect(PAGES.map((p) => p.label)).toEqual([
      'Oggi',
      'Accoglienza',
      'Richiami',
      'Agenda',
      'Pazienti',
      'Arruolamento',
      'PAI',
      'Prenotazioni',
      'Importazione',
      'Sincronizzazione',
      'Impostazioni',
    ]);
    for (const p of PAGES) expect(p.id).toBe(p.label.toLowerCase());
  });
  it('sends an inserted Tessera Sanitaria where the user is working', () => {
    expect(cardPatientHref(parseRoute('#/accoglienza'), 4)).toBe('#/accoglienza/4');
    expect(cardPatientHref(parseRoute('#/accoglienza/2'), 4)).toBe('#/accoglienza/4');
    expect(cardPatientHref(parseRoute('#/arruolamento'), 4)).toBe('#/arruolamento/4');
    expect(cardPatientHref(parseRoute('#/richiami'), 4)).toBe('#/pazienti/4');
    expect(cardPatientHref(parseRoute('#/boh'), 4)).toBe('#/pazienti/4');
  });
  it('keys routes so that another patient mounts the page anew', () => {
    expect(routeKey(parseRoute('#/arruolamento/4'))).not.toBe(routeKey(parseRoute('#/arruolamento/5')));
    expect(routeKey(parseRoute('#/arruolamento'))).not.toBe(routeKey(parseRoute('#/arruolamento/5')));
    expect(routeKey(parseRoute('#/pazienti/5'))).not.toBe(routeKey(parseRoute('#/arruolamento/5')));
    expect(documentTitle(parseRoute('#/arruolamento/5'))).toBe('Arruolamento - PiC Studio');
    expect(activePage(parseRoute('#/accoglienza/5'))).toBe('accoglienza');
  });
});
