CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`patient_id` integer NOT NULL,
	`code` text NOT NULL,
	`description` text NOT NULL,
	`occurrence` text,
	`prescription_number` text,
	`priority` text,
	`status` text NOT NULL,
	`prescribed_on` text,
	`requested_on` text,
	`first_regional_offer` text,
	`first_district_offer` text,
	`booked_for` text,
	`performed_on` text,
	`report_delivered_on` text,
	`slot_time` text,
	`slot_place` text,
	`provider_code` text,
	`confirmed_at` text,
	`cancelled_at` text,
	`cancel_reason` text,
	`cancel_notice` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_code`) REFERENCES `providers`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_uid` ON `bookings` (`uid`);--> statement-breakpoint
CREATE INDEX `bookings_patient` ON `bookings` (`patient_id`,`code`,`occurrence`);--> statement-breakpoint
CREATE INDEX `bookings_booked_for` ON `bookings` (`booked_for`);--> statement-breakpoint
CREATE UNIQUE INDEX `bookings_prescription_active` ON `bookings` (`prescription_number`,`code`) WHERE "bookings"."prescription_number" IS NOT NULL AND "bookings"."status" IN ('requested', 'booked', 'confirmed');--> statement-breakpoint
CREATE TABLE `pai_occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pai_id` integer NOT NULL,
	`patient_id` integer NOT NULL,
	`code` text NOT NULL,
	`description` text NOT NULL,
	`date` text NOT NULL,
	`window_start` text NOT NULL,
	`window_end` text NOT NULL,
	FOREIGN KEY (`pai_id`) REFERENCES `pais`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pai_occurrences_patient` ON `pai_occurrences` (`patient_id`,`code`,`date`);--> statement-breakpoint
CREATE INDEX `pai_occurrences_date` ON `pai_occurrences` (`date`);--> statement-breakpoint
CREATE INDEX `pai_occurrences_pai` ON `pai_occurrences` (`pai_id`);--> statement-breakpoint
CREATE TABLE `pais` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`enrollment_id` integer,
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`author_cf` text NOT NULL,
	`document` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pais_patient_year_version` ON `pais` (`patient_id`,`year`,`version`);--> statement-breakpoint
CREATE INDEX `pais_status` ON `pais` (`status`,`valid_to`);--> statement-breakpoint
CREATE TABLE `providers` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`ats` text NOT NULL,
	`kind` text NOT NULL,
	`address` text,
	`phone` text,
	`in_network` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reminder_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`at` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`operator_cf` text,
	FOREIGN KEY (`booking_id`) REFERENCES `bookings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminder_calls_booking` ON `reminder_calls` (`booking_id`);