import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { Core } from '../../main/core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { fixture } from '../doubles/importFiles';
import { loggedIn } from '../doubles/operator';
import { tempDir } from '../support/tempDir';

/**
 * The import reads only a file the user picked. A page (or whatever holds the token) that names a
 * file by its path is refused before anything is read, and what an unreadable file holds never
 * comes back in an error's text.
 */

let server: WebServer | null = null;
let core: Core | null = null;

afterEach(async () => {
  await server?.close();
  await core?.close();
  server = null;
  core = null;
});

async function start() {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PiC Studio</title>');
  core = new Core({ dataDir: tempDir() });
  server = await startWebServer({ core, staticDir });
  loggedIn(core, 'segretaria');
  const base = `http://127.0.0.1:${server.port}`;
  const token = server.token;
  const call = async (name: string, input: unknown) => {
    const r = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    return (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const upload = (name: string, bytes: Buffer) =>
    new Promise<{ file: string }>((resolve, reject) => {
      const req = http.request(`${base}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'X-File-Name': encodeURIComponent(name), 'Content-Length': bytes.length } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve((JSON.parse(text) as { value: { file: string } }).value));
      });
      req.on('error', reject);
      req.end(bytes);
    });
  return { call, upload };
}

/** The secrets of this machine the tests point at: /etc/passwd always, /etc/shadow where the tests can read it (as root). */
const SECRETS = ['/etc/passwd', '/etc/shadow'].filter((f) => {
  try {
    fs.accessSync(f, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
});
const linesOf = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
/** No line of `file`, nor a telling piece of one (a user name with its fields), in `text`. */
function expectNothingOf(file: string, text: string) {
  for (const line of linesOf(file)) {
    expect(text).not.toContain(line);
    const user = line.split(':')[0];
    if (user) expect(text).not.toContain(`${user}:`);
  }
}

const FILE_ADAPTERS = ['ats-list', 'mapped-file', 'fhir-bundle'];

describe('a file named by its path from the page', () => {
  it('is refused by import.fileHeaders, import.preview and import.start, in Italian, with nothing of the file in the answer', async () => {
    expect(SECRETS).toContain('/etc/passwd');
    const { call } = await start();
    for (const secret of SECRETS) {
      const headers = await call('import.fileHeaders', { path: secret });
      expect(headers.ok, `fileHeaders ${secret}`).toBe(false);
      expectNothingOf(secret, JSON.stringify(headers));
      for (const adapter of FILE_ADAPTERS) {
        for (const name of ['import.preview', 'import.start']) {
          const answer = await call(name, { adapter, options: { path: secret } });
          expect(answer, `${name} ${adapter} ${secret}`).toMatchObject({ ok: false, error: { code: 'path-not-allowed', message: expect.stringMatching(/Scegli il file/) } });
          expectNothingOf(secret, JSON.stringify(answer));
        }
      }
    }
    // Nothing was started, so nothing is in the history either.
    expect((await call('import.runs', {})).value.runs).toEqual([]);
  });

  it('is refused over Electron IPC as over HTTP, whatever the adapter; the CLI still imports by path', async () => {
    core = new Core({ dataDir: tempDir() });
    loggedIn(core, 'segretaria');
    for (const adapter of [...FILE_ADAPTERS, 'a-plugin']) {
      const answer = await dispatch(core, 'import.preview', { adapter, options: { path: '/etc/passwd' } }, 'electron');
      expect(answer, adapter).toMatchObject({ ok: false, error: { code: 'path-not-allowed' } });
    }
    expect(await dispatch(core, 'import.fileHeaders', { path: fixture('mapped-export.csv') }, 'electron')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const cli = await dispatch(core, 'import.preview', { adapter: 'ats-list', options: { path: fixture('ats-list-1252.csv') } }, 'cli');
    expect(cli).toMatchObject({ ok: true, value: { match: true } });
  });

  it('a handle the core did not give is refused as such', async () => {
    const { call } = await start();
    const answer = await call('import.preview', { adapter: 'ats-list', options: { file: 'file_0123456789abcdef0123456789abcdef' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'file-not-chosen', message: expect.stringMatching(/sceglierlo di nuovo/) } });
    expect(await call('import.fileHeaders', { file: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('a chosen file that is no list of patients', () => {
  it('is refused without quoting what it holds', async () => {
    const { call, upload } = await start();
    for (const secret of SECRETS) {
      for (const adapter of FILE_ADAPTERS) {
        // Uploaded as a list would be: the user picked the wrong file.
        const { file } = await upload(`${path.basename(secret)}.csv`, fs.readFileSync(secret));
        const preview = await call('import.preview', { adapter, options: { file } });
        expect(preview.ok, `${adapter} ${secret}`).toBe(false);
        expect(preview.error!.message).toMatch(/una sola colonna|non è un file JSON/);
        expectNothingOf(secret, JSON.stringify(preview));
        const started = await call('import.start', { adapter, options: { file } });
        const ended = await call('import.status', { job: started.value.job, waitMs: 10_000 });
        expect(ended.value.report.status).toBe('failed');
        expectNothingOf(secret, JSON.stringify(ended));
        expectNothingOf(secret, JSON.stringify(await call('import.runs', {})));
      }
    }
  });
});
