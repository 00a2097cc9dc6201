// One person's data exported and erased (Decree 13/2023/NĐ-CP), on both backends: the export
// holds only their data; after erasure nothing in the database names them, others are untouched
// and reports count as if they had never been there.
import { createHash, randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { heldLevel } from '../support/levels.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
})
afterAll(() => database.close())

const LAN = { name: 'Nguyễn Thị Lan', email: 'Lan.Nguyen@thcs-langha.edu.vn', username: 'lan.ntl' }
const QUIZ = 'https://lms.example/mod/quiz/view.php?id=7'
const COMPONENTS = ['TT18.PT.1.1', 'TT18.PT.1.2']

/** Attachment data: Lan's certificate (hers alone), and the school's logo, on Bình's too. */
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const CERTIFICATE = Buffer.from('%PDF-1.4 Giấy chứng nhận: Nguyễn Thị Lan')
const LOGO = Buffer.from('\x89PNG logo THCS Láng Hạ', 'latin1')
const attached = (contents: Buffer, contentType: string, sha2 = sha256(contents)) => ({
  usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
  display: { vi: 'Tệp đính kèm' },
  contentType,
  length: contents.length,
  sha2,
})

function statement(actor: object, extra: object = {}) {
  return {
    id: randomUUID(),
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
    object: { id: QUIZ, objectType: 'Activity' },
    timestamp: '2026-01-10T08:00:00Z',
    ...extra,
  }
}

async function keep(
  tenantId: string,
  personId: string | undefined,
  s: ReturnType<typeof statement>,
  actorKey: string,
) {
  await stores.statements.insertStatements(tenantId, [
    {
      id: s.id,
      ...(personId && { personId }),
      actorKey,
      verbId: s.verb.id,
      activityIri: QUIZ,
      activityTree: [QUIZ],
      timestamp: new Date(s.timestamp),
      source: 'push',
      statement: s,
    },
  ])
  return s.id
}

/** A teacher with statements, evidence, levels, history, a self-assessment, a target, an override. */
async function teacher(tenantId: string, who: { name: string; email: string }, tagId: string) {
  const mbox = `mailto:${who.email.toLowerCase()}`
  const person = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'mbox', mbox },
    { name: who.name, email: who.email },
  )
  await stores.people.setUnit(tenantId, person.id, 'THCS Láng Hạ')
  const own = statement({ name: who.name, mbox })
  const statementId = await keep(tenantId, person.id, own, `mbox:${mbox}`)
  await stores.progress.insertEvidence(tenantId, person.id, [
    { competencyId: 'TT18.PT.1.1.CB.1', statementId, tagId, observedAt: new Date(own.timestamp) },
  ])
  await stores.progress.saveLevels(tenantId, person.id, [
    heldLevel('TT18.PT.1.1', 'CB'),
    heldLevel('TT18.PT.1.2', 'TT'),
  ])
  await database.db.execute(sql`
    insert into self_assessments (tenant_id, person_id, component_id, level, note)
      values (${tenantId}, ${person.id}, 'TT18.PT.1.1', 'TT', ${`${who.name} tự đánh giá`});
  `)
  await database.db.execute(sql`
    insert into person_targets (tenant_id, person_id, component_id, level)
      values (${tenantId}, ${person.id}, 'TT18.PT.1.1', 'NC')`)
  await database.db.execute(sql`
    insert into overrides (tenant_id, person_id, target_id, action, reason, actor)
      values (${tenantId}, ${person.id}, 'TT18.PT.1.1.CB.1', 'confirm', 'đã xem bài', 'cli')`)
  await database.db.execute(
    sql`update people set created_at = '2025-01-01' where id = ${person.id}`,
  )
  return { personId: person.id, mbox, statementId }
}

