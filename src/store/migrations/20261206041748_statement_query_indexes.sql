-- GET /xapi/statements reads only the page it returns, newest stored first, for each filter:
-- activity (by stored, no longer by timestamp), verb, agent as actor or as object, registration.
DROP INDEX "statements_activity_idx";--> statement-breakpoint
CREATE INDEX "statements_verb_idx" ON "statements" USING btree ("tenant_id","verb_id","stored");--> statement-breakpoint
CREATE INDEX "statements_actor_idx" ON "statements" USING btree ("tenant_id","actor_key","stored");--> statement-breakpoint
CREATE INDEX "statements_object_agent_idx" ON "statements" USING gin (("statement" -> 'object') jsonb_path_ops) WHERE "statements"."statement" #>> '{object,objectType}' in ('Agent', 'Group');--> statement-breakpoint
CREATE INDEX "statements_registration_idx" ON "statements" USING btree ("tenant_id","registration","stored") WHERE "statements"."registration" is not null;--> statement-breakpoint
CREATE INDEX "statements_activity_idx" ON "statements" USING btree ("tenant_id","activity_iri","stored");
