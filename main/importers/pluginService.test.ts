import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir';
import { EventHub } from '../events';
import { Store } from '../store/store';
import { ENABLED_PLUGINS_KEY, PluginService, PLUGINS_FOLDER } from './pluginService';
import { AdapterRegistry } from './registry';

const clock = { now: () => new Date('2026-12-01T10:00:00Z') };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A plug-in whose top-level code leaves `marker` behind: proof that it ran. */
function pluginSource(marker: string, name = 'Elenco di prova'): string {
  return `import fs from 'node:fs';
fs.writeFileSync(${JSON.stringify(marker)}, 'eseguito');
export default {
  id: 'elenco-prova', name: ${JSON.stringify(name)}, description: 'Un codice fiscale per riga', source: 'file',
  options: { safeParse: (o) => ({ success: true, data: o }) },
  async detect() { return { match: true }; },
  async preview() { return { items: [], warnings: [] }; },
  async *read() {},
};
`;
}

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

/** The plug-in layer of one start of the app on `dataDir`: a new registry, as after a restart. */
function start(dataDir: string) {
  const store = Store.open(dataDir, clock);
  opened.push(store);
  const events = new EventHub();
  const changes: unknown[] = [];
  events.on('plugins.changed', (p) => changes.push(p));
  const registry = new AdapterRegistry([]);
  return { store, registry, changes, plugins: new PluginService(store, registry, events, clock, dataDir) };
}

function setup() {
  const dataDir = tempDir('pic-plugins-');
  const folder = path.join(dataDir, PLUGINS_FOLDER);
  fs.mkdirSync(folder);
  const marker = path.join(dataDir, 'eseguito.txt');
  const source = pluginSource(marker);
  fs.writeFileSync(path.join(folder, 'elenco.mjs'), source);
  return { dataDir, folder, marker, source };
}

