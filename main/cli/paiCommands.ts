import type { BookingMove, BookingView, PatientAdherenceView } from '../../shared/contract/bookings';
import type { DueItem, PaiView } from '../../shared/contract/pai';
import { BookingStatus, PriorityClass } from '../../shared/domain/booking/model';
import { formatItalianDate } from '../../shared/domain/dates';
import { AppError } from '../../shared/errors';
import { UsageError, type ParsedArgs } from './args';
import { intOption } from './cardCommands';
import type { Command } from './commandTypes';
import { dateOption, patientIdOf, required } from './options';
import { withCore, type CliCall } from './withCore';

const paiLine = (v: PaiView) =>
  `PAI ${v.pai.year} v${v.pai.version}  ${v.pai.status}  ${formatItalianDate(v.pai.validFrom)} - ${formatItalianDate(v.pai.validTo)}  ${v.pai.items.length} prestazioni  complete ${v.completeness.percent}%` +
  v.issues.map((i) => `\n  ${i.severity === 'error' ? 'ERROR' : 'warning'} ${i.code}: ${i.message}`).join('');

const dueLine = (d: DueItem) => `#${d.id}  ${d.codiceFiscale}  ${`${d.surname} ${d.givenName}`.padEnd(28)} ${d.code.padEnd(9)} ${d.state.padEnd(8)} ${d.windowStart} - ${d.windowEnd}  ${d.description}`;

const bookingLine = (b: BookingView) =>
  `#${b.id}  ${b.codiceFiscale}  ${b.code.padEnd(9)} ${b.status.padEnd(10)} ${b.dates.bookedFor ?? '(no date)'} ${b.slot?.time ?? ''} ${b.providerName ?? ''}${b.windowFlag ? `  FLAG: ${b.windowFlag.message}` : ''}`;

const adherenceLine = (a: PatientAdherenceView) =>
  `${a.codiceFiscale}  ${`${a.surname} ${a.givenName}`.padEnd(28)} planned ${a.planned}  booked ${a.booked}  performed ${a.performed}  overdue ${a.overdue}  ${a.percent === null ? '-' : `${a.percent}%`}`;

/** The draft being written, else the PAI in force: what `activate` acts on. */
async function currentPai(call: CliCall, patientId: number): Promise<PaiView> {
  const { current } = await call('pai.show', { patientId });
  if (!current) throw new AppError('pai-not-found', 'the patient has no PAI', 'Il paziente non ha un PAI.');
  return current;
}

function priorityOf(args: ParsedArgs): PriorityClass | null {
  const value = args.options.priority;
  if (value === undefined) return null;
  const p = PriorityClass.safeParse(value.toUpperCase());
  if (!p.success) throw new UsageError(`--priority must be U, B, D or P, got "${value}"`);
  return p.data;
}

/** --state names where the booking goes; the move to get there, with what it needs. */
function moveTo(args: ParsedArgs): BookingMove {
  const state = args.options.state;
  switch (state) {
    case 'booked':
      return {
        type: 'book',
        date: dateOption(args, 'date') ?? required(args, 'date'),
        time: required(args, 'time'),
        place: required(args, 'place'),
        providerCode: required(args, 'provider'),
        firstRegionalOffer: dateOption(args, 'first-regional-offer') ?? null,
        firstDistrictOffer: dateOption(args, 'first-district-offer') ?? null,
      };
    case 'confirmed':
      return { type: 'confirm' };
    case 'performed':
      return { type: 'perform', on: dateOption(args, 'date') ?? required(args, 'date') };
    case 'reported':
      return { type: 'deliver-report', on: dateOption(args, 'date') ?? required(args, 'date') };
    case 'cancelled':
      return { type: 'cancel', reason: args.options.reason ?? null };
    case 'no_show':
      return { type: 'no-show' };
    default:
      throw new UsageError(`--state must be booked, confirmed, performed, reported, cancelled or no_show, got "${state ?? ''}"`);
  }
}

