import type { plansVi } from './plans-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Plans of organisations (import, list). */
export const plansEn: Messages<typeof plansVi> = {
  plans: {
    title: 'Plans and targets',
    intro:
      'The plans of this unit and of those above it that apply here: each target is the share of a group of staff or pupils holding a digital-competence level on the components it names, by a deadline.',
    none: 'No plan applies to this unit yet.',
    of: 'Plan of {{owner}}',
    ownPlan: 'This unit’s plan',
    fromAbove: 'Plan from above ({{owner}}), read-only',
    importedAt: 'Imported on {{date}}',
    unreadable: 'This stored plan cannot be read; import it again.',
    calendar: 'Reporting calendar',
    before: 'by {{day}}',
    period: {
      'semester-1': 'Semester 1',
      'semester-2': 'Semester 2',
      year: 'Yearly',
      'school-year': 'End of the school year',
    },
    targets: 'Targets',
    target: 'Target',
    group: 'Who',
    components: 'Components',
    level: 'Minimum level',
    share: 'Share',
    deadline: 'Deadline',
    atLeast: 'at least {{share}}',
    moreThan: 'more than {{share}}',
    pupils: 'Pupils of grades {{grades}}',
    atLevels: '{{positions}} ({{levels}})',
    position: {
      GV: 'Teachers',
      TTCM: 'Heads of subject groups',
      CBQL: 'School managers',
      NV: 'Staff',
    },
    delete: 'Delete the plan',
    imported: 'Plan {{code}} imported.',
    replaced: 'Plan {{code}} replaced by the one just imported.',
    deleted: 'Plan {{code}} deleted.',
    importTitle: 'Import a plan',
    importIntro:
      'Upload a plan as JSON (whole), or as CSV (one target per row; the code, name and reporting calendar below). Importing a plan of the same code replaces it. A file with any problem is refused whole.',
    notOrganisation:
      'Only organisations (districts, the department, the city) hold plans; a school connected through its LMS sees the plans from above.',
    file: 'Plan file (JSON or CSV)',
    csvFields: 'For a CSV file',
    code: 'Plan code (e.g. 484/KH-UBND)',
    name: 'Plan name',
    nameEn: 'Name in English (optional)',
    calendarChoice: 'Reporting periods and due days (month-day)',
    due: 'Due day of {{period}} (MM-DD)',
    upload: 'Upload and import',
    examples: 'Example plans',
    examplesIntro: 'Download one to see the format:',
    example: {
      '484-KH-UBND-quan-6': 'District 6’s plan 484/KH-UBND',
      'de-an-hcm-2022-2025': 'The city’s scheme, 2022–2025',
    },
    refused: 'The plan was not imported: {{count}} problems. Nothing was saved.',
    at: 'at {{path}}',
    field: {
      file: 'File',
      code: 'Code',
      name: 'Plan name',
      nameEn: 'Name in English',
      calendar: 'Reporting periods',
    },
    problem: {
      ERR_PLAN_REQUIRED: 'required, missing',
      ERR_PLAN_INVALID: 'not valid ({{detail}})',
      ERR_PLAN_NOT_JSON: 'not a valid JSON file ({{reason}})',
      ERR_PLAN_FILE_MISSING: 'choose a plan file to upload',
      ERR_PLAN_NOT_ORGANISATION:
        '{{node}} is a school connected through its LMS: only an organisation (a district, the department, the city) holds plans',
      ERR_PLAN_TABLE_UNKNOWN: 'no competency table {{table}}',
      ERR_PLAN_COMPONENT_UNKNOWN: 'table {{table}} has no component {{component}}',
      ERR_PLAN_DOMAIN_UNKNOWN: 'table {{table}} has no domain {{domain}}',
      ERR_PLAN_LEVEL_UNKNOWN: '{{framework}} has no level {{level}}; its levels are {{levels}}',
      ERR_CSV_NOT_UTF8: 'the file is not UTF-8 text; in Excel, save it as "CSV UTF-8"',
      ERR_CSV_UNREADABLE: 'not a readable CSV file ({{reason}})',
      ERR_PLAN_CSV_EMPTY:
        'the file has no targets: its first row names the columns ({{columns}}), then one row per target',
      ERR_PLAN_CSV_COLUMN_UNKNOWN: 'unknown column {{unknown}}; the columns are {{columns}}',
      ERR_PLAN_CSV_COLUMN_MISSING: 'no column {{missing}}; the columns are {{columns}}',
      ERR_PLAN_CSV_REQUIRED: 'required, empty',
      ERR_PLAN_CSV_ID_INVALID:
        '"{{id}}" is not an id: 1 to 40 letters, digits, dots, dashes or underscores',
      ERR_PLAN_CSV_ID_TWICE: '{{id}} is already on row {{row}}',
      ERR_PLAN_CSV_GROUP_MISSING:
        'name the positions (chuc_vu) of a staff target or the grades (khoi) of a pupils’ target',
      ERR_PLAN_CSV_GROUP_BOTH: 'a target is for staff (chuc_vu) or for pupils (khoi), not both',
      ERR_PLAN_CSV_POSITION_UNKNOWN:
        'no position "{{position}}"; use {{positions}} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)',
      ERR_PLAN_CSV_SCHOOL_LEVEL_UNKNOWN: 'no school level "{{schoolLevel}}"; use {{schoolLevels}}',
      ERR_PLAN_CSV_GRADES_INVALID:
        '"{{grades}}" is not a list of grades 1 to 12, such as 6+7+8+9 or 6-9',
      ERR_PLAN_CSV_COMPONENT_INVALID:
        '"{{component}}" is not a component: a number such as 4.2 or an ID such as TT18.QL.4.5',
      ERR_PLAN_CSV_DOMAIN_INVALID: '"{{domain}}" is not a domain: a number such as 1',
      ERR_PLAN_CSV_TARGETS_BOTH: 'name components (thanh_phan) or domains (mien), not both',
      ERR_PLAN_CSV_MEASURE_INVALID:
        '"{{measure}}" is not a measure: đạt mức (attainment) or tiếp cận (exposure)',
      ERR_PLAN_CSV_TABLE_INVALID: '"{{table}}" is not a table such as PT, MN, QL, NH or TT18.PT',
      ERR_PLAN_CSV_LEVEL_INVALID:
        '"{{level}}" is not a level: CB, TT, NC (Cơ bản, Thành thạo, Nâng cao)',
      ERR_PLAN_CSV_SHARE_INVALID:
        '"{{share}}" is not a share: more than 0 and at most 100%, such as 30%, 0.3 or "trên 50%"',
      ERR_PLAN_CSV_DATE_INVALID: '"{{date}}" is not a date such as 31/12/2025 or 2025-12-31',
    },
  },
}
