import { resolveDemoDataDir } from '../dataDir';
import { DEMO_PATIENTS, prepareDemo, type PreparedDemo } from '../demoSetup';
import { rendererDir } from '../paths';
import { DEFAULT_DEMO_SEED } from '../services/demoSeedService';
import { startWebServer } from '../web/server';
import { UsageError, type ParsedArgs } from './args';
import { intOption } from './cardCommands';
import type { Command } from './commandTypes';
import { withCore } from './withCore';
import { openCore } from '../openCore';

/** As the contract's demo.seed allows: larger stores are the benchmark's, seeded directly. */
const MAX_DEMO_PATIENTS = 200_000;

/** `pic demo …` works on the demo folder unless --data-dir names another (never the studio's default). */
function demoArgs(args: ParsedArgs): ParsedArgs {
  return { ...args, dataDir: resolveDemoDataDir(args.options['data-dir']) };
}

function patientCount(args: ParsedArgs, fallback?: number): number | undefined {
  const count = intOption(args, 'patients', fallback);
  if (count !== undefined && count > MAX_DEMO_PATIENTS) throw new UsageError(`--patients is limited to ${MAX_DEMO_PATIENTS}`);
  return count;
}

function seedOption(args: ParsedArgs): number {
  const seed = args.options.seed === undefined ? DEFAULT_DEMO_SEED : Number(args.options.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed needs a whole number, got "${args.options.seed}"`);
  return seed;
}

const prepared = (r: PreparedDemo) =>
  `Demo data folder ${r.dataDir}: ${r.patients} patients (${r.created} created now); the demo's day is ${r.today}.`;

export const DEMO_COMMANDS: Command[] = [
  {
    words: ['demo', 'seed'],
    usage: 'pic demo seed --patients N [--seed S] [--data-dir DIR] [--json]',
    summary: 'add N realistic fake patients to a demo folder (a new folder becomes one); same seed, same patients',
    run(args) {
      const count = patientCount(args);
      if (count === undefined || count < 1) throw new UsageError('--patients N is required');
      const seed = seedOption(args);
      return withCore(
        demoArgs(args),
        async (call, core) => {
          const r = await call('demo.seed', { patients: count, seed });
          const total = (await call('app.info', {})).patientCount;
          return {
            json: { ...r, total, seed, dataDir: core.dataDir },
            text: `Created ${r.created} demo patients (${r.skipped} already present); ${total} patients in ${core.dataDir}.`,
          };
        },
        { demo: true },
      );
    },
  },
  {
    words: ['demo', 'prepare'],
    usage: 'pic demo prepare [--patients N] [--seed S] [--data-dir DIR] [--json]',
    summary: `make a demo folder ready: ${DEMO_PATIENTS} fake patients if it has none, the demo studio's data`,
    run(args) {
      const patients = patientCount(args, DEMO_PATIENTS) as number;
      const seed = seedOption(args);
      return withCore(demoArgs(args), (_call, core) => {
        const r = prepareDemo(core, { patients, seed });
        return { json: r, text: prepared(r) };
      }, { demo: true });
    },
  },
  {
    words: ['demo', 'start'],
    usage: 'pic demo start [--patients N] [--seed S] [--port P] [--data-dir DIR] [--now WHEN [--frozen-clock]] [--json]',
    summary: 'a ready demo in browser mode: demo folder, patients, studio data, virtual cards; prints the URL',
    async run(args) {
      const patients = patientCount(args, DEMO_PATIENTS) as number;
      const seed = seedOption(args);
      const port = intOption(args, 'port', 0) as number;
      if (port > 65535) throw new UsageError(`--port needs a port number, got "${port}"`);
      const demo = demoArgs(args);
      const core = openCore({ dataDir: demo.dataDir, clock: demo.clock, demo: true });
      try {
        const r = prepareDemo(core, { patients, seed });
        const server = await startWebServer({ core, staticDir: rendererDir(), port });
        core.start();
        stopOnSignals(() => server.close().then(() => core.close()));
        return {
          json: { ...r, url: server.url, port: server.port },
          text: `${prepared(r)}\nPiC Studio DEMO in browser mode: open ${server.url}\nOn the lock screen put the demo operator card in Lettore 1 (PIN 12345678). Ctrl+C stops it.`,
        };
      } catch (err) {
        await core.close();
        throw err;
      }
    },
  },
];

/** A server command keeps running until Ctrl+C or SIGTERM, then closes what it opened. */
export function stopOnSignals(close: () => Promise<unknown>): void {
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
