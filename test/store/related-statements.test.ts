// related_activities and related_agents (xAPI 1.0.3 Communication §2.1.3): every activity and
// every agent a statement names, wherever the specification puts them, as the functions of the
// statement that the indexes hold give them (migration related_indexes). On both databases.
import { randomUUID } from 'node:crypto'
import type { Database } from '../../src/store/database.ts'
import { postgresStatementStore } from '../../src/store/postgres-statement-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import type { StatementQuery, StatementStore } from '../../src/store/statement-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const SITE = 'https://lms.thcs-giangvo.edu.vn'
const COURSE = `${SITE}/course/view.php?id=2`
const QUIZ = `${SITE}/mod/quiz/view.php?id=30`

/** Statements naming activities and agents in every place the specification has them. */
const named = {
  // An anonymous group of two acts on a SubStatement (with its own actor, object, instructor and
  // a parent given as one object, as 1.0 sent it); the authority is the client's account; the
  // team an identified group; the course in grouping, a category and another activity.
  everywhere: {
    actor: {
      objectType: 'Group',
      member: [
        { mbox: 'mailto:an@giangvo.edu.vn' },
        { account: { homePage: SITE, name: '7' }, name: 'Bình' },
      ],
    },
    verb: { id: 'http://adlnet.gov/expapi/verbs/planned' },
    object: {
      objectType: 'SubStatement',
      actor: { openid: 'https://id.giangvo.edu.vn/chi' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
      object: { id: `${SITE}/mod/page/view.php?id=5` },
      context: {
        instructor: { mbox: 'mailto:thay.dung@giangvo.edu.vn', name: 'Thầy Dũng' },
        contextActivities: { parent: { id: QUIZ } },
      },
    },
    authority: { objectType: 'Agent', account: { homePage: `${SITE}/xapi`, name: 'client-1' } },
    context: {
      team: {
        objectType: 'Group',
        mbox: 'mailto:to-toan@giangvo.edu.vn',
        member: [{ mbox: 'mailto:em@giangvo.edu.vn' }],
      },
      contextActivities: {
        grouping: [{ id: COURSE }],
        category: [{ id: 'https://w3id.org/xapi/moodle' }],
        other: [{ id: `${SITE}/mod/forum/view.php?id=9` }],
      },
    },
  },
  // An agent as the object: a teacher's review of a colleague.
  agentObject: {
    actor: { mbox: 'mailto:an@giangvo.edu.vn' },
    verb: { id: 'http://id.tincanapi.com/verb/reviewed' },
    object: { objectType: 'Agent', mbox: 'mailto:giang@giangvo.edu.vn' },
  },
  // A statement about another statement: its id is no activity; its parent is.
  reference: {
    actor: { mbox: 'mailto:hoa@giangvo.edu.vn' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
    object: { objectType: 'StatementRef', id: '9f0a3b52-7e4d-4c5b-8a1f-2d6e0b9c4a71' },
    context: { contextActivities: { parent: [{ id: QUIZ }] } },
  },
  unrelated: {
    actor: { mbox: 'mailto:khoa@giangvo.edu.vn' },
    verb: { id: 'http://id.tincanapi.com/verb/viewed' },
    object: { id: `${SITE}/mod/page/view.php?id=6`, objectType: 'Activity' },
  },
} as const
type Name = keyof typeof named

function activityOf(object: { readonly objectType?: string; readonly id?: string }) {
  const iri = (object.objectType ?? 'Activity') === 'Activity' ? object.id : undefined
  return { activityIri: iri, activityTree: iri === undefined ? [] : [iri] }
}

let database: Database
let store: StatementStore
let tenantId: string
let otherTenantId: string
const ids = new Map<string, Name>()

beforeAll(async () => {
  database = await openTestDatabase()
  store = postgresStatementStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'THCS Giảng Võ' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'THCS Thăng Long' })).id
  for (const tenant of [tenantId, otherTenantId]) {
    await store.insertStatements(
      tenant,
      Object.entries(named).map(([name, statement], i) => {
        const id = randomUUID()
        if (tenant === tenantId) ids.set(id, name as Name)
        return {
          id,
          actorKey: `statement:${name}`,
          verbId: statement.verb.id,
          // The columns as the endpoint fills them: the object's id when it is an Activity.
          ...activityOf(statement.object),
          timestamp: new Date(Date.UTC(2026, 10, 2, 8, i)),
          source: 'push',
          statement: { id, ...statement },
        }
      }),
    )
  }
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

/** The statements (by name) a query finds. */
async function found(query: Partial<StatementQuery>): Promise<Name[]> {
  const rows = await store.queryStatements(tenantId, { limit: 100, ...query })
  return rows.map((r) => ids.get(r.id)!).sort()
}

describe('related_activities', () => {
  it.each<[string, string, Name[]]>([
    ['the object', `${SITE}/mod/page/view.php?id=6`, ['unrelated']],
    ["a SubStatement's object", `${SITE}/mod/page/view.php?id=5`, ['everywhere']],
    [
      "a parent given as one object, a SubStatement's, and a parent",
      QUIZ,
      ['everywhere', 'reference'],
    ],
    ['a grouping', COURSE, ['everywhere']],
    ['a category', 'https://w3id.org/xapi/moodle', ['everywhere']],
    ['another context activity', `${SITE}/mod/forum/view.php?id=9`, ['everywhere']],
    ["a StatementRef's id, which is no activity", '9f0a3b52-7e4d-4c5b-8a1f-2d6e0b9c4a71', []],
    ['an activity no statement names', `${SITE}/mod/page/view.php?id=404`, []],
  ])('finds %s', async (_where, iri, names) => {
    expect(await found({ activityIri: iri, relatedActivities: true })).toEqual(names)
  })

  it('is the object alone without it', async () => {
    expect(await found({ activityIri: QUIZ })).toEqual([])
    expect(await found({ activityIri: `${SITE}/mod/page/view.php?id=6` })).toEqual(['unrelated'])
  })
})

describe('related_agents', () => {
  const agent = (ifi: Record<string, unknown>) => ({ key: JSON.stringify(ifi), ifi })
  it.each<[string, Record<string, unknown>, Name[]]>([
    [
      'an actor, and a member of an actor Group',
      { mbox: 'mailto:an@giangvo.edu.vn' },
      ['agentObject', 'everywhere'],
    ],
    [
      'a member by account (named, found by identifier)',
      { account: { homePage: SITE, name: '7' } },
      ['everywhere'],
    ],
    ["a SubStatement's actor", { openid: 'https://id.giangvo.edu.vn/chi' }, ['everywhere']],
    ["a SubStatement's instructor", { mbox: 'mailto:thay.dung@giangvo.edu.vn' }, ['everywhere']],
    ['the team, an identified Group', { mbox: 'mailto:to-toan@giangvo.edu.vn' }, ['everywhere']],
    ['a member of the team', { mbox: 'mailto:em@giangvo.edu.vn' }, ['everywhere']],
    ['the authority', { account: { homePage: `${SITE}/xapi`, name: 'client-1' } }, ['everywhere']],
    ['an Agent as the object', { mbox: 'mailto:giang@giangvo.edu.vn' }, ['agentObject']],
    ['an agent no statement names', { mbox: 'mailto:nobody@giangvo.edu.vn' }, []],
    [
      'an account of another name on the same site',
      { account: { homePage: SITE, name: '70' } },
      [],
    ],
  ])('finds %s', async (_where, ifi, names) => {
    expect(await found({ agent: agent(ifi), relatedAgents: true })).toEqual(names)
  })
})

it("reads the tenant's statements only", async () => {
  const theirs = await store.queryStatements(otherTenantId, {
    limit: 100,
    activityIri: COURSE,
    relatedActivities: true,
  })
  expect(theirs).toHaveLength(1)
  expect(ids.has(theirs[0]!.id)).toBe(false)
})
