import { describe, expect, it } from 'vitest';
import type { PluginView } from '../../shared/contract/plugins';
import { pluginActions, pluginStatus } from './plugins';

const base: PluginView = { file: 'elenco.mjs', sha256: 'a'.repeat(64), size: 812, state: 'not-enabled', enabledAt: null, adapter: null, error: null };

describe('import plug-ins in Impostazioni', () => {
  it('says a plug-in nobody enabled is not run, and offers to enable it', () => {
    expect(pluginStatus(base)).toEqual({ label: 'Non abilitato', tone: 'todo', detail: 'Non viene eseguito finché non lo si abilita.' });
    expect(pluginActions(base)).toEqual(['enable']);
  });

  it('asks to enable again a plug-in changed since, or to disable it', () => {
    const changed: PluginView = { ...base, state: 'changed', enabledAt: '2026-12-01T10:00:00.000Z' };
    expect(pluginStatus(changed)).toMatchObject({ label: "Modificato dopo l'abilitazione: riabilitare", tone: 'expired' });
    expect(pluginStatus(changed).detail).not.toMatch(/riavvio/);
    expect(pluginStatus({ ...changed, adapter: { id: 'elenco', name: 'Elenco' } }).detail).toMatch(/Fino al riavvio resta in uso la versione abilitata/);
    expect(pluginActions(changed)).toEqual(['enable', 'disable']);
  });

  it('names what an enabled plug-in adds, or why it did not load', () => {
    const enabled: PluginView = { ...base, state: 'enabled', enabledAt: '2026-12-01T10:00:00.000Z', adapter: { id: 'elenco', name: 'Elenco di prova' } };
    expect(pluginStatus(enabled)).toEqual({ label: 'Abilitato', tone: 'ok', detail: 'Aggiunge il tipo di importazione «Elenco di prova».' });
    expect(pluginStatus({ ...enabled, adapter: null, error: '"name" must be a non-empty string' })).toEqual({
      label: 'Abilitato, non caricato',
      tone: 'expired',
      detail: 'Errore nel plug-in: "name" must be a non-empty string',
    });
    expect(pluginStatus({ ...enabled, adapter: null }).detail).toBe('Verrà caricato al prossimo avvio.');
    expect(pluginActions(enabled)).toEqual(['disable']);
  });
});
