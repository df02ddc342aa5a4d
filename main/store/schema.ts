import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BookingStatus, CancellationNotice, PriorityClass } from '../../shared/domain/booking/model';
import { ReminderOutcome } from '../../shared/domain/booking/reminders';
import { ConsentKind } from '../../shared/domain/enrollment';
import { OperatorRole } from '../../shared/domain/operator';
import { PaiStatus } from '../../shared/domain/pai/model';
import { PathologySource } from '../../shared/domain/pathology';
import { Sex } from '../../shared/domain/patient';

/**
 * The local store. Times are ISO-8601 UTC strings; calendar dates are YYYY-MM-DD. Changing this
 * file needs a new migration: `npm run db:generate`.
 */

/** A shared zod enum's values, as drizzle's text enum wants them (a non-empty tuple). */
const enumOf = <V extends string>(e: { options: V[] }) => e.options as [V, ...V[]];

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);
const updatedAt = () => text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const patients = sqliteTable(
  'patients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codiceFiscale: text('codice_fiscale').notNull(),
    surname: text('surname').notNull(),
    givenName: text('given_name').notNull(),
    /** nameKey(surname): upper case, no accents or punctuation, for prefix search. */
    surnameKey: text('surname_key').notNull(),
    givenKey: text('given_key').notNull(),
    birthDate: text('birth_date').notNull(),
    sex: text('sex', { enum: enumOf(Sex) }).notNull(),
    birthPlaceCode: text('birth_place_code'),
    phone: text('phone'),
    mobile: text('mobile'),
    email: text('email'),
    chronicLevel: integer('chronic_level'),
    /** The MMG confirmed (or set) the level; otherwise it is the ATS list's or the import's. */
    chronicLevelConfirmed: integer('chronic_level_confirmed', { mode: 'boolean' }).notNull().default(false),
    /** When the patient prefers to be called back ("mattina", "dopo le 17"). */
    preferredCallTime: text('preferred_call_time'),
    /** Asked for no more appointment reminders (answered STOP, or told the studio). */
    remindersOptOut: integer('reminders_opt_out', { mode: 'boolean' }).notNull().default(false),
    /** The import run that created the patient: undoing that run removes him. */
    importRunId: integer('import_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('patients_cf').on(t.codiceFiscale),
    index('patients_surname_given').on(t.surnameKey, t.givenKey),
    index('patients_given_surname').on(t.givenKey, t.surnameKey),
    index('patients_import_run').on(t.importRunId),
    check('patients_level', sql`${t.chronicLevel} IS NULL OR ${t.chronicLevel} BETWEEN 1 AND 3`),
  ],
);

export const patientPathologies = sqliteTable(
  'patient_pathologies',
  {
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    /** Regional code (SGDT-PatologieNonICD9CM). */
    code: integer('code').notNull(),
    /** Where it came from: 'ats' list, 'icd9' / 'icd10' suggestion from a diagnosis, 'mmg' by hand. */
    source: text('source', { enum: enumOf(PathologySource) }).notNull(),
    confirmed: integer('confirmed', { mode: 'boolean' }).notNull().default(false),
    /** The diagnosis code that suggested it (ICD9-CM or ICD-10, as `source` says). */
    icd9: text('icd9'),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.code] })],
);

export const letters = sqliteTable(
  'letters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    type: integer('type').notNull(),
    /** The date printed on the letter; null when the ATS list did not say it. */
    trancheDate: text('tranche_date'),
    receivedAt: text('received_at'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('letters_patient').on(t.patientId), check('letters_type', sql`${t.type} BETWEEN 1 AND 5`)],
);

export const operators = sqliteTable(
  'operators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codiceFiscale: text('codice_fiscale').notNull(),
    /** "COGNOME NOME", as the card's certificate gives it at login. */
    name: text('name').notNull(),
    /** Assigned by the studio's administrator; null until then. */
    role: text('role', { enum: enumOf(OperatorRole) }),
    createdAt: createdAt(),
    lastLoginAt: text('last_login_at'),
    /** Set by the administrator: the card is refused at login from then on. */
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('operators_cf').on(t.codiceFiscale)],
);

export const contactAttempts = sqliteTable(
  'contact_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    outcome: text('outcome').notNull(),
    /** Appointment, call-back or retry date. */
    callbackAt: text('callback_at'),
    /** The appointment's time, HH:MM. */
    appointmentTime: text('appointment_time'),
    note: text('note'),
    operatorCf: text('operator_cf'),
  },
  (t) => [index('contact_attempts_patient').on(t.patientId, t.at)],
);

export const enrollments = sqliteTable(
  'enrollments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id').notNull().references(() => patients.id),
    programmeYear: integer('programme_year').notNull(),
    state: text('state').notNull(),
    stateReason: text('state_reason'),
    gestore: text('gestore'),
    /** Calendar dates (YYYY-MM-DD), like deadline and periodEnd. */
    registeredAt: text('registered_at'),
    deadline: text('deadline'),
    enrolledAt: text('enrolled_at'),
    periodEnd: text('period_end'),
    otherGestore: text('other_gestore'),
    /** JSON: operator CF, card serial and expiry, both ATRs, timestamp. */
    evidence: text('evidence'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('enrollments_patient').on(t.patientId), index('enrollments_state').on(t.state, t.deadline)],
);