async function world() {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' }))
    .id
  const [activity] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into activities (tenant_id, iri) values (${tenantId}, ${QUIZ}) returning id`,
  )
  const [tag] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into tags (tenant_id, activity_id, competency_ids)
      values (${tenantId}, ${activity!.id}, array['TT18.PT.1.1.CB.1']) returning id`,
  )
  return { tenantId, tagId: tag!.id }
}

async function setup() {
  const a = await world()
  const lan = await teacher(a.tenantId, LAN, a.tagId)
  const binh = await teacher(
    a.tenantId,
    { name: 'Trần Văn Bình', email: 'binh@thcs-langha.edu.vn' },
    a.tagId,
  )
  // Lan named in Bình's statement as the instructor, and an unmatched statement of Lan's, each
  // with attachments whose data is kept (Lan's names her certificate's SHA-2 in capitals).
  const mention = await keep(
    a.tenantId,
    binh.personId,
    statement(
      { mbox: binh.mbox },
      {
        context: { instructor: { name: LAN.name, mbox: lan.mbox } },
        attachments: [attached(LOGO, 'image/png')],
      },
    ),
    `mbox:${binh.mbox}`,
  )
  const unmatched = await keep(
    a.tenantId,
    undefined,
    statement(
      { mbox: lan.mbox },
      {
        attachments: [
          attached(CERTIFICATE, 'application/pdf', sha256(CERTIFICATE).toUpperCase()),
          attached(LOGO, 'image/png'),
        ],
      },
    ),
    `mbox:${lan.mbox}`,
  )
  const data = (contents: Buffer, contentType: string) => ({
    sha2: sha256(contents),
    contentType,
    contents,
  })
  await stores.attachments.saveAttachments(a.tenantId, [
    data(CERTIFICATE, 'application/pdf'),
    data(LOGO, 'image/png'),
  ])
  await stores.localAccounts.createAccount(a.tenantId, {
    username: LAN.username,
    passwordHash: 'scrypt$hash',
    role: 'instructor',
    personId: lan.personId,
  })
  await stores.audit.record({
    tenantId: a.tenantId,
    actor: 'cli',
    action: 'account.add',
    subject: `person:${lan.personId}`,
    details: { username: LAN.username, role: 'instructor' },
  })
  // The same school without Lan: what a fresh count of the school after her erasure must give.
  const b = await world()
  await teacher(b.tenantId, { name: 'Trần Văn Bình', email: 'binh@thcs-langha.edu.vn' }, b.tagId)
  // The same certificate kept by another school: not this erasure's to take.
  await stores.attachments.saveAttachments(b.tenantId, [data(CERTIFICATE, 'application/pdf')])
  return { tenantId: a.tenantId, fresh: b.tenantId, lan, binh, mention, unmatched }
}

const tallies = (tenantId: string) =>
  stores.reports.tallies(tenantId, {
    audience: 'TT18.PT',
    defaultAudience: 'TT18.PT',
    componentIds: COMPONENTS,
    at: new Date('2100-01-01'),
  })

/** Every text, text[] and jsonb value of every table that holds `needle` (any case). */
async function whereFound(needle: string): Promise<string[]> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    database.db,
    sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'ARRAY', 'character varying')`,
  )
  const found: string[] = []
  for (const c of columns) {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(c.table_name)}
        where ${sql.identifier(c.column_name)}::text ilike ${`%${needle}%`}`,
    )
    if (row!.n > 0) found.push(`${c.table_name}.${c.column_name}`)
  }
  return found
}

