// Pupils are minors (Decree 13/2023/NĐ-CP on personal data): their names never leave their
// school. The one place the rule is written for reports and their exports.
import type { PageContext } from '../../web/page-context.ts'
import type { ReportNode } from './report-node.ts'

/**
 * Whether a manager may see pupils' names at a node: only their own school's manager, at their
 * own school (no office under it). Above a school (a ward, a district, the Sở), and for a
 * school opened from above, pupils are counted only.
 */
export function pupilNamesShown(
  page: Pick<PageContext, 'session'>,
  node: Pick<ReportNode, 'node' | 'tenants'>,
): boolean {
  return (
    page.session.tenantId === node.node.id &&
    !node.tenants.some((t) => t.parentId === node.node.id && t.kind === 'organisation')
  )
}
