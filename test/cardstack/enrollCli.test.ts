import { afterAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates';
import { systemClock, todayIn } from '../../main/clock';
import { pic } from '../support/cli';
import { tempDir } from '../support/tempDir';

const skipReason = inject('pcscdSkipReason');
if (skipReason) console.log(`[enroll CLI] skipped: ${skipReason}`);

const ROSSI = 'RSSMRA58D12G388C';
const control = ['--control-port', '35978'];

/** The whole studio day from the command line, with virtual cards in vpcd's readers. */
describe.skipIf(skipReason)('pic letters / calls / enroll / deadlines', () => {
  const dir = tempDir('pic-enroll-cli-');
  const run = (args: string[], input?: string) => pic([...args, '--data-dir', dir, '--json'], { input });

  afterAll(() => {
    pic(['virtual-card', 'stop', ...control]);
  });

  it('takes a patient from the letter to enrolled, refusing what the rules forbid', () => {
    // The CLI runs on the real clock: dates are counted from its day.
    const today = todayIn(systemClock);
    expect(run(['studio', 'set', '--gestore', 'Cooperativa MMG Pavia', '--mmg', 'Dott.ssa Giulia Bianchi', '--address', 'Via Roma 1, Pavia', '--phone', '0382 000000']).status).toBe(0);
    expect(run(['patients', 'add', '--cf', ROSSI, '--surname', 'Rossi', '--given-name', 'Mario', '--birth-date', '1958-04-12', '--sex', 'M']).status).toBe(0);
    const wrongSex = run(['patients', 'add', '--cf', 'BNCMRA50C47G388N', '--surname', 'Bianchi', '--given-name', 'Maria', '--birth-date', '1950-03-07', '--sex', 'M']);
    expect(wrongSex.status).toBe(1);
    expect(wrongSex.json()).toMatchObject({ error: 'cf-mismatch' });

    const letter = run(['letters', 'add', '--cf', ROSSI, '--type', '2', '--date', addDays(today, -60), '--phone', '0382 123456']);
    expect(letter.status).toBe(0);
    expect(letter.json()).toMatchObject({ message: expect.stringMatching(/sarà ricontattato/) });
    const calls = run(['calls', 'list']).json() as { entries: { codiceFiscale: string; source: string; letterType: number; phone: string }[] };
    expect(calls.entries).toEqual([expect.objectContaining({ codiceFiscale: ROSSI, source: 'letter', letterType: 2, phone: '0382 123456' })]);
    expect(run(['calls', 'record', '--cf', ROSSI, '--outcome', 'appointment']).json()).toMatchObject({ error: 'date-required' });
    expect(run(['calls', 'record', '--cf', ROSSI, '--outcome', 'appointment', '--date', addDays(today, 6)]).json()).toMatchObject({ error: 'time-required' });
    expect(run(['calls', 'record', '--cf', ROSSI, '--outcome', 'appointment', '--date', addDays(today, 6), '--time', '10:30']).json()).toEqual({ entry: null });
    // The appointment takes him off the queue and into that day's agenda.
    expect((run(['calls', 'list']).json() as { total: number }).total).toBe(0);
    expect(run(['agenda', '--date', addDays(today, 6)]).json()).toMatchObject({ appointments: [{ codiceFiscale: ROSSI, time: '10:30', enrollmentState: 'candidate' }] });

    const noCards = run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin', '--wait-ms', '800'], '12345678\n');
    expect(noCards.status).toBe(1);
    expect(noCards.json()).toMatchObject({ error: 'operator-card-missing' });

    pic(['virtual-card', 'insert', '--slot', '0', '--card', 'operator-mmg', ...control]);
    const noTs = run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin'], '12345678\n');
    expect(noTs.json()).toMatchObject({ error: 'patient-card-missing' });

    pic(['virtual-card', 'insert', '--slot', '1', '--card', 'ts-accented', ...control]);
    expect(run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin'], '12345678\n').json()).toMatchObject({ error: 'card-mismatch' });

    pic(['virtual-card', 'insert', '--slot', '1', '--card', 'ts-rossi-mario', ...control]);
    const wrongPin = run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin'], '99999999\n');
    expect(wrongPin.status).toBe(1);
    expect(wrongPin.json()).toMatchObject({ error: 'wrong-pin', triesLeft: 2 });

    const registered = run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin'], '12345678\n');
    expect(registered.status).toBe(0);
    const { id, state, deadline } = registered.json() as { id: number; state: string; deadline: string };
    expect(state).toBe('registered');
    expect(deadline).toBe(addDays(today, 7));
    expect(run(['enroll', 'register', '--cf', ROSSI, '--pin-stdin'], '12345678\n').json()).toMatchObject({ error: 'already-registered' });
    expect((run(['calls', 'list']).json() as { total: number }).total).toBe(0);

    const deadlines = run(['deadlines']).json() as { registrations: { enrollmentId: number; when: string }[] };
    expect(deadlines.registrations).toEqual([expect.objectContaining({ enrollmentId: id, when: 'later' })]);

    expect(run(['enroll', 'sign', '--id', String(id), '--patto', '--privacy']).json()).toMatchObject({ error: 'privacy-choices-missing' });
    expect(run(['enroll', 'sign', '--id', String(id), '--privacy', '--answers', 'yes,maybe,no']).status).toBe(2);
    const signed = run(['enroll', 'sign', '--id', String(id), '--patto', '--privacy', '--answers', 'yes,yes,no']);
    expect(signed.status).toBe(0);
    expect(signed.json()).toMatchObject({ id, state: 'enrolled' });
    const enrolled = run(['enroll', 'list', '--state', 'enrolled']).json() as { enrollments: { codiceFiscale: string }[] };
    expect(enrolled.enrollments.map((e) => e.codiceFiscale)).toEqual([ROSSI]);
  });

  it('a refusal on the phone takes the patient off the call list, reason kept', () => {
    expect(run(['patients', 'add', '--cf', 'BNCMRA50C47G388N', '--surname', 'Bianchi', '--given-name', 'Maria', '--birth-date', '1950-03-07', '--sex', 'F']).status).toBe(0);
    run(['letters', 'add', '--cf', 'BNCMRA50C47G388N', '--type', '3', '--date', addDays(todayIn(systemClock), -60), '--phone', '0382 111111']);
    expect(run(['calls', 'record', '--cf', 'BNCMRA50C47G388N', '--outcome', 'refused']).json()).toMatchObject({ error: 'reason-required' });
    const refused = run(['calls', 'record', '--cf', 'BNCMRA50C47G388N', '--outcome', 'refused', '--note', 'Seguita dallo specialista']);
    expect(refused.json()).toEqual({ entry: null });
    const list = run(['enroll', 'list', '--state', 'refused']).json() as { enrollments: { reason: string }[] };
    expect(list.enrollments).toEqual([expect.objectContaining({ reason: 'Seguita dallo specialista' })]);
  });
});
