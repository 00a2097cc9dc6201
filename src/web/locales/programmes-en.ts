import type { programmesVi } from './programmes-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Programme effect (courses, tag sets). */
export const programmesEn: Messages<typeof programmesVi> = {
  programmes: {
    title: 'Training programme effect',
    intro:
      "Each LMS course, or each tag set of a school, is a training programme: this page compares the participants' digital competency levels before and after it.",
    courses: 'Courses with criteria tagged',
    school: 'School',
    course: 'Course',
    participants: 'Participants',
    noCourses: 'No course of the schools under this unit has criteria tagged yet.',
    pageOf: 'Page {{page}} of {{pages}}',
    previous: 'Previous page',
    next: 'Next page',
    pages: 'Pages',
    tagSet: 'Tag set by IRI prefix',
    tagSetHelp:
      'For a school without an LMS course (e.g. K12Online): the tags on activities whose IRI, or activity prefix, starts with this prefix.',
    prefix: 'Activity IRI prefix',
    prefixInvalid: 'The prefix must be an absolute IRI, e.g. https://k12online.vn/khoa-hoc/12/',
    schoolInvalid: 'Choose a school of this unit.',
    until: 'Up to',
    untilInvalid: 'The date must read year-month-day and not be after today.',
    show: 'Show the effect',
    effectTitle: 'Effect: {{name}}',
    tagSetName: 'Tag set {{prefix}}',
    asOf: 'Figures up to the end of {{date}}',
    back: 'Back to the programmes',
    export: 'Download CSV',
    summary: 'Summary',
    started: 'Started (with evidence)',
    criteriaNewlyMet: 'Criteria newly met',
    perParticipant: 'Mean per participant',
    reachedBefore: 'Reaching the target before the programme',
    reachedAfter: 'Reaching the target after the programme',
    figure: 'Figure',
    value: 'Value',
    component: 'Component',
    target: 'Target',
    level: 'Level',
    before: 'Before',
    after: 'After',
    wentUp: 'Went up a level',
    levelsTitle: 'Levels per component, before and after',
    chartCaption:
      'Each bar is the share of participants at each level of a component, before the programme and after it.',
    hidden:
      'The programme has fewer than {{count}} participants: figures are hidden so that nobody can be identified.',
    noComponents: "The programme's tags name no criterion of the competency framework yet.",
    unknownIds: 'IDs not in the competency framework (left out): {{ids}}',
    explainTitle: 'How it is counted',
    explainTags:
      "The programme's tags: for a course, the tags on the course's activities; for a tag set, the tags whose activity IRI or activity prefix starts with the prefix chosen.",
    explainTarget:
      "Components and target: the components the tags' criteria belong to; the target on each is the highest level the tags name (a criterion's level, or the level of a component tagged).",
    explainParticipants:
      "Participants: people with evidence from the programme's tags and, for a course, its learners (Learner role), even with no evidence yet.",
    explainStart:
      "Start: a person's first evidence from the programme's tags. For someone not started, the level before is the level after.",
    explainLevels:
      'Before: the level held just before the start; after: the level held at the date chosen.',
    explainCriteria:
      "Criteria newly met: criteria evidenced through the programme's tags for which the person had no evidence (from any tag) before their start.",
    explainReached:
      'Reaching the target: holding at least the target level on every component of the programme; the share is of all participants.',
  },
}
