import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../main/core';
import { startWebServer, type WebServer } from '../../main/web/server';
import { tempDir } from '../support/tempDir';

/** Browser mode attacked from another page or a raw socket: every request is answered, the process lives on. */

let server: WebServer | null = null;
let core: Core | null = null;

afterEach(async () => {
  await server?.close();
  core?.close();
  server = null;
  core = null;
});

async function start(timeouts?: { headersMs: number; requestMs: number }) {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PiC Studio</title>');
  core = new Core({ dataDir: tempDir(), createAs: 'demo' });
  server = await startWebServer({ core, staticDir, timeouts });
  return { port: server.port, token: server.token };
}

function raw(port: number, requestPath: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const alive = async (port: number, token: string) =>
  (await raw(port, '/api/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })).status;

describe('browser mode under hostile requests', () => {
  it('answers a malformed percent-encoding with 400, static or API, and keeps serving', async () => {
    const { port, token } = await start();
    // What an <img src="http://127.0.0.1:PORT/%E0%A4%A"> on any site makes the browser send.
    expect((await raw(port, '/%E0%A4%A')).status).toBe(400);
    expect((await raw(port, '/api/%E0%A4%A', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' })).status).toBe(400);
    expect(await alive(port, token)).toBe(200);
  });

  it('answers an oversized body with 413 and the Italian reason, not a reset connection', async () => {
    const { port, token } = await start();
    const big = Buffer.alloc(16 * 1024 * 1024, 0x20);
    const answer = await raw(port, '/api/app.info', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: big });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'request-too-large', message: expect.stringMatching(/troppo grandi/) } });
    expect(await alive(port, token)).toBe(200);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const { port, token } = await start({ headersMs: 300, requestMs: 600 });
    const closed = await new Promise<number>((resolve) => {
      const t0 = Date.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`));
      socket.resume();
      socket.on('close', () => resolve(Date.now() - t0));
      socket.on('error', () => undefined);
    });
    expect(closed).toBeLessThan(5_000);
    expect(await alive(port, token)).toBe(200);
  });

  it('answers garbage on the socket with 400', async () => {
    const { port, token } = await start();
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      const socket = net.connect(port, '127.0.0.1', () => socket.write('\u0000\u0001 not http at all\r\n\r\n'));
      socket.on('data', (c) => (text += c.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(await alive(port, token)).toBe(200);
  });
});
