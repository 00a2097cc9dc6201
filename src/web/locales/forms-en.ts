import type { formsVi } from './forms-vi.ts'
import type { Messages } from './en.ts'

/** The texts of forms and uploads in English. */
export const formsEn: Messages<typeof formsVi> = {
  formErrors: {
    summary: 'Not sent: fix the problems below ({{count}}). What you typed is kept.',
    competencyNone: 'Choose at least one competency (search the framework and tick it).',
    competencyTooMany: 'A tag names at most 50 competencies: untick some of those chosen.',
    competencyUnknown:
      '{{id}} is not a descriptor or a component at a level of the framework: untick it and search again.',
    minScore: 'The minimum score must be a percentage from 0 to 100 (such as 80), or empty.',
    count: 'Times needed must be a whole number from 1 to 1000.',
    weight: 'The weight must be more than 0 and at most 1 (such as 0.5).',
    verbNone: 'Choose at least one action that counts.',
    verbInvalid: 'One of the actions is not an xAPI verb IRI.',
    activity: 'The activity to tag is unknown: open the tag editor again from the Activities page.',
    required: 'Fill in this field.',
    tooLong: 'Too long: at most {{count}} characters.',
    reasonNeeded: 'Give a reason for the decision.',
    fileNeeded: 'Choose a CSV file to upload.',
    invalid: 'This value is not valid: check it again.',
  },
  tagVerbs: {
    legend: 'Actions that count (xAPI verbs)',
    hint: 'Only statements with one of the ticked actions count as evidence. A graded assignment in Moodle sends “scored”.',
    completed: 'Completed',
    passed: 'Passed',
    scored: 'Scored',
    mastered: 'Mastered',
    achieved: 'Achieved',
    satisfied: 'Satisfied',
    answered: 'Answered a question',
    responded: 'Responded to an interaction',
    submit: 'Submitted',
    viewed: 'Viewed',
    other: 'Another verb',
  },
  csvProblem: {
    ERR_CSV_NOT_UTF8:
      'the file is not UTF-8 text; in Excel, save it as "CSV UTF-8 (Comma delimited)"',
    ERR_CSV_UNREADABLE: 'not a readable CSV file ({{reason}})',
    got: 'got "{{got}}"',
    ERR_ROSTER_EMPTY: 'the file is empty: its first row must name the columns ({{columns}})',
    ERR_ROSTER_COLUMN_UNKNOWN: 'unknown column {{unknown}}; the columns are {{columns}}',
    ERR_ROSTER_EMAIL_COLUMN_MISSING:
      'no email or ma_hs column: staff are known by their email, pupils by their code; the columns are {{columns}}',
    ERR_ROSTER_EMAIL_OR_PUPIL_CODE_REQUIRED:
      'needs an email (staff) or a pupil code ma_hs (pupils): {{columns}}',
    ERR_ROSTER_EMAIL_INVALID: '"{{email}}" is not an email address',
    ERR_ROSTER_EMAIL_TWICE: '{{email}} is already on row {{row}}',
    ERR_ROSTER_EMAIL_TAKEN: "the email {{email}} is already another person's; not linked",
    ERR_ROSTER_PUPIL_CODE_TWICE: 'the pupil code {{pupilCode}} is already on row {{row}}',
    ERR_ROSTER_TABLE_UNKNOWN: 'no competency table {{table}}; use {{tables}}',
    ERR_ROSTER_HOME_PAGE_INVALID: '"{{homePage}}" is not a home page (an http or https URL)',
    ERR_ROSTER_HOME_PAGE_MISSING:
      "names an account but no LMS home page: add a trang_chu column, or set the tenant's account home page",
    ERR_ROSTER_ACCOUNT_TWICE: '{{account}} is already on row {{row}}',
    ERR_ROSTER_ACCOUNT_TAKEN: "the account {{account}} is already another person's; not linked",
    ERR_ROSTER_UNIT_UNKNOWN: "must name one of the district's schools: {{schools}}",
    ERR_ROSTER_POSITION_UNKNOWN:
      'no position "{{position}}"; use {{positions}} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
    ERR_ROSTER_SCHOOL_LEVEL_UNKNOWN: 'no school level "{{schoolLevel}}"; use {{schoolLevels}}',
    ERR_ROSTER_GRADE_INVALID: '"{{grade}}" is not a grade: a whole number from 1 to 12',
    ERR_TAG_CSV_EMPTY: 'the file is empty: its first row must name the columns ({{columns}})',
    ERR_TAG_CSV_HEADER_MISSING:
      'the first row must name the columns ({{columns}}); it has {{cells}}',
    ERR_TAG_CSV_COLUMN_UNKNOWN: 'unknown column {{unknown}}; the columns are {{columns}}',
    ERR_TAG_CSV_COLUMN_TWICE: 'column "{{name}}" appears twice',
    ERR_TAG_CSV_COMPETENCY_COLUMN_MISSING: 'no competency_ids column',
    ERR_TAG_CSV_TARGET_COLUMN_MISSING:
      'no {{targets}} column: name at least one, for the activities to tag',
    ERR_TAG_CSV_CELL_UNNAMED: 'a value in column {{position}}, which has no header',
    ERR_TAG_CSV_CELLS_BEYOND:
      '{{count}} value(s) beyond the {{columns}} columns of the header (a cell with a comma, such as 0,8, goes in double quotes)',
    ERR_TAG_CSV_TARGET_NONE: 'give one of {{targets}}',
    ERR_TAG_CSV_TARGET_SEVERAL: 'give only one of {{targets}}; this row has {{given}}',
    ERR_TAG_CSV_NAME_ON_PREFIX:
      'names an activity (activity_iri or resource_link_id), not a prefix',
    ERR_TAG_CSV_MIN_SCORE_INVALID:
      'must be a share from 0 to 1 such as 0.8, or a percentage such as 80%',
    ERR_TAG_CSV_WEIGHT_INVALID: 'must be a number more than 0 and at most 1, such as 0.5',
    ERR_TAG_CSV_COUNT_INVALID: 'must be a whole number of statements from 1 to 1000',
    ERR_TAG_CSV_FLAG_INVALID: 'must be true or false (or yes/no, 1/0, có/không)',
    ERR_TAG_CSV_GRADEBOOK_INVALID:
      'must be level (0–3 of 3) or share (of the criteria the link asks for, met), or empty',
    ERR_TAG_CSV_VERB_INVALID: '"{{verb}}" {{detail}}',
    ERR_TAG_CSV_VERB_NONE: '{{detail}}',
    ERR_TAG_CSV_COMPETENCY_NONE: '{{detail}}',
    ERR_TAG_CSV_COMPETENCY_TOO_MANY: '{{detail}}',
    ERR_TAG_CSV_COMPETENCY_UNKNOWN: '{{detail}}',
    ERR_TAG_CSV_VALUE_INVALID: '{{detail}}',
    ERR_TAG_CSV_ALREADY_TAGGED: 'already tagged (tag {{tagId}})',
    ERR_TAG_CSV_SAME_AS_ROW: 'the same tag as row {{row}}',
    ERR_TAG_CSV_OTHER_RULE:
      'tag {{tagId}} names the same activity and competencies under another rule; both count',
    ERR_TAG_CSV_COURSE_DIFFERS:
      '{{got}} differs from {{first}} on line {{firstLine}}: a course has one table and one grade',
    ERR_TAG_CSV_COURSE_NONE:
      "the school's page has no course to set a table for; upload the file from the course (opened from the LMS)",
    ERR_TAG_CSV_COURSE_TABLE_UNKNOWN:
      'no table {{audience}} in the frameworks in force; use one of {{accepted}}, or leave it empty',
    ERR_TAG_CSV_COURSE_GRADE_INVALID: 'the grade must be a number from 1 to 12',
    ERR_TAG_CSV_COURSE_GRADE_NOT_TAKEN:
      "a grade goes with a pupils' table ({{graded}}); table {{audience}} has no grades",
  },
  deepLinking: {
    title: 'Choose competencies',
    heading: 'Choose the competencies this activity evidences',
    course: 'Course',
    activityTitle: 'Activity title',
    components: 'A component at a level (CB basic, TT proficient, NC advanced)',
    descriptors: 'Descriptor IDs, separated by spaces or commas',
    gradebook: 'The score in the LMS gradebook',
    gradebookLevel:
      'The level held on the chosen components (0–3: not yet, basic, proficient, advanced; their mean for several)',
    gradebookShare:
      'The share met of the criteria chosen (a level with the levels below it: all of the basic descriptors met for basic is 100 %)',
    create: 'Create the activity',
    returning: 'Returning to the LMS…',
    continue: 'Continue',
  },
}
