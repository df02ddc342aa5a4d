import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../main/core';
import { UPLOADS_FOLDER } from '../../main/importers/chosenFiles';
import { startWebServer, type WebServer } from '../../main/web/server';
import { loggedIn } from '../doubles/operator';
import { fixture } from '../doubles/importFiles';
import { tempDir } from '../support/tempDir';

/** Browser mode's upload of a file to import: only for the studio's page, bounded in size and in memory, nothing left of a failed one. */

let server: WebServer | null = null;
let core: Core | null = null;

afterEach(async () => {
  await server?.close();
  await core?.close();
  server = null;
  core = null;
});

async function start(options: { maxUploadBytes?: number } = {}) {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PiC Studio</title>');
  const dataDir = tempDir();
  core = new Core({ dataDir });
  server = await startWebServer({ core, staticDir, ...options });
  return { port: server.port, token: server.token, dataDir, uploads: path.join(dataDir, UPLOADS_FOLDER) };
}

interface Answer {
  status: number;
  body: { ok: boolean; value?: { file: string; name: string; size: number }; error?: { code: string; message: string } };
}

/**
 * POST /upload as the page's XMLHttpRequest makes it: the bytes streamed from `source` (a file,
 * or chunks given as they are sent) with their length announced unless `chunked`.
 */
function upload(port: number, source: { file: string } | { chunks: Buffer[] }, options: { token?: string; name?: string; headers?: Record<string, string>; chunked?: boolean; cutAfter?: number } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const length = 'file' in source ? fs.statSync(source.file).size : source.chunks.reduce((n, c) => n + c.length, 0);
    const headers: Record<string, string> = {
      Host: `127.0.0.1:${port}`,
      'Content-Type': 'application/octet-stream',
      ...(options.token !== undefined && { Authorization: `Bearer ${options.token}` }),
      ...(options.name !== undefined && { 'X-File-Name': encodeURIComponent(options.name) }),
      ...(!options.chunked && { 'Content-Length': String(length) }),
      ...options.headers,
    };
    const req = http.request({ host: '127.0.0.1', port, path: '/upload', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
    });
    req.on('error', reject);
    if ('file' in source) {
      fs.createReadStream(source.file).pipe(req);
      return;
    }
    let sent = 0;
    for (const chunk of source.chunks) {
      req.write(chunk);
      sent += chunk.length;
      if (options.cutAfter !== undefined && sent >= options.cutAfter) {
        setTimeout(() => req.destroy(), 50);
        return;
      }
    }
    req.end();
  });
}

