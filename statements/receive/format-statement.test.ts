import { formatStatement } from './format-statement.ts'

const activity = (id: string) => ({
  objectType: 'Activity',
  id,
  definition: { name: { vi: 'Bài 1' }, type: 'http://adlnet.gov/expapi/activities/lesson' },
})

describe('formatStatement ids', () => {
  it('keeps only what identifies Agents, Verbs and Activities, wherever they stand', () => {
    const statement = {
      id: 'f1b4a6a4-6c5e-4a39-9f6e-1f5a2a0c3d4e',
      actor: { objectType: 'Agent', name: 'Lan', account: { homePage: 'https://l.vn', name: '7' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { vi: 'đã xem' } },
      object: {
        objectType: 'SubStatement',
        actor: { name: 'Bình', mbox: 'mailto:binh@example.edu.vn' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: activity('https://l.vn/mod/page/view.php?id=2'),
        context: { contextActivities: { parent: [activity('https://l.vn/course/view.php?id=1')] } },
      },
      context: {
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        contextActivities: {
          parent: [activity('https://l.vn/course/view.php?id=1')],
          category: { id: 'https://w3id.org/xapi/scorm', objectType: 'Activity' },
        },
        statement: { objectType: 'StatementRef', id: '0f6d5a30-6c1e-4f51-9e3b-2d1b3c4a5e6f' },
      },
    }
    expect(formatStatement(statement, 'ids', [])).toEqual({
      id: statement.id,
      actor: { objectType: 'Agent', account: { homePage: 'https://l.vn', name: '7' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:binh@example.edu.vn' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { id: 'https://l.vn/mod/page/view.php?id=2' },
        context: { contextActivities: { parent: [{ id: 'https://l.vn/course/view.php?id=1' }] } },
      },
      context: {
        registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
        contextActivities: {
          parent: [{ id: 'https://l.vn/course/view.php?id=1' }],
          category: { id: 'https://w3id.org/xapi/scorm' },
        },
        statement: { objectType: 'StatementRef', id: '0f6d5a30-6c1e-4f51-9e3b-2d1b3c4a5e6f' },
      },
    })
  })

  it('keeps an Agent or Group as the object with its objectType', () => {
    const object = { objectType: 'Agent', name: 'Lan', mbox: 'mailto:lan@example.edu.vn' }
    expect(formatStatement({ object }, 'ids', [])).toEqual({
      object: { objectType: 'Agent', mbox: 'mailto:lan@example.edu.vn' },
    })
  })
})
