import { formatItalianDate } from '../../shared/domain/dates';
import { EnrollmentState, type PrivacyChoices } from '../../shared/domain/enrollment';
import { LetterType } from '../../shared/domain/letter';
import { CallOutcome } from '../../shared/domain/callOutcome';
import type { EnrollmentView } from '../../shared/contract/enrollment';
import { UsageError, type ParsedArgs } from './args';
import { DEFAULT_WAIT_MS, intOption, readPinFromStdin, settleReaders } from './cardCommands';
import type { Command } from './commandTypes';
import { dateOption, patientIdOf, required } from './options';
import { withCore } from './withCore';

/** --answers yes,yes,no: the privacy form's three boxes, in the form's order. */
function privacyAnswers(args: ParsedArgs): PrivacyChoices | undefined {
  const value = args.options.answers;
  if (value === undefined) return undefined;
  const answers = value.split(',').map((a) => a.trim().toLowerCase());
  if (answers.length !== 3 || answers.some((a) => a !== 'yes' && a !== 'no')) {
    throw new UsageError(`--answers needs three yes/no answers separated by commas (processing,communication,reminders), got "${value}"`);
  }
  const [trattamento, comunicazione, contatti] = answers.map((a) => a === 'yes') as [boolean, boolean, boolean];
  return { trattamento, comunicazione, contatti };
}

const enrollmentLine = (e: EnrollmentView) =>
  `#${e.id}  ${e.codiceFiscale}  ${`${e.surname} ${e.givenName}`.padEnd(30)} ${e.state}` +
  (e.deadline && e.state === 'registered' ? `  sign by ${formatItalianDate(e.deadline)}` : '') +
  (e.periodEnd && e.state !== 'registered' ? `  period ends ${formatItalianDate(e.periodEnd)}` : '');

