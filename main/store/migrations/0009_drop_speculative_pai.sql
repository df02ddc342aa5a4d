DROP TABLE `bookings`;--> statement-breakpoint
DROP TABLE `erogatori`;--> statement-breakpoint
DROP TABLE `pai_items`;--> statement-breakpoint
DROP TABLE `pais`;--> statement-breakpoint
ALTER TABLE `patients` ADD `reminders_opt_out` integer DEFAULT false NOT NULL;