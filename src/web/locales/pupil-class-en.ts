/** Page texts in English: the class heat-map of pupils against their targets, and its export. */
export const pupilClassEn = {
  pupilClass: {
    rosterTitle: 'Heat-map of pupils by class',
    rosterIntro: 'Pupils assessed against this table: {{count}}.',
    rosterLink: "Show pupils by class (learners' digital competency framework, Circular 02/2025)",
    staffLink: 'Back to the staff heat-map',
    className: 'Class',
    allClasses: 'All classes',
    pupil: 'Pupil',
    target: 'Target',
    noTarget: 'no grade',
    targetOf: 'Grade {{grade}}: target {{level}}',
    caption:
      "Each pupil's sub-level by component, against the target of their grade; choose a name to see why.",
    targetNote:
      "Each pupil's target is the level expected of their grade: from the Circular 02/2025 framework, or the level the school set for that grade.",
    textMissing:
      'The official indicator text of Circular 02/2025 is not loaded: the table shows the sub-levels reached only.',
    legend: 'Legend',
    verdicts: {
      below: 'Below target',
      at: 'At target',
      above: 'Above target',
      none: 'No evidence',
      unknown: 'Target unknown (no grade)',
    },
    cell: '{{component}}: {{level}} — {{verdict}}',
    summary: 'At or above target',
    summaryCell: '{{count}} of {{total}} pupils at or above target on component {{component}}',
    summaryPage: 'The summary row counts the {{count}} pupils of this page.',
    domain: 'Domain {{number}}',
    download: 'Download for the homeroom teacher (whole class):',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    noPupils:
      "This course's competency table is not a learners' table: there is no list of pupils to download.",
    noTable: "Choose a learners' competency table to see and download its pupils.",
    notLearnersTable: "{{table}} is not a learners' competency table",
    export: {
      sheet: 'Pupils',
      className: 'Class',
      name: 'Pupil name',
      pupilCode: 'Pupil code (ma_hs)',
      grade: 'Grade',
      target: 'Target',
      level: '{{component}} level',
      reached: '{{component}} at or above target',
      yes: 'Yes',
      no: 'No',
    },
  },
}
