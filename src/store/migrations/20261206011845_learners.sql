-- Learners (Circular 02/2025): a course's table and grade; a pupil's code and class from the
-- roster; and what the courses a person learns in say of them (tables, grade, class).
ALTER TABLE "people" ADD COLUMN "pupil_code" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "class_name" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "course_audiences" text[];--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "course_grade" smallint;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "course_class" text;--> statement-breakpoint
ALTER TABLE "contexts" ADD COLUMN "audience" text;--> statement-breakpoint
ALTER TABLE "contexts" ADD COLUMN "grade" smallint;--> statement-breakpoint
CREATE UNIQUE INDEX "people_pupil_code_idx" ON "people" USING btree ("tenant_id","pupil_code") WHERE "people"."pupil_code" is not null;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_course_grade_check" CHECK ("people"."course_grade" between 1 and 12);--> statement-breakpoint
ALTER TABLE "contexts" ADD CONSTRAINT "contexts_grade_check" CHECK ("contexts"."grade" between 1 and 12);