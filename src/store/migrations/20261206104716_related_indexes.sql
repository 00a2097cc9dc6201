-- xAPI's related_activities and related_agents, and the course page, read through an index: two
-- functions of a statement give every activity and every agent it names, and a GIN index over
-- each (jsonb_path_ops) finds statements by containment
-- (`nls_related_activities(statement) @> '["<iri>"]'`, `nls_related_agents(statement) @>
-- '[<identifier>]'`). Nothing is stored beside the statement: the index is built from the rows
-- there are, and a row found is checked again by the same function. JSON paths only (built-ins,
-- no other function of ours: a restore builds the index under an empty search path), a few
-- microseconds a statement.

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
CREATE INDEX "statements_related_activities_idx" ON "statements" USING gin (nls_related_activities("statement") jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "statements_related_agents_idx" ON "statements" USING gin (nls_related_agents("statement") jsonb_path_ops);
