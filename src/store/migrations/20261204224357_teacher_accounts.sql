-- Local accounts for teachers (role learner): their own profile, self-assessment and needs.
ALTER TABLE "local_accounts" DROP CONSTRAINT "local_accounts_role_check";--> statement-breakpoint
ALTER TABLE "local_accounts" ADD CONSTRAINT "local_accounts_role_check" CHECK ("local_accounts"."role" in ('administrator', 'instructor', 'learner'));