export const consents = sqliteTable(
  'consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    enrollmentId: integer('enrollment_id').notNull().references(() => enrollments.id),
    kind: text('kind', { enum: enumOf(ConsentKind) }).notNull(),
    documentHash: text('document_hash'),
    printedAt: text('printed_at'),
    signedAt: text('signed_at'),
    /** Who marked the signature: the logged-in operator's codice fiscale. */
    signedByCf: text('signed_by_cf'),
    /** JSON: the patient's answers on the privacy form (its consent choices). */
    choices: text('choices'),
  },
  (t) => [index('consents_enrollment').on(t.enrollmentId)],
);

/** Scans (or photos) of the signed paper copies, kept with the consent they prove. */
export const consentScans = sqliteTable(
  'consent_scans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    consentId: integer('consent_id').notNull().references(() => consents.id),
    /** The name the file had when it was attached. */
    fileName: text('file_name').notNull(),
    /** Where it is kept, relative to the data folder. */
    storedAs: text('stored_as').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    addedAt: text('added_at').notNull(),
    operatorCf: text('operator_cf'),
  },
  (t) => [index('consent_scans_consent').on(t.consentId)],
);

/**
 * One version of a patient's PAI for a year. The plan itself (pathologies, items with their
 * cadence, drugs, goals, vaccinations) is the `document` (shared/domain/pai/model.ts's Pai,
 * validated when read): a version is written whole and, once superseded, never changes.
 */
export const pais = sqliteTable(
  'pais',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id').notNull().references(() => patients.id),
    enrollmentId: integer('enrollment_id').references(() => enrollments.id),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: enumOf(PaiStatus) }).notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    authorCf: text('author_cf').notNull(),
    document: text('document').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pais_patient_year_version').on(t.patientId, t.year, t.version), index('pais_status').on(t.status, t.validTo)],
);

/**
 * The occurrences of the plan in force for each patient and year (the last activated version),
 * written when a version is activated: the schedule and adherence read them with SQL instead of
 * expanding every cadence again.
 */
export const paiOccurrences = sqliteTable(
  'pai_occurrences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paiId: integer('pai_id').notNull().references(() => pais.id, { onDelete: 'cascade' }),
    patientId: integer('patient_id').notNull().references(() => patients.id),
    code: text('code').notNull(),
    description: text('description').notNull(),
    date: text('date').notNull(),
    windowStart: text('window_start').notNull(),
    windowEnd: text('window_end').notNull(),
  },
  (t) => [index('pai_occurrences_patient').on(t.patientId, t.code, t.date), index('pai_occurrences_date').on(t.date), index('pai_occurrences_pai').on(t.paiId)],
);

/** The providers of the cooperative's network (the filiera erogativa), seeded from shared/data/erogatori-cmmc.json, editable. */
export const providers = sqliteTable('providers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  ats: text('ats').notNull(),
  kind: text('kind').notNull(),
  address: text('address'),
  phone: text('phone'),
  /** Taken out of the network: kept for the bookings that name it, offered no more. */
  inNetwork: integer('in_network', { mode: 'boolean' }).notNull().default(true),
});

/** A booking of one prestazione (shared/domain/booking/model.ts's Booking, its fields as columns). */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Client-generated, stable across workstations: the sync's identifier of the booking. */
    uid: text('uid').notNull(),
    patientId: integer('patient_id').notNull().references(() => patients.id),
    code: text('code').notNull(),
    description: text('description').notNull(),
    occurrence: text('occurrence'),
    prescriptionNumber: text('prescription_number'),
    priority: text('priority', { enum: enumOf(PriorityClass) }),
    status: text('status', { enum: enumOf(BookingStatus) }).notNull(),
    prescribedOn: text('prescribed_on'),
    requestedOn: text('requested_on'),
    firstRegionalOffer: text('first_regional_offer'),
    firstDistrictOffer: text('first_district_offer'),
    bookedFor: text('booked_for'),
    performedOn: text('performed_on'),
    reportDeliveredOn: text('report_delivered_on'),
    slotTime: text('slot_time'),
    slotPlace: text('slot_place'),
    providerCode: text('provider_code').references(() => providers.code),
    confirmedAt: text('confirmed_at'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    cancelNotice: text('cancel_notice', { enum: enumOf(CancellationNotice) }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bookings_uid').on(t.uid),
    index('bookings_patient').on(t.patientId, t.code, t.occurrence),
    index('bookings_booked_for').on(t.bookedFor),
    // The same prescription's prestazione is never under way twice (the rules say so first, in Italian).
    uniqueIndex('bookings_prescription_active')
      .on(t.prescriptionNumber, t.code)
      .where(sql`${t.prescriptionNumber} IS NOT NULL AND ${t.status} IN ('requested', 'booked', 'confirmed')`),
  ],
);

