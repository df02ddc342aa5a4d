import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';

/**
 * Memory of an import of a list of millions of rows (issue 10: five million stay under 300 MB of
 * resident memory). The real CLI imports the file in a child process whose resident set is
 * sampled from /proc; the baseline is a bare Node process streaming the same file line by line.
 */

const ROWS = Number(process.env.BENCH_BIG_ROWS ?? 5_000_000);
const RSS_LIMIT_MIB = 300;
const CLI = path.join(__dirname, 'cli.cjs');
const SURNAMES = ['Rossi', 'Bianchi', 'Colombo', 'Ferrari', 'Brambilla', 'Galli', 'Conti', 'Villa', 'Fontana', 'Sala', 'Riva', 'Longhi', 'Mauri', 'Cattaneo', 'Pozzi'];
const NAMES = ['Mario', 'Luigi', 'Carlo', 'Paolo', 'Enrico', 'Giorgio', 'Franco', 'Piero', 'Aldo', 'Bruno'];
const PLACES = ['G388', 'F205', 'A794', 'B157', 'C933', 'D150', 'E514', 'L682', 'M109', 'H264', 'I441', 'L319', 'B300', 'F704', 'C623'];

/** Rows with distinct codici fiscali: every combination of surname, name, birth day and place once. */
function writeList(file: string, rows: number): void {
  const fd = fs.openSync(file, 'w');
  const days = Math.ceil(rows / (SURNAMES.length * NAMES.length * PLACES.length));
  let written = 0;
  let chunk: string[] = ['Codice fiscale;Cognome;Nome;Data di nascita;Sesso;Livello;Patologie;Tipo lettera;Data lettera\n'];
  outer: for (let d = 0; d < days; d++) {
    const birthDate = addDays('1930-01-01', d);
    const italian = birthDate.split('-').reverse().join('/');
    for (const surname of SURNAMES) {
      for (const givenName of NAMES) {
        for (const place of PLACES) {
          if (written === rows) break outer;
          const cf = computeCodiceFiscale({ surname, givenName, sex: 'M', birthDate, birthPlaceCode: place });
          chunk.push(`${cf};${surname};${givenName};${italian};M;${(written % 3) + 1};56|50;2;16/04/2018\n`);
          written++;
          if (chunk.length === 10_000) {
            fs.writeSync(fd, chunk.join(''));
            chunk = [];
          }
        }
      }
    }
  }
  fs.writeSync(fd, chunk.join(''));
  fs.closeSync(fd);
}

/** Runs a command, sampling its resident set twice a second; its peak in MiB and its duration. */
function peakRss(args: string[]): Promise<{ peakMiB: number; ms: number; stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, PIC_LOG_LEVEL: 'error' } });
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    const sample = () => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        // VmHWM: the highest resident set so far, so a peak between two samples is not missed.
        const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kib);
      } catch {
        // The process has just ended.
      }
    };
    const timer = setInterval(sample, 500);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ peakMiB: Math.round(peak / 102.4) / 10, ms: Math.round(performance.now() - start), stdout, code });
    });
  });
}

const STREAM_LINES = `
const rl = require('node:readline').createInterface({ input: require('node:fs').createReadStream(process.argv[1]) });
let n = 0; rl.on('line', () => n++); rl.on('close', () => console.log(n));`;

export async function runBigImportBench(): Promise<unknown> {
  if (ROWS === 0 || process.platform !== 'linux') {
    const skipped = ROWS === 0 ? 'BENCH_BIG_ROWS=0' : 'resident memory is read from /proc (Linux only)';
    console.log(`Large list memory: skipped (${skipped})`);
    return { skipped };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pic-big-import-'));
  try {
    const file = path.join(scratch, 'lista-enorme.csv');
    writeList(file, ROWS);
    const fileMiB = Math.round(fs.statSync(file).size / 104857.6) / 10;
    const bare = await peakRss(['-e', STREAM_LINES, file]);
    const ours = await peakRss([CLI, 'import', 'ats-list', file, '--data-dir', path.join(scratch, 'data'), '--json']);
    if (ours.code !== 0) throw new Error(`import exited ${ours.code}: ${ours.stdout.slice(0, 500)}`);
    const report = JSON.parse(ours.stdout) as { created: number; status: string };
    const pass = ours.peakMiB < RSS_LIMIT_MIB;
    console.log(`Large list memory, ${ROWS} rows (${fileMiB} MiB CSV)`);
    console.log(
      `  import ${report.created} created in ${Math.round(ours.ms / 1000)} s   peak RSS ${ours.peakMiB} MiB (target < ${RSS_LIMIT_MIB} MiB) ${pass ? 'OK' : 'FAIL'}   bare streaming read ${bare.peakMiB} MiB   ratio ${Math.round((ours.peakMiB / bare.peakMiB) * 100) / 100}x`,
    );
    return { rows: ROWS, fileMiB, created: report.created, seconds: Math.round(ours.ms / 1000), peakRssMiB: ours.peakMiB, bareStreamingRssMiB: bare.peakMiB, target: `< ${RSS_LIMIT_MIB} MiB`, pass };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
