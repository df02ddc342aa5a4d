import { spawn } from 'node:child_process';
import http from 'node:http';
import { resolveCardImage, VirtualCardHost, type SlotState } from '../../native/virtual/cardHost';
import { todayIn, type Clock } from '../clock';
import { createLogger } from '../log';

const log = createLogger('virtual-card-daemon');

/** Loopback port of the daemon that keeps virtual cards inserted between CLI calls. */
export const DEFAULT_CONTROL_PORT = 35970;

export interface InsertRequest {
  slot: number;
  card: string;
  pullAfterApdus?: number;
}

/**
 * `pic virtual-card serve`: a card stays inserted only while its TCP connection to vpcd is open,
 * so a process must hold it. This one does, and takes orders on 127.0.0.1 only. A TS's dates
 * are counted from `clock`'s day when it goes in.
 */
export async function serveVirtualCards(port: number, clock: Clock): Promise<{ port: number; stopped: Promise<void> }> {
  const host = new VirtualCardHost({ today: () => todayIn(clock) });
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const server = http.createServer((req, res) => {
    void handle(req).then(
      (body) => reply(res, 200, body),
      (err: Error) => reply(res, 400, { error: err.message }),
    );
  });

  async function handle(req: http.IncomingMessage): Promise<unknown> {
    const body = req.method === 'POST' ? await readBody(req) : {};
    switch (`${req.method} ${req.url}`) {
      case 'GET /state':
        return host.state();
      case 'POST /insert': {
        const { slot, card, pullAfterApdus } = body as InsertRequest;
        await host.insert(slot, resolveCardImage(card), { pullAfterApdus });
        log.info('inserted', { slot, card });
        return host.state();
      }
      case 'POST /remove':
        await host.remove((body as { slot: number }).slot);
        return host.state();
      case 'POST /stop':
        setImmediate(() => {
          void host.removeAll().then(() => server.close(() => stop()));
        });
        return { stopping: true };
      default:
        throw new Error(`unknown request ${req.method} ${req.url}`);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { port, stopped };
}

export class VirtualCardClient {
  constructor(private readonly port = DEFAULT_CONTROL_PORT) {}

  state(): Promise<SlotState[]> {
    return this.request('GET', '/state') as Promise<SlotState[]>;
  }

  insert(request: InsertRequest): Promise<SlotState[]> {
    return this.request('POST', '/insert', request) as Promise<SlotState[]>;
  }

  remove(slot: number): Promise<SlotState[]> {
    return this.request('POST', '/remove', { slot }) as Promise<SlotState[]>;
  }

  async stop(): Promise<boolean> {
    if (!(await this.running())) return false;
    await this.request('POST', '/stop', {});
    return true;
  }

  async running(): Promise<boolean> {
    try {
      await this.state();
      return true;
    } catch {
      return false;
    }
  }

  /** Starts a detached `pic virtual-card serve` with this very CLI if none answers yet (`extraArgs`: its clock). */
  async ensureDaemon(cliPath: string, extraArgs: readonly string[] = []): Promise<void> {
    if (await this.running()) return;
    const child = spawn(process.execPath, [cliPath, 'virtual-card', 'serve', '--control-port', String(this.port), ...extraArgs], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    for (let i = 0; i < 100; i++) {
      if (await this.running()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the virtual card daemon did not start on port ${this.port}`);
  }

  private request(method: string, path: string, body?: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.port, method, path, headers: { 'Content-Type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { error?: string };
          if (res.statusCode !== 200) reject(new Error(parsed.error ?? `HTTP ${res.statusCode}`));
          else resolve(parsed);
        });
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch (err) {
        reject(err as Error);
      }
    });
    req.on('error', reject);
  });
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
