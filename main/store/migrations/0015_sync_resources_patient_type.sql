DROP INDEX `sync_resources_patient`;--> statement-breakpoint
CREATE INDEX `sync_resources_patient` ON `sync_resources` (`patient_id`,`resource_type`,`resource_id`);