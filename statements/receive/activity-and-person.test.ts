import { mergedActivity, personOf } from './activity-and-person.ts'

describe('mergedActivity', () => {
  it('takes each property from the newest definition and merges language maps and extensions', () => {
    const id = 'https://lms.example.edu.vn/mod/quiz/view.php?id=7'
    expect(
      mergedActivity(id, [
        {
          name: { vi: 'Bài kiểm tra 1 (sửa)' },
          type: 'http://adlnet.gov/expapi/activities/assessment',
          extensions: { 'https://ex/b': 2 },
        },
        {
          name: { vi: 'Bài kiểm tra 1', 'en-US': 'Quiz 1' },
          description: { vi: 'Mười câu' },
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          extensions: { 'https://ex/a': 1, 'https://ex/b': 1 },
        },
        'not a definition',
      ]),
    ).toEqual({
      objectType: 'Activity',
      id,
      definition: {
        name: { vi: 'Bài kiểm tra 1 (sửa)', 'en-US': 'Quiz 1' },
        description: { vi: 'Mười câu' },
        type: 'http://adlnet.gov/expapi/activities/assessment',
        extensions: { 'https://ex/a': 1, 'https://ex/b': 2 },
      },
    })
    expect(mergedActivity(id, [])).toEqual({ objectType: 'Activity', id })
  })
})

describe('personOf', () => {
  it('gives the identifier and the names known, once each', () => {
    const account = { homePage: 'https://lms.example.edu.vn', name: '42' }
    expect(personOf({ account }, ['Lê Hà', undefined, 'Lê Hà', 'Ha Le', ''])).toEqual({
      objectType: 'Person',
      name: ['Lê Hà', 'Ha Le'],
      account: [account],
    })
    expect(personOf({ mbox: 'mailto:a@b.vn' }, [])).toEqual({
      objectType: 'Person',
      mbox: ['mailto:a@b.vn'],
    })
  })
})
