-- One LMS is one tenant: a platform registering NLS again as a new tool (a new client_id of the
-- same issuer) joins the tenant of the first, so a tenant may hold several platforms.
DROP INDEX "platforms_tenant_idx";--> statement-breakpoint
CREATE INDEX "platforms_tenant_idx" ON "platforms" USING btree ("tenant_id");