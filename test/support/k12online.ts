// A K12Online school's staff and the statements K12Online sends for them: each teacher named by
// the account K12Online knows them by (xAPI 1.0.3 §2.4.2.3, Account Object: its home page and
// the user name), never by email.

/** K12Online's home page, as its statements name it in `actor.account.homePage`. */
export const K12ONLINE = 'https://k12online.vn'

/** A teacher as the school's roster file lists them. */
export interface RosterTeacher {
  readonly email: string
  readonly name: string
  readonly unit: string
  /** The K12Online user name (`tai_khoan`). */
  readonly account: string
}

const FAMILIES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ']
const GIVEN = ['Thị Lan', 'Văn Minh', 'Thị Hoa', 'Văn Hùng', 'Thị Mai']

/** Thirty teachers of one school, in two departments: gv.k12.01 … gv.k12.30. */
export function k12Teachers(school: string): RosterTeacher[] {
  return Array.from({ length: 30 }, (_, i) => {
    const n = String(i + 1).padStart(2, '0')
    return {
      email: `gv${n}@${school}.edu.vn`,
      name: `${FAMILIES[i % FAMILIES.length]} ${GIVEN[Math.floor(i / FAMILIES.length)]} ${n}`,
      unit: i < 15 ? 'Tổ Toán' : 'Tổ Ngữ văn',
      account: `gv.k12.${n}`,
    }
  })
}

/** The roster file (the columns of the README: email, ho_ten, don_vi, tai_khoan). */
export function rosterCsv(teachers: readonly RosterTeacher[]): string {
  return [
    'email,ho_ten,don_vi,tai_khoan',
    ...teachers.map((t) => [t.email, t.name, t.unit, t.account].join(',')),
  ].join('\r\n')
}

const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { vi: 'đã đạt' } },
  scored: { id: 'http://adlnet.gov/expapi/verbs/scored', display: { vi: 'đạt điểm' } },
} as const

/** A K12Online activity: its IRI and its Vietnamese name. */
export interface K12Activity {
  readonly id: string
  readonly name: string
}

/** One K12Online statement: who (by account), what they did, and the score out of 10 if any. */
export function k12Statement(
  who: Pick<RosterTeacher, 'account' | 'name'>,
  verb: keyof typeof VERBS,
  activity: K12Activity,
  score?: number,
) {
  return {
    actor: {
      objectType: 'Agent',
      name: who.name,
      account: { homePage: K12ONLINE, name: who.account },
    },
    verb: VERBS[verb],
    object: {
      objectType: 'Activity',
      id: activity.id,
      definition: {
        name: { vi: activity.name },
        type: 'http://adlnet.gov/expapi/activities/assessment',
      },
    },
    ...(score !== undefined && {
      result: {
        score: { raw: score, min: 0, max: 10, scaled: score / 10 },
        ...(verb === 'passed' && { success: true }),
        completion: true,
      },
    }),
    ...(verb === 'completed' && score === undefined && { result: { completion: true } }),
    context: { platform: 'K12Online', language: 'vi-VN' },
    timestamp: new Date().toISOString(),
  }
}

/** A school's JSON API (/api?tenantId=) as IT calls it, with an admin token. */
export function schoolApi(url: string, adminToken: string, tenantId: string) {
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${url}/api${path}${path.includes('?') ? '&' : '?'}tenantId=${tenantId}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  /** The answer's JSON; fails the test on any status but 2xx. */
  const json = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await call(method, path, body)
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return JSON.parse(text) as unknown
  }
  /** The level NLS holds for a K12Online account in a component; undefined while nobody is. */
  const levelOf = async (account: string, componentId: string) => {
    const actor = JSON.stringify({ account: { homePage: K12ONLINE, name: account } })
    const found = await call('GET', `/people?actor=${encodeURIComponent(actor)}`)
    if (found.status === 404) return undefined
    if (!found.ok) throw new Error(`GET /people: ${found.status} ${await found.text()}`)
    const { person } = (await found.json()) as { person: { id: string } }
    const profile = (await json('GET', `/people/${person.id}/profile?audience=TT18.PT`)) as {
      components: { componentId: string; level: string | null }[]
    }
    return profile.components.find((c) => c.componentId === componentId)?.level
  }
  return { json, levelOf }
}
