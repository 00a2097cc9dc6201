-- Deep Linking's links that no launch has bound, by age: the maintenance worker finds those a
-- week old without reading every activity.
CREATE INDEX "activities_unplaced_link_idx" ON "activities" USING btree ("created_at") WHERE "activities"."resource_link_id" is null and "activities"."iri" like 'urn:nls:link:%';