/** Page texts in English: a course's competency table and grade. */
export const courseTableEn = {
  courseTable: {
    title: "The course's competency table",
    intro:
      "The competency table this course develops: the course's learners are assessed against it (with the tables they or the roster chose). A pupils' class takes TT02.NH and the class's grade.",
    audience: 'Competency table',
    schoolDefault: "The school's default table ({{audience}})",
    grade: "Grade (khối; only with a pupils' table: {{tables}})",
    noGrade: 'No grade',
    gradeN: 'Grade {{grade}}',
    save: "Save the course's table",
    saved: "The course's competency table is saved.",
    noCourse:
      "This page is the school's, not a course's: open NLS from the course to set the course's table.",
    problem: {
      audienceUnknown:
        "No table {{audience}} in the frameworks in force; choose one of {{accepted}}, or the school's default.",
      gradeInvalid: 'The grade must be a number from 1 to 12 (got "{{got}}").',
      gradeNotTaken:
        "A grade goes with a pupils' table ({{graded}}); table {{audience}} has no grades.",
    },
  },
}