const call = async (port: number, token: string, name: string, input: unknown) => {
  const r = await fetch(`http://127.0.0.1:${port}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  return (await r.json()) as { ok: boolean; value?: any; error?: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []);
const until = async (check: () => boolean, ms = 5_000) => {
  for (const t0 = Date.now(); !check() && Date.now() - t0 < ms; ) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('POST /upload', () => {
  it('is refused without the token, with a wrong one, from another origin, by GET, and to anyone who may not import', async () => {
    const { port, token, uploads } = await start();
    const chunks = [Buffer.from('Codice fiscale\n')];
    expect((await upload(port, { chunks }, { name: 'a.csv' })).status).toBe(401);
    expect((await upload(port, { chunks }, { name: 'a.csv', token: 'wrong' })).status).toBe(401);
    expect((await upload(port, { chunks }, { name: 'a.csv', token, headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const get = await fetch(`http://127.0.0.1:${port}/upload`, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);

    const nobody = await upload(port, { chunks }, { name: 'a.csv', token });
    expect(nobody).toMatchObject({ status: 403, body: { ok: false, error: { code: 'not-logged-in', message: expect.stringMatching(/carta operatore/) } } });
    loggedIn(core!, 'case_manager');
    expect((await upload(port, { chunks }, { name: 'a.csv', token })).body.error?.code).toBe('forbidden');
    loggedIn(core!, 'segretaria');
    expect((await upload(port, { chunks }, { token })).body).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/nome del file/) } });
    expect(filesIn(uploads)).toEqual([]);
  });

  it('refuses a file over the limit with 413 and the reason in Italian, and keeps nothing of it', async () => {
    const { port, token, uploads } = await start({ maxUploadBytes: 1_000_000 });
    loggedIn(core!, 'segretaria');
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(100_000, 0x41));
    const announced = await upload(port, { chunks }, { name: 'grande.csv', token });
    expect(announced).toMatchObject({ status: 413, body: { ok: false, error: { code: 'upload-too-large', message: 'Il file è troppo grande per essere importato: al massimo 1 MB.' } } });
    // Sent without announcing its length: cut off once past the limit.
    const streamed = await upload(port, { chunks }, { name: 'grande.csv', token, chunked: true }).catch((err: Error) => err);
    if (!(streamed instanceof Error)) expect(streamed).toMatchObject({ status: 413, body: { error: { code: 'upload-too-large' } } });
    expect(await until(() => filesIn(uploads).length === 0)).toBe(true);
    expect((await upload(port, { chunks: [Buffer.from('Codice fiscale\n')] }, { name: 'piccolo.csv', token })).status).toBe(200);
  });

  it('keeps nothing of an upload the page broke off', async () => {
    const { port, token, uploads } = await start();
    loggedIn(core!, 'segretaria');
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(100_000, 0x41));
    await expect(upload(port, { chunks }, { name: 'interrotto.csv', token, cutAfter: 1_000_000 })).rejects.toThrow();
    expect(await until(() => filesIn(uploads).length === 0 && fs.existsSync(uploads))).toBe(true);
    expect((await call(port, token, 'app.info', {})).ok).toBe(true);
  });

  it('streams a 50 MB file to an owner-only file in <data>/uploads without holding it in memory', async () => {
    const { port, token, uploads } = await start();
    loggedIn(core!, 'segretaria');
    const big = path.join(tempDir(), 'lista-ats-grande.csv');
    const line = 'RSSMRA58D12G388C;ROSSI;MARIO;12/04/1958;M;2;56;3\n';
    const block = Buffer.from(line.repeat(Math.ceil(1024 * 1024 / line.length)));
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, 'Codice fiscale;Cognome;Nome;Data di nascita;Sesso;Livello;Patologie;Tipo lettera\n');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    const size = fs.statSync(big).size;

    // Live memory only: a full collection before each sample. V8 frees dead buffers' memory on a
    // background thread after a collection, and counts it until then; the second collection waits
    // for the first one's, or a loaded machine would count buffers already dead.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = live();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 200);
    let answer: Answer;
    try {
      answer = await upload(port, { file: big }, { name: 'lista-ats-grande.csv', token });
    } finally {
      clearInterval(sampler);
    }
    expect(answer).toMatchObject({ status: 200, body: { ok: true, value: { file: expect.stringMatching(/^file_[0-9a-f]{32}$/), name: 'lista-ats-grande.csv', size } } });
    // Holding the body would take 50 MB at least; streamed, a few buffers of 64 kB.
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(20);

    const [stored] = filesIn(uploads);
    expect(filesIn(uploads)).toHaveLength(1);
    expect(path.basename(stored!)).toBe('lista-ats-grande.csv');
    expect(fs.statSync(stored!).mode & 0o777).toBe(0o600);
    const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    expect(hash(stored!)).toBe(hash(big));
  }, 60_000);

  it('gives a handle that imports the file, which is removed once the import ends', async () => {
    const { port, token, uploads } = await start();
    loggedIn(core!, 'segretaria');
    const answer = await upload(port, { file: fixture('ats-list-1252.csv') }, { name: 'lista ATS (1252).csv', token });
    expect(answer.status).toBe(200);
    const { file, name } = answer.body.value!;
    expect(name).toBe('lista ATS (1252).csv');

    const preview = await call(port, token, 'import.preview', { adapter: 'ats-list', options: { file } });
    expect(preview.ok).toBe(true);
    expect(preview.value.items.some((i: { outcome: string }) => i.outcome === 'create')).toBe(true);
    const started = await call(port, token, 'import.start', { adapter: 'ats-list', options: { file } });
    expect(started.ok).toBe(true);
    const ended = await call(port, token, 'import.status', { job: started.value.job, waitMs: 10_000 });
    expect(ended.value.report).toMatchObject({ status: 'done', created: expect.any(Number) });
    expect(ended.value.report.created).toBeGreaterThan(0);
    expect((await call(port, token, 'import.runs', {})).value.runs[0].source).toBe('lista ATS (1252).csv');
    expect(await until(() => filesIn(uploads).length === 0)).toBe(true);
    expect(await call(port, token, 'import.preview', { adapter: 'ats-list', options: { file } })).toMatchObject({ ok: false, error: { code: 'file-not-chosen' } });
  });

  it('drops an upload the page released, and every upload when the server closes', async () => {
    const { port, token, uploads } = await start();
    loggedIn(core!, 'segretaria');
    const first = (await upload(port, { chunks: [Buffer.from('Codice fiscale\n')] }, { name: 'primo.csv', token })).body.value!;
    await upload(port, { chunks: [Buffer.from('Codice fiscale\n')] }, { name: 'secondo.csv', token });
    expect(filesIn(uploads)).toHaveLength(2);
    expect(await call(port, token, 'import.releaseFile', { file: first.file })).toEqual({ ok: true, value: { released: true } });
    expect(await until(() => filesIn(uploads).length === 1)).toBe(true);
    await server!.close();
    await core!.close();
    server = null;
    core = null;
    expect(filesIn(uploads)).toEqual([]);
  });
});
