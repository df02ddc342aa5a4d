CREATE TABLE `consent_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consent_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`stored_as` text NOT NULL,
	`media_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`added_at` text NOT NULL,
	`operator_cf` text,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consent_scans_consent` ON `consent_scans` (`consent_id`);--> statement-breakpoint
CREATE TABLE `__new_consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`document_hash` text,
	`printed_at` text,
	`signed_at` text,
	`signed_by_cf` text,
	`choices` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_consents`("id", "enrollment_id", "kind", "document_hash", "printed_at", "signed_at", "signed_by_cf", "choices") SELECT "id", "enrollment_id", "kind", "document_hash", "printed_at", "signed_at", "signed_by_cf", NULL FROM `consents`;--> statement-breakpoint
DROP TABLE `consents`;--> statement-breakpoint
ALTER TABLE `__new_consents` RENAME TO `consents`;--> statement-breakpoint
CREATE INDEX `consents_enrollment` ON `consents` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `__new_contact_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`at` text NOT NULL,
	`outcome` text NOT NULL,
	`callback_at` text,
	`appointment_time` text,
	`note` text,
	`operator_cf` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_contact_attempts`("id", "patient_id", "at", "outcome", "callback_at", "appointment_time", "note", "operator_cf") SELECT "id", "patient_id", "at", "outcome", "callback_at", NULL, "note", "operator_cf" FROM `contact_attempts`;--> statement-breakpoint
DROP TABLE `contact_attempts`;--> statement-breakpoint
ALTER TABLE `__new_contact_attempts` RENAME TO `contact_attempts`;--> statement-breakpoint
CREATE INDEX `contact_attempts_patient` ON `contact_attempts` (`patient_id`,`at`);--> statement-breakpoint
CREATE TABLE `__new_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`type` integer NOT NULL,
	`tranche_date` text,
	`received_at` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "letters_type" CHECK("__new_letters"."type" BETWEEN 1 AND 5)
);
--> statement-breakpoint
INSERT INTO `__new_letters`("id", "patient_id", "type", "tranche_date", "received_at", "note", "created_at") SELECT "id", "patient_id", "type", "tranche_date", "received_at", "note", "created_at" FROM `letters`;--> statement-breakpoint
DROP TABLE `letters`;--> statement-breakpoint
ALTER TABLE `__new_letters` RENAME TO `letters`;--> statement-breakpoint
CREATE INDEX `letters_patient` ON `letters` (`patient_id`);--> statement-breakpoint
CREATE TABLE `__new_operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`codice_fiscale` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_login_at` text
);
--> statement-breakpoint
INSERT INTO `__new_operators`("id", "codice_fiscale", "name", "role", "created_at", "last_login_at") SELECT "id", "codice_fiscale", "surname" || ' ' || "given_name", "role", "created_at", NULL FROM `operators`;--> statement-breakpoint
DROP TABLE `operators`;--> statement-breakpoint
ALTER TABLE `__new_operators` RENAME TO `operators`;--> statement-breakpoint
CREATE UNIQUE INDEX `operators_cf` ON `operators` (`codice_fiscale`);--> statement-breakpoint
ALTER TABLE `patients` ADD `chronic_level_confirmed` integer DEFAULT false NOT NULL;