CREATE TABLE `import_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`patient_id` integer NOT NULL,
	`action` text NOT NULL,
	`undo` text,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_changes_run` ON `import_changes` (`run_id`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`row` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_rejects_run` ON `import_rejects` (`run_id`);--> statement-breakpoint
CREATE TABLE `patient_exemptions` (
	`patient_id` integer NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`patient_id`, `code`),
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `patient_therapies` (
	`patient_id` integer NOT NULL,
	`description` text NOT NULL,
	`atc` text,
	PRIMARY KEY(`patient_id`, `description`),
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `import_runs` ADD `error` text;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `operator_cf` text;