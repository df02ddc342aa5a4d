ALTER TABLE `consents` ADD `signed_by_cf` text;--> statement-breakpoint
ALTER TABLE `contact_attempts` ADD `operator_cf` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `period_end` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `other_gestore` text;--> statement-breakpoint
ALTER TABLE `patients` ADD `preferred_call_time` text;