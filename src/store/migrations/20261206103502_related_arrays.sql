-- xAPI's related_activities and related_agents, and the course page, read through an index: each
-- statement keeps every activity and every agent it names in a column that PostgreSQL works out
-- from the statement itself (a stored generated column: the rule is these two functions, and
-- rows kept before this migration get theirs as the column is added), GIN-indexed for
-- containment (`related_activities @> '["<iri>"]'`, `related_agents @> '[<identifier>]'`).
-- JSON paths only (built-ins, no other function of ours: a restore computes the columns again
-- under an empty search path), a few microseconds a statement.

-- The ids of every activity a statement names: its object (an Activity), each of its context
-- activities (parent, grouping, category, other; an array, or one activity as 1.0 sent them),
-- and the same of a SubStatement object.
CREATE FUNCTION "nls_related_activities"(s jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_path_query_array(s, '$.object ? (!exists(@.objectType) || @.objectType == "Activity").id')
    || jsonb_path_query_array(s, '$.context.contextActivities.*[*].id')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").object ? (!exists(@.objectType) || @.objectType == "Activity").id')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").context.contextActivities.*[*].id')
$$;
--> statement-breakpoint
-- Every Agent and Group a statement names, as it names them: its actor, authority, context
-- instructor and team, object (an Agent or Group), the members of each Group, and the same of a
-- SubStatement object. An agent is found by containment of its identifier
-- (`[{"mbox": "mailto:…"}]`), whatever else it carries.
CREATE FUNCTION "nls_related_agents"(s jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_path_query_array(s, '$.actor')
    || jsonb_path_query_array(s, '$.actor.member[*]')
    || jsonb_path_query_array(s, '$.authority')
    || jsonb_path_query_array(s, '$.authority.member[*]')
    || jsonb_path_query_array(s, '$.context.instructor')
    || jsonb_path_query_array(s, '$.context.instructor.member[*]')
    || jsonb_path_query_array(s, '$.context.team')
    || jsonb_path_query_array(s, '$.context.team.member[*]')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "Agent" || @.objectType == "Group")')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "Agent" || @.objectType == "Group").member[*]')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").actor')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").actor.member[*]')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").context.instructor')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").context.instructor.member[*]')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").context.team')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").context.team.member[*]')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").object ? (@.objectType == "Agent" || @.objectType == "Group")')
    || jsonb_path_query_array(s, '$.object ? (@.objectType == "SubStatement").object ? (@.objectType == "Agent" || @.objectType == "Group").member[*]')
$$;
--> statement-breakpoint
ALTER TABLE "statements"
  ADD COLUMN "related_activities" jsonb GENERATED ALWAYS AS (nls_related_activities(statement)) STORED NOT NULL,
  ADD COLUMN "related_agents" jsonb GENERATED ALWAYS AS (nls_related_agents(statement)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "statements_related_activities_idx" ON "statements" USING gin ("related_activities" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "statements_related_agents_idx" ON "statements" USING gin ("related_agents" jsonb_path_ops);
