import type { PlanDocument } from '../../shared/contract/pai';
import type { Catalogue } from '../../shared/domain/catalogue';
import { NotFoundError } from '../../shared/errors';
import { bookingSheetData, renderBookingSheetPdf } from '../documents/bookingSheetPdf';
import { sha256Hex } from '../documents/hash';
import { paiDocumentData, paiFileName, renderPaiPdf } from '../documents/paiPdf';
import { todayIn, type Clock } from '../clock';
import type { Store } from '../store/store';
import type { EnrollmentService } from './enrollmentService';
import { StudioNotSetError } from './reminderService';

/** The PAI for the patient and the booking sheet, printed from their templates like the Patto di Cura. */
export class PlanDocumentService {
  constructor(
    private readonly store: Store,
    private readonly enrollment: EnrollmentService,
    private readonly catalogue: Catalogue,
    private readonly clock: Clock,
  ) {}

  async pai(id: number, operatorCf: string | null): Promise<PlanDocument> {
    const stored = this.store.pais.get(id);
    if (!stored) throw new NotFoundError('PAI', 'PAI', id);
    const data = paiDocumentData({ pai: stored.pai, patient: this.patient(stored.pai.patientId), studio: this.studio(), date: todayIn(this.clock) });
    return this.issued(await renderPaiPdf(data), paiFileName(data), operatorCf, 'document.pai', stored.pai.patientId, { paiId: id });
  }

  async bookingSheet(id: number, operatorCf: string | null): Promise<PlanDocument> {
    const booking = this.store.bookings.get(id);
    if (!booking) throw new NotFoundError('booking', 'Prenotazione', id);
    const data = bookingSheetData({ booking, patient: this.patient(booking.patientId), studio: this.studio(), catalogue: this.catalogue, date: todayIn(this.clock) });
    const fileName = `prenotazione-${booking.code}-${booking.dates.bookedFor ?? 'da-fissare'}.pdf`;
    return this.issued(await renderBookingSheetPdf(data), fileName, operatorCf, 'document.booking-sheet', booking.patientId, { bookingId: id });
  }

  private issued(bytes: Uint8Array, fileName: string, operatorCf: string | null, action: string, patientId: number, detail: Record<string, unknown>): PlanDocument {
    const hash = sha256Hex(bytes);
    this.store.audit.append({ operatorCf, action, entity: 'patient', entityId: String(patientId), detail: { ...detail, hash, file: fileName } });
    return { fileName, hash, base64: Buffer.from(bytes).toString('base64') };
  }

  private patient(id: number) {
    const p = this.store.patients.get(id);
    return { surname: p.surname, givenName: p.givenName, codiceFiscale: p.codiceFiscale, birthDate: p.birthDate };
  }

  private studio() {
    const studio = this.enrollment.studio();
    if (!studio) throw new StudioNotSetError();
    return studio;
  }
}
