// How the schema spreads over a distributed PostgreSQL (Citus, multi-tenant model): every table
// holding a tenant's data is distributed by `tenant_id`, so one school's rows live together and
// every query of a tenant goes to one node; data every node reads (frameworks, the tenant tree,
// platforms and clients found before the tenant is known) is a reference table, copied to every
// node; a few installation tables written on every sign-in stay on the coordinator. The rules a
// table of each kind must keep are checked against the database in test/store/distribution.test.ts.

/** The distribution key of every per-tenant table. */
export const DISTRIBUTION_COLUMN = 'tenant_id'

/**
 * Shared tables, read by every tenant's queries or looked up before the tenant is known (an LTI
 * issuer, an xAPI key): small, and replicated to every node.
 */
export const REFERENCE_TABLES = [
  'tenants',
  'frameworks',
  'platforms',
  'deployments',
  'xapi_clients',
  'tool_keys',
  'installation_secrets',
  'installation_settings',
  'admin_tokens',
  'registration_invitations',
  'learner_components',
  'learner_level_ranks',
] as const

/**
 * Installation tables that stay on the coordinator (Citus local tables): sign-in state and
 * counters written on every attempt, and the audit log, whose installation entries have no tenant.
 */
export const COORDINATOR_TABLES = ['login_states', 'throttles', 'audit_log'] as const

/** Tables of the migrator itself, outside the product's schema. */
export const MIGRATOR_TABLES = ['schema_migrations'] as const

/** Which kind a table of the schema is: any table not listed is distributed by tenant. */
export function tableKind(table: string): 'reference' | 'coordinator' | 'migrator' | 'distributed' {
  if ((REFERENCE_TABLES as readonly string[]).includes(table)) return 'reference'
  if ((COORDINATOR_TABLES as readonly string[]).includes(table)) return 'coordinator'
  if ((MIGRATOR_TABLES as readonly string[]).includes(table)) return 'migrator'
  return 'distributed'
}

/**
 * The Citus calls that distribute a migrated database, in an order Citus accepts (reference
 * tables first, then each distributed table colocated with `people`). `nls db citus-plan` prints
 * them.
 */
export function citusStatements(tables: readonly string[]): string[] {
  const kinds = tables.map((t) => ({ table: t, kind: tableKind(t) }))
  const reference = REFERENCE_TABLES.filter((t) => tables.includes(t))
  const coordinator = COORDINATOR_TABLES.filter((t) => tables.includes(t))
  const distributed = kinds
    .filter((k) => k.kind === 'distributed')
    .map((k) => k.table)
    .sort((a, b) => (a === 'people' ? -1 : b === 'people' ? 1 : a.localeCompare(b)))
  return [
    ...reference.map((t) => `SELECT create_reference_table('${t}');`),
    ...coordinator.map((t) => `SELECT citus_add_local_table_to_metadata('${t}');`),
    ...distributed.map((t, i) =>
      i === 0
        ? `SELECT create_distributed_table('${t}', '${DISTRIBUTION_COLUMN}');`
        : `SELECT create_distributed_table('${t}', '${DISTRIBUTION_COLUMN}', colocate_with => '${distributed[0]}');`,
    ),
  ]
}
