CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`patient_id` integer NOT NULL,
	`kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_uid` ON `outbox` (`uid`);--> statement-breakpoint
CREATE INDEX `outbox_patient` ON `outbox` (`patient_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_pending_record` ON `outbox` (`kind`,`entity_id`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`outbox_uid` text NOT NULL,
	`patient_id` integer NOT NULL,
	`resource_type` text NOT NULL,
	`resource_id` text NOT NULL,
	`local` text NOT NULL,
	`server` text NOT NULL,
	`server_version` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`resolved_at` text,
	`resolution` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_open` ON `sync_conflicts` (`resolved_at`);--> statement-breakpoint
CREATE TABLE `sync_resources` (
	`resource_type` text NOT NULL,
	`resource_id` text NOT NULL,
	`patient_id` integer,
	`version_id` text NOT NULL,
	`content` text NOT NULL,
	`last_updated` text,
	PRIMARY KEY(`resource_type`, `resource_id`),
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_resources_patient` ON `sync_resources` (`patient_id`);