export const ENROLLMENT_COMMANDS: Command[] = [
  {
    words: ['patients', 'add'],
    usage: 'pic patients add --cf CF --surname S --given-name N --birth-date YYYY-MM-DD --sex M|F [--phone P] [--mobile P] [--json]',
    summary: 'add a patient by hand (the codice fiscale must match birth date and sex)',
    run(args) {
      const birthDate = dateOption(args, 'birth-date');
      if (!birthDate) throw new UsageError('--birth-date YYYY-MM-DD is required');
      const sex = required(args, 'sex').toUpperCase();
      if (sex !== 'M' && sex !== 'F') throw new UsageError('--sex must be M or F');
      const patient = {
        codiceFiscale: required(args, 'cf'),
        surname: required(args, 'surname'),
        givenName: required(args, 'given-name'),
        birthDate,
        sex,
        phone: args.options.phone ?? null,
        mobile: args.options.mobile ?? null,
      } as const;
      return withCore(args, async (call) => {
        const p = await call('patients.create', patient);
        return { json: { id: p.id, codiceFiscale: p.codiceFiscale }, text: `Added patient #${p.id} ${p.surname} ${p.givenName}.` };
      });
    },
  },
  {
    words: ['studio', 'set'],
    usage: 'pic studio set --gestore NAME --mmg NAME --address A --phone P [--json]',
    summary: 'the Gestore and the MMG printed on the Patto di Cura and the privacy consent',
    run(args) {
      const settings = {
        gestore: required(args, 'gestore'),
        mmg: required(args, 'mmg'),
        address: required(args, 'address'),
        phone: required(args, 'phone'),
      };
      return withCore(args, async (call) => {
        const saved = await call('settings.studio.set', settings);
        return { json: saved, text: `Gestore: ${saved.gestore}; MMG: ${saved.mmg}` };
      });
    },
  },
  {
    words: ['letters', 'add'],
    usage: 'pic letters add --cf CF --type 1-5 --date YYYY-MM-DD [--phone P] [--mobile P] [--note T] [--json]',
    summary: 'record the ATS letter a patient brought (walk-in); he goes on the call list, so a phone or mobile is needed (given here or already on record)',
    run(args) {
      const type = LetterType.safeParse(intOption(args, 'type'));
      if (!type.success) throw new UsageError('--type must be a letter type from 1 to 5');
      const letterDate = dateOption(args, 'date');
      if (!letterDate) throw new UsageError('--date YYYY-MM-DD is required');
      return withCore(args, async (call) => {
        const r = await call('walkin.record', {
          patientId: await patientIdOf(call, args),
          letterType: type.data,
          letterDate,
          phone: args.options.phone,
          mobile: args.options.mobile,
          note: args.options.note,
        });
        return { json: { patientId: r.patient.id, letters: r.patient.letters, message: r.message }, text: r.message };
      });
    },
  },
  {
    words: ['calls', 'list'],
    usage: 'pic calls list [--all] [--limit N] [--json]',
    summary: 'the call-back queue: walk-ins first, then the ATS list; --all adds who is scheduled for a later day',
    run(args) {
      return withCore(args, async (call) => {
        const r = await call('calls.list', { limit: intOption(args, 'limit', 500)!, offset: 0, filter: { dueToday: !args.flags.all, withPhone: false } });
        const lines = r.entries.map(
          (e) =>
            `${e.codiceFiscale}  ${`${e.surname} ${e.givenName}`.padEnd(30)} level ${e.chronicLevel ?? '-'}  ` +
            `${e.source === 'letter' ? `letter type ${e.letterType}` : 'ATS list'}  ${e.mobile ?? e.phone ?? 'no phone'}  ${e.status}${e.statusDate ? ` ${e.statusDate}` : ''}` +
            (e.lastAttempt ? `  last: ${e.lastAttempt.outcome}` : ''),
        );
        return { json: r, text: [...lines, `${r.total} patients to call`].join('\n') };
      });
    },
  },
  {
    words: ['calls', 'record'],
    usage: 'pic calls record --cf CF --outcome appointment|no_answer|wrong_number|refused|call_back [--date YYYY-MM-DD] [--time HH:MM] [--note T] [--json]',
    summary: 'record a call: an appointment needs --date and --time; no answer is retried on the next working day; a refusal (--note: the reason) ends it',
    run(args) {
      const outcome = CallOutcome.safeParse(args.options.outcome?.replace(/-/g, '_'));
      if (!outcome.success) throw new UsageError(`--outcome must be one of ${CallOutcome.options.join(', ')}`);
      const date = dateOption(args, 'date');
      return withCore(args, async (call) => {
        const r = await call('calls.record', { patientId: await patientIdOf(call, args), outcome: outcome.data, date, time: args.options.time, note: args.options.note });
        return { json: r, text: r.entry ? `Recorded: ${outcome.data}.` : 'Recorded: the patient left the call-back queue.' };
      });
    },
  },
  {
    words: ['agenda'],
    usage: 'pic agenda [--date YYYY-MM-DD] [--json]',
    summary: "the enrollment appointments of a day (today if not given), by time",
    run(args) {
      return withCore(args, async (call) => {
        const date = dateOption(args, 'date') ?? (await call('clock.get', {})).today;
        const r = await call('agenda.day', { date });
        const lines = r.appointments.map((a) => `${a.time ?? '--:--'}  ${a.codiceFiscale}  ${a.surname} ${a.givenName}  ${a.mobile ?? a.phone ?? ''}  ${a.enrollmentState ?? ''}`);
        return { json: r, text: [`Appointments on ${formatItalianDate(date)}: ${r.appointments.length}`, ...lines].join('\n') };
      });
    },
  },
  {
    words: ['enroll', 'register'],
    usage: 'pic enroll register --cf CF --pin-stdin [--wait-ms N] [--json]',
    summary: "register the patient with the operator card (PIN from stdin) and the patient's TS in the readers",
    run(args) {
      if (!args.pinStdin) throw new UsageError('--pin-stdin is required: the PIN is never taken from the command line');
      const pin = readPinFromStdin();
      return withCore(args, async (call, core) => {
        const patientId = await patientIdOf(call, args);
        core.start();
        await settleReaders(core.cards, intOption(args, 'wait-ms', DEFAULT_WAIT_MS)!);
        await call('session.login', { pin });
        const e = await call('enrollment.register', { patientId });
        return { json: { id: e.id, state: e.state, deadline: e.deadline }, text: `Registered (#${e.id}): sign the Patto di Cura and the privacy consent by ${formatItalianDate(e.deadline!)}.` };
      });
    },
  },
  {
    words: ['enroll', 'sign'],
    usage: 'pic enroll sign --id ID [--patto] [--privacy --answers yes|no,yes|no,yes|no] [--json]',
    summary: 'mark the signed Patto di Cura and/or privacy consent (--answers: the three boxes the patient ticked: processing, communication, reminders); both signed completes the enrollment',
    run(args) {
      const id = intOption(args, 'id');
      if (id === undefined) throw new UsageError('--id is required');
      const privacyChoices = privacyAnswers(args);
      return withCore(args, async (call) => {
        const e = await call('enrollment.sign', { enrollmentId: id, patto: args.flags.patto, privacy: args.flags.privacy, privacyChoices });
        return { json: { id: e.id, state: e.state, enrolledOn: e.enrolledOn, periodEnd: e.periodEnd, consents: e.consents }, text: enrollmentLine(e) };
      });
    },
  },
  {
    words: ['enroll', 'list'],
    usage: `pic enroll list [--state ${EnrollmentState.options.join('|')}] [--json]`,
    summary: 'enrollments, optionally of one state',
    run(args) {
      const state = args.options.state === undefined ? undefined : EnrollmentState.safeParse(args.options.state);
      if (state && !state.success) throw new UsageError(`--state must be one of ${EnrollmentState.options.join(', ')}`);
      return withCore(args, async (call) => {
        const { enrollments } = await call('enrollment.list', { state: state?.data });
        return { json: { enrollments }, text: enrollments.length ? enrollments.map(enrollmentLine).join('\n') : 'No enrollment.' };
      });
    },
  },
  {
    words: ['deadlines'],
    usage: 'pic deadlines [--json]',
    summary: 'registrations to complete (7-day deadline), recent lapses, renewals due',
    run(args) {
      return withCore(args, async (call) => {
        const d = await call('deadlines.get', {});
        const line = (e: (typeof d.registrations)[number]) => `  ${e.when.padEnd(8)} ${formatItalianDate(e.date)}  ${e.codiceFiscale}  ${e.surname} ${e.givenName}  (#${e.enrollmentId})`;
        const text = [
          `Today ${formatItalianDate(d.today)}: ${d.urgent} urgent`,
          'Registrations to complete:', ...d.registrations.map(line),
          'Lapsed (last 30 days):', ...d.lapsed.map(line),
          'Renewals due:', ...d.renewals.map(line),
        ].join('\n');
        return { json: d, text };
      });
    },
  },
];
