-- Every per-tenant table is keyed by tenant_id first, so the schema can be distributed by tenant
-- (Citus, multi-tenant model; see src/store/distribution.ts and test/store/distribution.test.ts):
-- primary keys become (tenant_id, id), replacing the (tenant_id, id) unique keys that references
-- used, and an identity's key becomes its table's primary key. References are dropped and made
-- again around the change, unchanged.
ALTER TABLE "identities" DROP CONSTRAINT "identities_person_fk";--> statement-breakpoint
ALTER TABLE "local_accounts" DROP CONSTRAINT "local_accounts_person_fk";--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_context_fk";--> statement-breakpoint
ALTER TABLE "context_members" DROP CONSTRAINT "context_members_context_fk";--> statement-breakpoint
ALTER TABLE "context_members" DROP CONSTRAINT "context_members_person_fk";--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_activity_fk";--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_created_by_fk";--> statement-breakpoint
ALTER TABLE "statements" DROP CONSTRAINT "statements_person_fk";--> statement-breakpoint
ALTER TABLE "component_levels" DROP CONSTRAINT "component_levels_person_fk";--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_person_fk";--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_tag_fk";--> statement-breakpoint
ALTER TABLE "inference_queue" DROP CONSTRAINT "inference_queue_person_fk";--> statement-breakpoint
ALTER TABLE "level_history" DROP CONSTRAINT "level_history_person_fk";--> statement-breakpoint
ALTER TABLE "overrides" DROP CONSTRAINT "overrides_person_fk";--> statement-breakpoint
ALTER TABLE "person_targets" DROP CONSTRAINT "person_targets_person_fk";--> statement-breakpoint
ALTER TABLE "self_assessments" DROP CONSTRAINT "self_assessments_person_fk";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_person_fk";--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_tenant_key";--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_tenant_key";--> statement-breakpoint
ALTER TABLE "contexts" DROP CONSTRAINT "contexts_tenant_key";--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_tenant_key";--> statement-breakpoint
ALTER TABLE "filed_reports" DROP CONSTRAINT "filed_reports_tenant_key";--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_tenant_key";--> statement-breakpoint
ALTER TABLE "people" DROP CONSTRAINT "people_pkey";--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_pkey";--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "contexts" DROP CONSTRAINT "contexts_pkey";--> statement-breakpoint
ALTER TABLE "contexts" ADD CONSTRAINT "contexts_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_pkey";--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "filed_reports" DROP CONSTRAINT "filed_reports_pkey";--> statement-breakpoint
ALTER TABLE "filed_reports" ADD CONSTRAINT "filed_reports_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_pkey";--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "local_accounts" DROP CONSTRAINT "local_accounts_pkey";--> statement-breakpoint
ALTER TABLE "local_accounts" ADD CONSTRAINT "local_accounts_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_pkey";--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "level_history" DROP CONSTRAINT "level_history_pkey";--> statement-breakpoint
ALTER TABLE "level_history" ADD CONSTRAINT "level_history_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "overrides" DROP CONSTRAINT "overrides_pkey";--> statement-breakpoint
ALTER TABLE "overrides" ADD CONSTRAINT "overrides_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "self_assessments" DROP CONSTRAINT "self_assessments_pkey";--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_pkey";--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_pkey" PRIMARY KEY ("tenant_id", "id");--> statement-breakpoint
DROP INDEX "identities_key_idx";--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_pkey" PRIMARY KEY ("tenant_id", "kind", "issuer", "client_id", "value");--> statement-breakpoint
-- The delivery worker and `nls outbox` address a message by its id alone.
CREATE INDEX "outbox_id_idx" ON "outbox" USING btree ("id");--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "local_accounts" ADD CONSTRAINT "local_accounts_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_context_fk" FOREIGN KEY ("tenant_id", "context_id") REFERENCES "contexts" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "context_members" ADD CONSTRAINT "context_members_context_fk" FOREIGN KEY ("tenant_id", "context_id") REFERENCES "contexts" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "context_members" ADD CONSTRAINT "context_members_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_activity_fk" FOREIGN KEY ("tenant_id", "activity_id") REFERENCES "activities" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_created_by_fk" FOREIGN KEY ("tenant_id", "created_by") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "component_levels" ADD CONSTRAINT "component_levels_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_tag_fk" FOREIGN KEY ("tenant_id", "tag_id") REFERENCES "tags" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "inference_queue" ADD CONSTRAINT "inference_queue_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "level_history" ADD CONSTRAINT "level_history_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "overrides" ADD CONSTRAINT "overrides_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "person_targets" ADD CONSTRAINT "person_targets_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "self_assessments" ADD CONSTRAINT "self_assessments_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_person_fk" FOREIGN KEY ("tenant_id", "person_id") REFERENCES "people" ("tenant_id", "id");
