ALTER TABLE `patients` ADD `import_run_id` integer;--> statement-breakpoint
CREATE INDEX `patients_import_run` ON `patients` (`import_run_id`);