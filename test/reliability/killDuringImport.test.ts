import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExistingDatabase } from '../../main/store/database';
import { computeCodiceFiscale } from '../../shared/domain/codiceFiscale';
import { addDays } from '../../shared/domain/dates';
import { CLI, pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

const dbOf = (dir: string) => openExistingDatabase(dir, { readonly: true });

/** `kill -9` of the CLI in the middle of a large import: whole patients only, and undo works. */
describe('an import killed with SIGKILL', () => {
  it('a process killed mid-import leaves only whole patients, and the run can be undone', async () => {
    const dir = tempDir('pic-import-kill-');
    const csv = path.join(dir, 'grande.csv');
    const lines = ['Codice fiscale;Cognome;Nome;Data di nascita;Sesso;Livello;Patologie;Tipo lettera'];
    for (let i = 0; i < 60_000; i++) {
      const birthDate = addDays('1930-01-01', i % 20_000);
      const surname = ['Rossi', 'Bianchi', 'Verdi'][Math.floor(i / 20_000)]!;
      const cf = computeCodiceFiscale({ surname, givenName: 'Anna', sex: 'F', birthDate, birthPlaceCode: 'G388' });
      lines.push(`${cf};${surname};Anna;${birthDate.split('-').reverse().join('/')};F;2;56|20;3`);
    }
    fs.writeFileSync(csv, lines.join('\n'));
    const child = spawn(process.execPath, [CLI, 'import', 'ats-list', '--path', csv, '--data-dir', dir], { stdio: 'ignore', env: { ...process.env, PIC_LOG_LEVEL: 'error' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const dbFile = path.join(dir, 'pic.sqlite');
    const imported = () => {
      if (!fs.existsSync(dbFile)) return 0;
      try {
        const db = openExistingDatabase(dir, { readonly: true });
        try {
          return db.prepare('SELECT count(*) FROM patients').pluck().get() as number;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 30_000;
    while (imported() < 2000 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    // Killed, not finished: the check below is about an import cut short.
    expect(await exited).toBe('SIGKILL');
    const db = dbOf(dir);
    const patients = db.prepare('SELECT count(*) FROM patients').pluck().get() as number;
    expect(patients).toBeGreaterThan(0);
    expect(patients).toBeLessThan(60_000);
    // Every patient that made it in has both pathologies and the letter of his row: no half-written patient.
    expect(db.prepare('SELECT count(*) FROM patients p WHERE (SELECT count(*) FROM patient_pathologies pp WHERE pp.patient_id = p.id) != 2').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM patients p WHERE NOT EXISTS (SELECT 1 FROM letters l WHERE l.patient_id = p.id)').pluck().get()).toBe(0);
    db.close();
    const runs = pic(['import', 'runs', '--data-dir', dir, '--json']).json() as { runs: { id: number; status: string }[] };
    expect(runs.runs[0]!.status).toBe('interrupted');
    expect(pic(['import', 'undo', String(runs.runs[0]!.id), '--data-dir', dir, '--json']).json()).toMatchObject({ removed: patients });
  }, 90_000);
});
