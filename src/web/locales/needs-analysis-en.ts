import type { needsAnalysisVi } from './needs-analysis-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Training-needs analysis for managers. */
export const needsAnalysisEn: Messages<typeof needsAnalysisVi> = {
  needsAnalysis: {
    title: 'Training-needs analysis',
    intro:
      'Per staff group and competency component: the self-assessed level beside the evidenced one, and how many are still below target — to design training courses from (Circular 18: the framework serves self-assessment and identifying training needs).',
    plan: 'Plan setting the targets',
    noPlanOption: 'No plan (Basic)',
    table: 'Competency table',
    part: 'Unit under this one',
    allParts: 'The whole unit',
    show: 'Show',
    targetsDefault:
      'Target: Basic on every component — the level every teacher needs (Circular 18). Choose a plan to follow its targets.',
    targetsByPlan:
      'Targets of plan {{code}} ({{name}}): for each group, the highest level the plan’s targets name for it; components the plan does not name: Basic.',
    csv: 'Download CSV',
    empty: 'Nobody on this table at the unit shown yet.',
    heatmap: 'Share below target by evidence',
    heatmapHint:
      'Each cell: the share of the group whose evidenced level is below target, and the numbers (below target/group). The darker, the greater the need.',
    component: 'Component',
    groupHeading: '{{group}} ({{count}} people)',
    staffCount: '{{count}} people',
    hidden: 'group under {{count}} people',
    hiddenNote: 'Groups of fewer than {{count}} people show no figures.',
    target: 'target {{level}}',
    priorities: 'Where to design courses first',
    prioritiesHint:
      'Per group, the components with the most people below target first; beside them, the people’s own view.',
    noNeed: 'Everyone in the group has reached the target on every component.',
    byEvidence: 'By evidence',
    bySelf: 'By self-assessment',
    belowOf: '{{count}}/{{total}} below target',
    notAssessed: 'nobody assessed themselves',
    selfHigher: 'Rate themselves higher than the evidence: {{count}}',
    selfLower: 'lower: {{count}}',
    meanGap: 'Mean gap: {{gap}} levels',
    groups: {
      GV: 'Teachers',
      TTCM: 'Heads of department',
      CBQL: 'School managers',
      NV: 'Support staff',
      none: 'No position recorded',
    },
    col: {
      group: 'Group',
      position: 'Position',
      number: 'Component',
      id: 'Component ID',
      name: 'Component name',
      target: 'Target',
      staff: 'People',
      below: 'Below target (evidence)',
      belowShare: 'Share below target (%)',
      assessed: 'Assessed themselves',
      belowBySelf: 'Below target (self-assessment)',
      selfHigher: 'Rate themselves higher than evidence',
      selfLower: 'Rate themselves lower than evidence',
      meanGap: 'Mean gap (levels)',
      evidenced: 'Evidence: {{level}}',
      self: 'Self-assessment: {{level}}',
    },
  },
}