describe('person data', () => {
  let t: Awaited<ReturnType<typeof setup>>
  beforeAll(async () => {
    t = await setup()
  })

  it('finds a person by id or by email, in any case', async () => {
    const ref = { tenantId: t.tenantId, personId: t.lan.personId }
    expect(await stores.personData.findPeople(t.lan.personId)).toEqual([ref])
    expect(await stores.personData.findPeople('LAN.nguyen@thcs-langha.edu.vn', t.tenantId)).toEqual(
      [ref],
    )
    expect(await stores.personData.findPeople('nobody@thcs-langha.edu.vn')).toEqual([])
    // Bình is known in two tenants by one email.
    expect(await stores.personData.findPeople('binh@thcs-langha.edu.vn')).toHaveLength(2)
  })

  it('exports the person’s data and no one else’s, without the password hash', async () => {
    await stores.documents.writeDocument(
      t.tenantId,
      {
        resource: 'state',
        activityId: 'https://lms.example.edu.vn/mod/scorm/view.php?id=3',
        agentKey: `mbox:${t.lan.mbox}`,
        registration: '',
        documentId: 'bookmark',
      },
      () => ({ contents: Buffer.from('{"page":3}'), contentType: 'application/json' }),
    )
    const data = await stores.personData.exportPerson(
      t.tenantId,
      t.lan.personId,
      new Date('2026-02-01'),
    )
    expect(data.person).toMatchObject({ id: t.lan.personId, name: LAN.name, email: LAN.email })
    expect(data.identities).toEqual([expect.objectContaining({ kind: 'mbox', value: t.lan.mbox })])
    expect(data.statements.map((s) => s.id).sort()).toEqual([t.lan.statementId, t.unmatched].sort())
    expect(data.evidence).toEqual([expect.objectContaining({ statementId: t.lan.statementId })])
    expect(data.levels.map((l) => [l.componentId, l.level])).toEqual([
      ['TT18.PT.1.1', 'CB'],
      ['TT18.PT.1.2', 'TT'],
    ])
    expect(data.levelHistory).toHaveLength(2)
    expect(data.selfAssessments).toHaveLength(1)
    expect(data.overrides).toHaveLength(1)
    expect(data.targets).toEqual([expect.objectContaining({ level: 'NC' })])
    expect(data.localAccounts).toEqual([expect.objectContaining({ username: LAN.username })])
    // Her statements' attachment data, and the documents kept under her email.
    expect(data.statementAttachments).toEqual(
      [
        {
          sha2: sha256(CERTIFICATE),
          contentType: 'application/pdf',
          base64: CERTIFICATE.toString('base64'),
        },
        { sha2: sha256(LOGO), contentType: 'image/png', base64: LOGO.toString('base64') },
      ].sort((x, y) => x.sha2.localeCompare(y.sha2)),
    )
    expect(data.xapiDocuments).toEqual([
      {
        resource: 'state',
        activityId: 'https://lms.example.edu.vn/mod/scorm/view.php?id=3',
        agentKey: `mbox:${t.lan.mbox}`,
        registration: '',
        documentId: 'bookmark',
        updatedAt: expect.any(Date),
        contentType: 'application/json',
        text: '{"page":3}',
      },
    ])
    const json = JSON.stringify(data)
    expect(json).not.toContain('scrypt$hash')
    expect(json).not.toContain('binh@')
    await expect(
      stores.personData.exportPerson(t.tenantId, randomUUID(), new Date()),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })

  it('erases the person: nothing names them, others are untouched, reports as if fresh', async () => {
    const before = await tallies(t.tenantId)
    expect(before.staff).toEqual([{ unit: 'THCS Láng Hạ', staff: 2, everyComponent: 2 }])

    // xAPI documents kept under each one's email (a State of Lan's written with her email's
    // local part in capitals, an Agent Profile of Bình's).
    const doc = (mbox: string, resource: 'state' | 'agent_profile') => ({
      resource,
      activityId: resource === 'state' ? 'https://lms.example.edu.vn/mod/scorm/view.php?id=3' : '',
      agentKey: `mbox:${mbox}`,
      registration: '',
      documentId: 'resume',
    })
    const contents = { contents: Buffer.from('{"page":3}'), contentType: 'application/json' }
    await stores.documents.writeDocument(
      t.tenantId,
      doc(t.lan.mbox.toUpperCase().replace('MAILTO:', 'mailto:'), 'state'),
      () => contents,
    )
    await stores.documents.writeDocument(
      t.tenantId,
      doc(t.binh.mbox, 'agent_profile'),
      () => contents,
    )

    const binhBefore = await stores.personData.exportPerson(
      t.tenantId,
      t.binh.personId,
      new Date(0),
    )
    const done = await stores.personData.erasePerson(t.tenantId, t.lan.personId, 'admin-token:dpo')
    expect(done).toMatchObject({ statementsAnonymised: 2, mentionsAnonymised: 1 })
    // Her bookmark and her resume State; her certificate, not the logo Bình's statement names.
    expect(done.rowsDeleted.xapi_documents).toBe(2)
    expect(done.rowsDeleted.xapi_attachments).toBe(1)
    expect(
      (
        await stores.attachments.getAttachments(t.tenantId, [sha256(CERTIFICATE), sha256(LOGO)])
      ).map((a) => a.sha2),
    ).toEqual([sha256(LOGO)])
    expect(await stores.attachments.getAttachments(t.fresh, [sha256(CERTIFICATE)])).toHaveLength(1)
    expect(
      await stores.documents.getDocument(t.tenantId, doc(t.binh.mbox, 'agent_profile')),
    ).toBeDefined()
    expect(done.rowsDeleted).toMatchObject({
      identities: 1,
      evidence: 1,
      component_levels: 2,
      level_history: 2,
      self_assessments: 1,
      person_targets: 1,
      overrides: 1,
      local_accounts: 1,
      people: 1,
    })

    for (const needle of [LAN.email, LAN.name, LAN.username, 'Lan tự đánh giá']) {
      expect({ needle, found: await whereFound(needle) }).toEqual({ needle, found: [] })
    }
    // The statements are kept, with one anonymous actor, so activity figures stay whole.
    const kept = await stores.statements.getStatements(t.tenantId, [t.lan.statementId, t.unmatched])
    expect(kept).toHaveLength(2)
    const actors = new Set(
      kept.map((s) => JSON.stringify((s.statement as { actor: unknown }).actor)),
    )
    expect(actors.size).toBe(1)
    expect(kept[0]!.statement).toMatchObject({
      actor: { objectType: 'Agent', account: { homePage: 'urn:nls:erased' } },
    })
    expect(
      kept.every(
        (s) => s.personId === undefined && s.actorKey.startsWith('account:urn:nls:erased|'),
      ),
    ).toBe(true)
    const [mention] = await stores.statements.getStatements(t.tenantId, [t.mention])
    expect(mention!.statement).toMatchObject({
      actor: { mbox: t.binh.mbox },
      context: { instructor: { account: { homePage: 'urn:nls:erased' } } },
    })

    // Bình's data, the mention aside, is as it was.
    const binhAfter = await stores.personData.exportPerson(t.tenantId, t.binh.personId, new Date(0))
    const withoutMention = (d: typeof binhAfter) => ({
      ...d,
      statements: d.statements.filter((s) => s.id !== t.mention),
    })
    expect(withoutMention(binhAfter)).toEqual(withoutMention(binhBefore))

    // The school counts as the same school counted afresh without Lan.
    expect(await tallies(t.tenantId)).toEqual(await tallies(t.fresh))
    expect((await tallies(t.tenantId)).staff).toEqual([
      { unit: 'THCS Láng Hạ', staff: 1, everyComponent: 1 },
    ])

    const [entry] = await stores.audit.list({ tenantId: t.tenantId, limit: 1 })
    expect(entry).toMatchObject({
      actor: 'admin-token:dpo',
      action: 'person.erase',
      subject: `person:${t.lan.personId}`,
      details: { statementsAnonymised: 2, mentionsAnonymised: 1 },
    })
    await expect(
      stores.personData.erasePerson(t.tenantId, t.lan.personId, 'cli'),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: `person ${t.lan.personId} does not exist`,
    })
  })
})