describe('import plug-ins, opt-in by content hash', () => {
  it('never runs a plug-in nobody enabled: it is listed as not enabled, with its hash', async () => {
    const { dataDir, marker, source } = setup();
    const app = start(dataDir);
    await app.plugins.ready();
    const { plugins } = await app.plugins.list();
    expect(plugins).toEqual([
      { file: 'elenco.mjs', sha256: sha256(source), size: Buffer.byteLength(source), state: 'not-enabled', enabledAt: null, adapter: null, error: null },
    ]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(app.registry.list()).toEqual([]);
  });

  it('refuses an enable carrying another hash than the file has, and runs nothing', async () => {
    const { dataDir, marker } = setup();
    const app = start(dataDir);
    await expect(app.plugins.enable('elenco.mjs', sha256('un altro contenuto'), null)).rejects.toMatchObject({ code: 'plugin-changed' });
    expect(fs.existsSync(marker)).toBe(false);
    expect((await app.plugins.list()).plugins[0]!.state).toBe('not-enabled');
    expect(app.store.audit.forEntity('settings', ENABLED_PLUGINS_KEY)).toEqual([]);
    await expect(app.plugins.enable('assente.mjs', sha256('x'), null)).rejects.toMatchObject({ code: 'plugin-not-found' });
  });

  it('enabled with the hash shown, it is loaded at once and the change is audited', async () => {
    const { dataDir, marker, source } = setup();
    const app = start(dataDir);
    const { plugins } = await app.plugins.enable('elenco.mjs', sha256(source), 'BNCGLI70A41F205X');
    expect(plugins[0]).toMatchObject({ state: 'enabled', enabledAt: '2026-12-01T10:00:00.000Z', adapter: { id: 'elenco-prova', name: 'Elenco di prova' }, error: null });
    expect(fs.existsSync(marker)).toBe(true);
    expect(app.registry.get('elenco-prova').name).toBe('Elenco di prova');
    expect(app.changes).toHaveLength(1);
    expect(app.store.audit.forEntity('settings', ENABLED_PLUGINS_KEY)).toMatchObject([
      { action: 'settings.plugins.enable', operatorCf: 'BNCGLI70A41F205X', detail: { file: 'elenco.mjs', sha256: sha256(source) } },
    ]);

    // The next start loads it again, from the settings.
    fs.rmSync(marker);
    const again = start(dataDir);
    await again.plugins.ready();
    expect(fs.existsSync(marker)).toBe(true);
    expect(again.registry.get('elenco-prova').name).toBe('Elenco di prova');
  });

  it('a plug-in changed after it was enabled is not run, at the next start either, until enabled again', async () => {
    const { dataDir, folder, marker, source } = setup();
    const app = start(dataDir);
    await app.plugins.enable('elenco.mjs', sha256(source), null);
    const changedMarker = path.join(dataDir, 'modificato.txt');
    const changed = pluginSource(changedMarker, 'Elenco modificato');
    fs.writeFileSync(path.join(folder, 'elenco.mjs'), changed);
    expect((await app.plugins.list()).plugins[0]).toMatchObject({ state: 'changed', sha256: sha256(changed), enabledAt: '2026-12-01T10:00:00.000Z' });

    fs.rmSync(marker);
    const restarted = start(dataDir);
    await restarted.plugins.ready();
    expect(fs.existsSync(changedMarker)).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
    expect(restarted.registry.list()).toEqual([]);
    expect((await restarted.plugins.list()).plugins[0]).toMatchObject({ state: 'changed', adapter: null });
    // The hash enabled before is not the file's any more.
    await expect(restarted.plugins.enable('elenco.mjs', sha256(source), null)).rejects.toMatchObject({ code: 'plugin-changed' });
    expect(fs.existsSync(changedMarker)).toBe(false);

    const reenabled = await restarted.plugins.enable('elenco.mjs', sha256(changed), null);
    expect(reenabled.plugins[0]).toMatchObject({ state: 'enabled', adapter: { name: 'Elenco modificato' } });
    expect(fs.existsSync(changedMarker)).toBe(true);
  });

  it('a new content enabled in the same run replaces the adapter (not the module Node cached)', async () => {
    const { dataDir, folder, source } = setup();
    const app = start(dataDir);
    await app.plugins.enable('elenco.mjs', sha256(source), null);
    const changed = pluginSource(path.join(dataDir, 'modificato.txt'), 'Elenco modificato');
    fs.writeFileSync(path.join(folder, 'elenco.mjs'), changed);
    await app.plugins.enable('elenco.mjs', sha256(changed), null);
    expect(app.registry.get('elenco-prova').name).toBe('Elenco modificato');
  });

  it('disabled, its adapter is no longer offered, nor loaded at the next start', async () => {
    const { dataDir, marker, source } = setup();
    const app = start(dataDir);
    await app.plugins.enable('elenco.mjs', sha256(source), null);
    const { plugins } = await app.plugins.disable('elenco.mjs', 'BNCGLI70A41F205X');
    expect(plugins[0]).toMatchObject({ state: 'not-enabled', enabledAt: null, adapter: null });
    expect(() => app.registry.get('elenco-prova')).toThrow(/elenco-prova/);
    expect(app.changes).toHaveLength(2);
    expect(app.store.audit.forEntity('settings', ENABLED_PLUGINS_KEY).map((e) => e.action)).toEqual(['settings.plugins.enable', 'settings.plugins.disable']);
    await expect(app.plugins.disable('elenco.mjs', null)).rejects.toMatchObject({ code: 'plugin-not-enabled' });

    fs.rmSync(marker);
    const restarted = start(dataDir);
    await restarted.plugins.ready();
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('runs only the file enabled: a file beside it, which nobody enabled, cannot be imported from it', async () => {
    const { dataDir, folder } = setup();
    const helperMarker = path.join(dataDir, 'aiutante.txt');
    fs.writeFileSync(path.join(dataDir, 'aiutante.mjs'), `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(helperMarker)}, 'x'); export default {};`);
    const source = `import helper from '../aiutante.mjs';\nexport default helper;\n`;
    fs.writeFileSync(path.join(folder, 'composto.mjs'), source);
    const app = start(dataDir);
    const { plugins } = await app.plugins.enable('composto.mjs', sha256(source), null);
    expect(plugins.find((p) => p.file === 'composto.mjs')).toMatchObject({ state: 'enabled', adapter: null, error: expect.stringMatching(/aiutante/) });
    expect(fs.existsSync(helperMarker)).toBe(false);
  });

  it('an enabled plug-in that is no adapter is reported with its reason, never fatal', async () => {
    const { dataDir, folder } = setup();
    const source = 'export default { id: "x" };';
    fs.writeFileSync(path.join(folder, 'rotto.js'), source);
    const app = start(dataDir);
    const { plugins } = await app.plugins.enable('rotto.js', sha256(source), null);
    expect(plugins.find((p) => p.file === 'rotto.js')).toMatchObject({ state: 'enabled', adapter: null, error: expect.stringMatching(/name/) });
    expect(app.registry.pluginFailures()).toEqual([{ file: 'rotto.js', reason: expect.stringMatching(/name/) }]);
  });
});
