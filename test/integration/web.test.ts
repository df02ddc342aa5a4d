import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../../main/core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { loggedIn } from '../doubles/operator';
import { tempDir } from '../support/tempDir';

let server: WebServer | null = null;
let core: Core | null = null;

afterEach(async () => {
  await server?.close();
  core?.close();
  server = null;
  core = null;
});

async function start(): Promise<{ base: string; token: string; staticDir: string }> {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PiC Studio</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // A demo's folder: the tests seed fake patients through the API.
  core = new Core({ dataDir: tempDir(), createAs: 'demo' });
  server = await startWebServer({ core, staticDir });
  return { base: `http://127.0.0.1:${server.port}`, token: server.token, staticDir };
}

const call = (base: string, token: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });

describe('browser mode server', () => {
  it('listens on loopback only and prints a URL carrying the token in the fragment', async () => {
    const { token } = await start();
    expect(server!.url).toBe(`http://127.0.0.1:${server!.port}/#token=${token}`);
    expect(token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers contract calls with the same envelope as IPC', async () => {
    const { base, token } = await start();
    await call(base, token, 'demo.seed', { patients: 300, seed: 3 });
    const locked = await (await call(base, token, 'patients.search', { text: 'ro' })).json();
    expect(locked).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
    loggedIn(core!, 'segretaria');
    const r = await (await call(base, token, 'patients.search', { text: 'ro' })).json();
    expect(r.ok).toBe(true);
    expect(r.value.patients.length).toBeGreaterThan(0);
    const short = await (await call(base, token, 'patients.search', { text: '' })).json();
    expect(short).toMatchObject({ ok: false, error: { code: 'search-too-short' } });
    const unknown = await (await call(base, token, 'shell.exec', {})).json();
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    const garbage = await fetch(`${base}/api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{not json' });
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).error.message).toMatch(/JSON non valido/);
  });

  it('refuses calls without the token, with a wrong one, or from another origin', async () => {
    const { base, token } = await start();
    expect((await call(base, 'wrong', 'app.info', {})).status).toBe(401);
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call(base, token, 'app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const get = await fetch(`${base}/api/app.info`, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const { base, token } = await start();
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/app.info`, { method: 'POST', headers: { Host: 'evil.example', Authorization: `Bearer ${token}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const { base } = await start();
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; script-src 'self'/);
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    const escape = await fetch(`${base}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toMatch(/root:/);
  });

  it('pushes events over the WebSocket only with the token', async () => {
    const { base, token } = await start();
    const wsBase = base.replace('http', 'ws');
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${wsBase}/events?token=nope`);
      ws.on('error', (e) => resolve(e.message));
      ws.on('open', () => resolve('opened'));
    });
    expect(refused).toMatch(/401/);

    const ws = new WebSocket(`${wsBase}/events?token=${token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    const messages: { event: string; payload: unknown }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await call(base, token, 'demo.seed', { patients: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.close();
    // A new patient may be the holder of a card in a reader: the card state follows.
    expect(messages.map((m) => m.event)).toEqual(['task.progress', 'task.progress', 'patients.changed', 'cards.changed']);
    expect(messages.find((m) => m.event === 'patients.changed')!.payload).toEqual({ count: 10 });
  });
});