export const PAI_COMMANDS: Command[] = [
  {
    words: ['pai', 'create'],
    usage: 'pic pai create --cf CF [--templates diabete-2,ipertensione] [--json]',
    summary: "a draft of this year's PAI for an enrolled patient, from templates (defaults the MMG reviews)",
    run(args) {
      const templates = (args.options.templates ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
      return withCore(args, async (call) => {
        const pai = await call('pai.create', { patientId: await patientIdOf(call, args), templates });
        return { json: pai, text: paiLine(pai) };
      });
    },
  },
  {
    words: ['pai', 'show'],
    usage: 'pic pai show --cf CF [--json]',
    summary: "the patient's PAI: the draft being written or the one in force, and every version",
    run(args) {
      return withCore(args, async (call) => {
        const shown = await call('pai.show', { patientId: await patientIdOf(call, args) });
        return { json: shown, text: shown.versions.map(paiLine).join('\n') || 'No PAI yet.' };
      });
    },
  },
  {
    words: ['pai', 'activate'],
    usage: 'pic pai activate --cf CF [--json]',
    summary: "activates the patient's draft (needs a primary pathology, a prestazione and a lifestyle goal)",
    run(args) {
      return withCore(args, async (call) => {
        const draft = await currentPai(call, await patientIdOf(call, args));
        const pai = await call('pai.activate', { id: draft.id });
        return { json: pai, text: paiLine(pai) };
      });
    },
  },
  {
    words: ['schedule'],
    usage: 'pic schedule [--due-within DAYS] [--json]',
    summary: "the studio's due PAI prestazioni (each with the id `bookings add --item` takes)",
    run(args) {
      const withinDays = intOption(args, 'due-within') ?? 30;
      return withCore(args, async (call) => {
        const { items } = await call('schedule.due', { withinDays });
        return { json: { items }, text: items.map(dueLine).join('\n') || 'Nothing due.' };
      });
    },
  },
  {
    words: ['bookings', 'add'],
    usage: 'pic bookings add --cf CF --item ID [--priority U|B|D|P] [--prescription NRE] [--prescribed-on YYYY-MM-DD] [--json]',
    summary: 'a booking request for a due item of the patient',
    run(args) {
      const occurrenceId = intOption(args, 'item') ?? 0;
      if (occurrenceId <= 0) throw new UsageError('--item ID is required (an id from pic schedule)');
      return withCore(args, async (call) => {
        const booking = await call('bookings.request', { occurrenceId, patientId: await patientIdOf(call, args), priority: priorityOf(args), prescriptionNumber: args.options.prescription ?? null, prescribedOn: dateOption(args, 'prescribed-on') ?? null });
        return { json: booking, text: bookingLine(booking) };
      });
    },
  },
  {
    words: ['bookings', 'set'],
    usage: 'pic bookings set --id ID --state booked|confirmed|performed|reported|cancelled|no_show [--date YYYY-MM-DD] [--time HH:MM --place P --provider CODE] [--reason R] [--json]',
    summary: 'moves a booking: booked needs date, time, place and provider; performed and reported a date',
    run(args) {
      const id = intOption(args, 'id') ?? 0;
      if (id <= 0) throw new UsageError('--id ID is required');
      const move = moveTo(args);
      return withCore(args, async (call) => {
        const booking = await call('bookings.move', { id, move });
        return { json: booking, text: bookingLine(booking) };
      });
    },
  },
  {
    words: ['bookings', 'list'],
    usage: 'pic bookings list [--state S] [--json]',
    summary: 'bookings, newest first, with their window flag',
    run(args) {
      const state = args.options.state;
      const parsed = state === undefined ? undefined : BookingStatus.safeParse(state);
      if (parsed && !parsed.success) throw new UsageError(`--state must be one of ${BookingStatus.options.join(', ')}`);
      return withCore(args, async (call) => {
        const { bookings } = await call('bookings.list', parsed ? { states: [parsed.data] } : {});
        return { json: { bookings }, text: bookings.map(bookingLine).join('\n') || 'No booking.' };
      });
    },
  },
  {
    words: ['reminders'],
    usage: 'pic reminders [--days 3] [--json]',
    summary: 'appointments 2-3 days ahead to confirm by phone, and past ones with no outcome',
    run(args) {
      const days = intOption(args, 'days') ?? 3;
      return withCore(args, async (call) => {
        const list = await call('reminders.list', { days });
        return { json: list, text: [...list.toConfirm.map(bookingLine), ...list.outcomeMissing.map((b) => `${bookingLine(b)}  (no outcome recorded)`)].join('\n') || 'No appointment to confirm.' };
      });
    },
  },
  {
    words: ['adherence'],
    usage: 'pic adherence [--cf CF] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]',
    summary: "adherence to the PAI over the last 12 months: one patient item by item, or the studio's worst first",
    run(args) {
      const period = { from: dateOption(args, 'from'), to: dateOption(args, 'to') };
      return withCore(args, async (call) => {
        if (args.options.cf !== undefined) {
          const a = await call('adherence.patient', { patientId: await patientIdOf(call, args), ...period });
          return { json: a, text: [adherenceLine(a), ...a.items.map((i) => `  ${i.code.padEnd(9)} planned ${i.planned}  performed ${i.performed}  overdue ${i.overdue}  ${i.description}`)].join('\n') };
        }
        const studio = await call('adherence.studio', period);
        return { json: studio, text: studio.patients.map(adherenceLine).join('\n') || 'No PAI in force.' };
      });
    },
  },
];