/** The confirmation calls made 2-3 days before an appointment, with their outcome. */
export const reminderCalls = sqliteTable(
  'reminder_calls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bookingId: integer('booking_id').notNull().references(() => bookings.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    outcome: text('outcome', { enum: enumOf(ReminderOutcome) }).notNull(),
    note: text('note'),
    operatorCf: text('operator_cf'),
  },
  (t) => [index('reminder_calls_booking').on(t.bookingId)],
);

/** Append-only: triggers in the migrations refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    operatorCf: text('operator_cf'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    detail: text('detail'),
  },
  (t) => [index('audit_log_entity').on(t.entity, t.entityId)],
);

/** What each outbox item carries to the Centro Servizi: the FHIR resources are built from it when it is sent. */
export const OutboxKind = ['patient', 'letter', 'call', 'enrollment', 'consent', 'pai', 'booking'] as const;
export type OutboxKind = (typeof OutboxKind)[number];

/**
 * Changes waiting to reach the Centro Servizi, written in the same transaction as the change. An
 * item names the record (kind + its row id), not a payload: the resources are built from the
 * record as it is when sent, so ten edits offline go out as the last state. A newer edit of the
 * same record replaces its pending item and takes its place at the end of the queue.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Client-generated: names the item in logs, the UI and a person's retry. */
    uid: text('uid').notNull(),
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: OutboxKind }).notNull(),
    entityId: integer('entity_id').notNull(),
    createdAt: createdAt(),
    /** pending: the worker sends it; attention: the server refused it and a person must look; conflict: both sides changed it. */
    status: text('status', { enum: ['pending', 'attention', 'conflict'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The server's own words (its OperationOutcome) or the network's, for the person who looks. */
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_uid').on(t.uid),
    index('outbox_patient').on(t.patientId, t.id),
    uniqueIndex('outbox_pending_record').on(t.kind, t.entityId).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * The server's copy of each resource this workstation pushed or pulled: its version (for If-Match)
 * and the content it had then (the base of a three-way merge when both sides changed it).
 */
export const syncResources = sqliteTable(
  'sync_resources',
  {
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    patientId: integer('patient_id').references(() => patients.id, { onDelete: 'cascade' }),
    versionId: text('version_id').notNull(),
    /** The resource without meta, as canonical JSON. */
    content: text('content').notNull(),
    lastUpdated: text('last_updated'),
  },
  (t) => [primaryKey({ columns: [t.resourceType, t.resourceId] }), index('sync_resources_patient').on(t.patientId, t.resourceType, t.resourceId)],
);

/** Records changed here and on the server since they last agreed: both versions, for a person to choose. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    outboxUid: text('outbox_uid').notNull(),
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id').notNull(),
    local: text('local').notNull(),
    server: text('server').notNull(),
    serverVersion: text('server_version').notNull(),
    createdAt: createdAt(),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution', { enum: ['local', 'server'] }),
  },
  (t) => [index('sync_conflicts_open').on(t.resolvedAt)],
);

export const patientTherapies = sqliteTable(
  'patient_therapies',
  {
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    /** Chronic therapy as the record software has it. */
    description: text('description').notNull(),
    atc: text('atc'),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.description] })],
);

export const patientExemptions = sqliteTable(
  'patient_exemptions',
  {
    patientId: integer('patient_id').notNull().references(() => patients.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.code] })],
);

export const importRuns = sqliteTable('import_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  adapter: text('adapter').notNull(),
  source: text('source').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** interrupted: the process died mid-run; its finished batches are whole patients, undoable. */
  status: text('status', { enum: ['running', 'done', 'failed', 'cancelled', 'interrupted', 'undoing', 'undone'] }).notNull(),
  /** JSON: created, updated, unchanged, rejected. */
  counts: text('counts'),
  error: text('error'),
  operatorCf: text('operator_cf'),
  /** The process running it: another process (CLI beside the app) must not call it interrupted. */
  pid: integer('pid'),
  /** Renewed while the run is alive: a recorded PID reused by another program must not keep it 'running'. */
  heartbeatAt: text('heartbeat_at'),
});

/** What a run changed, patient by patient, so that the whole run can be undone. */
export const importChanges = sqliteTable(
  'import_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull().references(() => importRuns.id),
    patientId: integer('patient_id').notNull(),
    /** Only updates: the patients a run created carry its id (patients.import_run_id). */
    action: text('action', { enum: ['created', 'updated'] }).notNull(),
    /** JSON: the fields before the update and what was added (pathologies, letters, ...). */
    undo: text('undo'),
  },
  (t) => [index('import_changes_run').on(t.runId)],
);

export const importRejects = sqliteTable(
  'import_rejects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull().references(() => importRuns.id),
    row: text('row').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('import_rejects_run').on(t.runId)],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON */
  value: text('value').notNull(),
});
