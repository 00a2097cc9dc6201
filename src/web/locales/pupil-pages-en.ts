import type { Messages } from './en.ts'
import type { pupilPagesVi } from './pupil-pages-vi.ts'

/** Page texts in English: a pupil's own pages on the learners' table (Circular 02/2025). */
export const pupilPagesEn: Messages<typeof pupilPagesVi> = {
  pupilPages: {
    title: 'My digital skills',
    intro:
      'There are 6 areas of digital skills. Each bar is one area: the longer the bar, the more you can do.',
    goal: "Your grade's goal (grade {{grade}}): {{level}}",
    goalBySchool: 'Your school set this goal.',
    noGrade: "We don't know your grade yet, so there is no goal. You can still see your levels.",
    domainAt: 'You are at: {{level}}',
    noLevel: 'No level yet',
    reached: 'You reached the goal!',
    notReached: 'Not at the goal yet. Keep going!',
    barLabel: 'Area {{number}}: {{level}}, goal {{goal}}',
    barLabelNoGoal: 'Area {{number}}: {{level}}',
    parts: 'The parts of this area',
    shownBy: 'You showed it in:',
    noActivity: 'No activity has shown this part yet.',
    nextTitle: 'What can I do next?',
    nextIntro: 'These activities help you reach a higher level. The nearest is at the top.',
    nextItem: 'helps you reach {{level}} in part {{number}}',
    noNext: 'No activity is linked to your next level yet. Ask your teacher.',
    missingText: 'The official text of the indicators has not been loaded yet',
    missingTextMore:
      'So this page names the levels only, not what you need to do at each level. When your school loads the text of Circular 02/2025, you will see it here.',
    toReach: 'To reach {{level}}, you need to:',
    selfLink: 'Check yourself: what can you do?',
    selfIntro:
      'Tick what you can do. This is what you think; it is kept apart and does not replace your results.',
    iCan: 'I can…',
    levelNoText: 'Level {{level}}: no official text yet, so nothing to tick.',
  },
}
