-- A person's rows (evidence, levels, history, the inference queue, identities, ...) reach their
-- tenant through their person: (tenant_id, person_id) references people, whose tenant_id
-- references tenants. Their own key to tenants was a second check of the same fact on every row
-- written, and the write of inference (evidence, levels) paid it hundreds of thousands of times.
ALTER TABLE "identities" DROP CONSTRAINT "identities_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "local_accounts" DROP CONSTRAINT "local_accounts_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "context_members" DROP CONSTRAINT "context_members_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "component_levels" DROP CONSTRAINT "component_levels_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "inference_queue" DROP CONSTRAINT "inference_queue_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "level_history" DROP CONSTRAINT "level_history_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "overrides" DROP CONSTRAINT "overrides_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "person_targets" DROP CONSTRAINT "person_targets_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "self_assessments" DROP CONSTRAINT "self_assessments_tenant_id_tenants_id_fk";
