CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`operator_cf` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`pai_item_id` integer,
	`erogatore_id` integer,
	`prescription_number` text,
	`priority` text NOT NULL,
	`status` text NOT NULL,
	`prescribed_on` text,
	`requested_on` text,
	`first_regional_offer` text,
	`first_district_offer` text,
	`booked_for` text,
	`performed_on` text,
	`report_delivered_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pai_item_id`) REFERENCES `pai_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`erogatore_id`) REFERENCES `erogatori`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bookings_patient` ON `bookings` (`patient_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_prescription` ON `bookings` (`prescription_number`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`kind` text NOT NULL,
	`document_hash` text,
	`printed_at` text,
	`signed_at` text,
	`signed_by` integer,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_enrollment` ON `consents` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `contact_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`operator_id` integer,
	`at` text NOT NULL,
	`outcome` text NOT NULL,
	`callback_at` text,
	`note` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`operator_id`) REFERENCES `operators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_attempts_patient` ON `contact_attempts` (`patient_id`,`at`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`programme_year` integer NOT NULL,
	`state` text NOT NULL,
	`state_reason` text,
	`gestore` text,
	`registered_at` text,
	`deadline` text,
	`enrolled_at` text,
	`evidence` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrollments_patient` ON `enrollments` (`patient_id`);--> statement-breakpoint
CREATE INDEX `enrollments_state` ON `enrollments` (`state`,`deadline`);--> statement-breakpoint
CREATE TABLE `erogatori` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`address` text,
	`phone` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erogatori_code` ON `erogatori` (`code`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`adapter` text NOT NULL,
	`source` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`counts` text
);
--> statement-breakpoint
CREATE TABLE `letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`type` integer NOT NULL,
	`tranche_date` text NOT NULL,
	`received_at` text,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "letters_type" CHECK("letters"."type" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE INDEX `letters_patient` ON `letters` (`patient_id`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`codice_fiscale` text NOT NULL,
	`surname` text NOT NULL,
	`given_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_cf` ON `operators` (`codice_fiscale`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`resource_type` text NOT NULL,
	`business_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `pai_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pai_id` integer NOT NULL,
	`prestazione_code` text NOT NULL,
	`description` text NOT NULL,
	`cadence_months` integer NOT NULL,
	`next_due` text,
	FOREIGN KEY (`pai_id`) REFERENCES `pais`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pai_items_pai` ON `pai_items` (`pai_id`);--> statement-breakpoint
CREATE TABLE `pais` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`enrollment_id` integer,
	`year` integer NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`status` text NOT NULL,
	`drugs` text,
	`lifestyle` text,
	`vaccinations` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pais_patient` ON `pais` (`patient_id`,`year`);--> statement-breakpoint
CREATE TABLE `patient_pathologies` (
	`patient_id` integer NOT NULL,
	`code` integer NOT NULL,
	`source` text NOT NULL,
	`confirmed` integer DEFAULT false NOT NULL,
	`icd9` text,
	PRIMARY KEY(`patient_id`, `code`),
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`codice_fiscale` text NOT NULL,
	`surname` text NOT NULL,
	`given_name` text NOT NULL,
	`surname_key` text NOT NULL,
	`given_key` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text NOT NULL,
	`birth_place_code` text,
	`phone` text,
	`mobile` text,
	`email` text,
	`chronic_level` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	CONSTRAINT "patients_level" CHECK("patients"."chronic_level" IS NULL OR "patients"."chronic_level" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_cf` ON `patients` (`codice_fiscale`);--> statement-breakpoint
CREATE INDEX `patients_surname_given` ON `patients` (`surname_key`,`given_key`);--> statement-breakpoint
CREATE INDEX `patients_given_surname` ON `patients` (`given_key`,`surname_key`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
