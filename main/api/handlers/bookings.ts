import type { bookingCalls } from '../../../shared/contract/bookings';
import type { AdherenceService } from '../../services/adherenceService';
import type { BookingService } from '../../services/bookingService';
import type { PlanDocumentService } from '../../services/planDocumentService';
import type { ReminderService } from '../../services/reminderService';
import type { ProviderService } from '../../services/providerService';
import { operatorCf } from '../context';
import type { HandlersOf } from './types';

export function bookingHandlers(s: { bookings: BookingService; reminders: ReminderService; adherence: AdherenceService; planDocuments: PlanDocumentService; providers: ProviderService }): HandlersOf<typeof bookingCalls> {
  return {
    'bookings.request': (input, ctx) => s.bookings.request(input, operatorCf(ctx)),
    'bookings.move': ({ id, move }, ctx) => s.bookings.move(id, move, operatorCf(ctx)),
    'bookings.list': (filter) => ({ bookings: s.bookings.list(filter) }),
    'bookings.get': ({ id }) => s.bookings.get(id),
    'bookings.sheet': ({ id }, ctx) => s.planDocuments.bookingSheet(id, operatorCf(ctx)),
    'providers.list': () => ({ providers: s.providers.list() }),
    'reminders.list': ({ days }) => s.reminders.list(days),
    'reminders.record': ({ bookingId, outcome, note }, ctx) => s.reminders.record(bookingId, outcome, note, operatorCf(ctx)),
    'reminders.export': ({ channel, from, to }) => s.reminders.export(channel, from, to),
    'reminders.preferences': ({ patientId }) => s.reminders.preferences(patientId),
    'reminders.optOut': ({ patientId, optedOut }, ctx) => s.reminders.setOptOut(patientId, optedOut, operatorCf(ctx)),
    'reminders.noShows': ({ from, to }) => ({ patients: s.reminders.noShows(from, to) }),
    'adherence.patient': ({ patientId, from, to }) => s.adherence.patient(patientId, { from, to }),
    'adherence.studio': ({ from, to }) => s.adherence.studio({ from, to }),
  };
}
