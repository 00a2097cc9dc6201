// Which pupils a class view shows (a class course's learners, or the school's pupils of a
// learners' table by class), their heat-map rows, and the rows of the class's export.
import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { heatmapRow } from '../../learners/class-heatmap.ts'
import { type GradeTargets, hasGradeTargets } from '../../learners/grade-target.ts'
import { reachesTarget } from '../../learners/target-verdict.ts'
import type { ClassPupil, Context, PupilGroup, Stores } from '../../store/index.ts'
import { translator } from '../../web/i18n.ts'
import type { PageContext } from '../../web/page-context.ts'
import type { PupilClassRow } from '../../web/pages/pupil-class-page.tsx'
import { personName } from '../../web/pages/profile-page.tsx'
import { InputInvalid } from '../errors.ts'

/** The learners' table an audience ID names (its framework sets targets by grade), if any. */
export function learnersTable(
  catalog: Catalog,
  audienceId: string | undefined,
): AudienceEntry | undefined {
  if (audienceId === undefined) return undefined
  const entry = catalog.find(audienceId)
  return entry?.kind === 'audience' && hasGradeTargets(entry.framework) ? entry : undefined
}

/** The first learners' table of the catalog (TT02.NH), for the school's view of its pupils. */
export function firstLearnersTable(catalog: Catalog): AudienceEntry | undefined {
  return catalog.audiences().find((a) => hasGradeTargets(a.framework))
}

/** Whether any level of the table lacks its official descriptor text (not loaded). */
export function textMissing(table: AudienceEntry): boolean {
  return table.audience.components.some((c) => c.levels.some((l) => l.status === 'missing'))
}

/** The pupils a class view shows, and against which table. */
export interface PupilView {
  readonly table: AudienceEntry
  readonly group: PupilGroup
}

/**
 * The pupils a session's class view shows: from a course, its learners when the course's table
 * is a learners' table (else none: the staff heat-map stands); without a course, the school's
 * people of the learners' table `query.table` names (of `query.class` when given), or none when
 * no table is asked for. A table that is not a learners' is refused, naming the field.
 */
export function pupilView(
  page: PageContext,
  catalog: Catalog,
  context: Context | undefined,
  query: { readonly table?: string; readonly class?: string },
  defaultAudience: string,
): PupilView | undefined {
  if (page.session.contextId !== undefined) {
    const table = learnersTable(catalog, context?.audience)
    return table && { table, group: { kind: 'course', contextId: page.session.contextId } }
  }
  if (query.table === undefined) return undefined
  const table = learnersTable(catalog, query.table)
  if (!table) {
    throw new InputInvalid([
      {
        path: ['query', 'table'],
        message: page.t('pupilClass.notLearnersTable', { table: query.table }),
      },
    ])
  }
  return {
    table,
    group: {
      kind: 'table',
      audience: table.id,
      defaultAudience,
      ...(query.class !== undefined && { className: query.class }),
    },
  }
}

/** The heat-map rows of pupils: their names, targets and cells on the table. */
export function pupilRows(
  table: AudienceEntry,
  pupils: readonly ClassPupil[],
  schoolTargets: GradeTargets,
): PupilClassRow[] {
  const ids = table.audience.components.map((c) => c.id)
  return pupils.map((p) => ({
    personId: p.personId,
    name: personName({ ...p, id: p.personId }),
    ...(p.className !== undefined && { className: p.className }),
    ...heatmapRow(table.framework, ids, p, schoolTargets),
  }))
}

/** A text of the export in Vietnamese with English beside it ("Lớp / Class"). */
function both(key: string, values: Record<string, unknown> = {}): string {
  return `${translator('vi')(key, values)} / ${translator('en')(key, values)}`
}

/**
 * The header of a class's export: class, pupil name, pupil code, grade, target, then per
 * component its level and whether it is at or above the target, in Vietnamese and English.
 */
export function exportHeader(table: AudienceEntry): string[] {
  const x = (key: string, values?: Record<string, unknown>) =>
    both(`pupilClass.export.${key}`, values)
  return [
    x('className'),
    x('name'),
    x('pupilCode'),
    x('grade'),
    x('target'),
    ...table.audience.components.flatMap((c) => [
      x('level', { component: c.number }),
      x('reached', { component: c.number }),
    ]),
  ]
}

/** The export's rows of pupils, in the header's order (a reach left empty without a target). */
export function exportRows(
  table: AudienceEntry,
  pupils: readonly ClassPupil[],
  schoolTargets: GradeTargets,
): (string | number)[][] {
  const yes = both('pupilClass.export.yes')
  const no = both('pupilClass.export.no')
  return pupilRows(table, pupils, schoolTargets).map((row, i) => [
    row.className ?? '',
    row.name,
    pupils[i]?.pupilCode ?? '',
    row.grade ?? '',
    row.target ?? '',
    ...row.cells.flatMap((cell) => [
      cell.level ?? '',
      row.target === undefined ? '' : reachesTarget(cell.verdict) ? yes : no,
    ]),
  ])
}

/** How many pupils an export reads at a time. */
export const EXPORT_BATCH = 500

/** Every pupil of a view, a batch at a time (in class and name order). */
export async function* pupilBatches(
  stores: Pick<Stores, 'classes'>,
  tenantId: string,
  view: PupilView,
): AsyncGenerator<readonly ClassPupil[]> {
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const { pupils } = await stores.classes.listPupils(tenantId, view.group, {
      table: view.table.id,
      limit: EXPORT_BATCH,
      offset,
    })
    if (pupils.length > 0) yield pupils
    if (pupils.length < EXPORT_BATCH) return
  }
}
