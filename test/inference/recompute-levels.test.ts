// A tenant's levels worked out again from kept evidence, batch by batch (each batch read while
// the one before is worked out, and saved while the next is): counts, progress, and a failed
// save that stops the recompute with the batches before it kept; on both backends.
import { randomUUID } from 'node:crypto'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { recomputeTenant } from '../../src/evaluation/recompute.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

const PEOPLE = 7
const { model, catalog } = frameworksFrom([])
const descriptors = catalog.getOf('TT18.PT.1.1.CB', 'level').level.descriptors.map((d) => d.id)

let database: Database
let stores: Stores
let tenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT' })).id
  const tag = await stores.tags.createTag(tenantId, {
    activityPrefix: 'urn:bai-hoc:',
    competencyIds: descriptors,
  })
  // Every person has evidence of each descriptor of TT18.PT.1.1's Cơ bản.
  for (let i = 0; i < PEOPLE; i++) {
    const person = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: `mailto:gv${i}@thpt.edu.vn`,
    })
    const id = randomUUID()
    const observedAt = new Date('2026-10-01T08:00:00Z')
    await stores.statements.insertStatements(tenantId, [
      {
        id,
        personId: person.id,
        actorKey: `mbox:mailto:gv${i}@thpt.edu.vn`,
        verbId: 'http://adlnet.gov/expapi/verbs/passed',
        activityIri: 'urn:bai-hoc:1',
        activityTree: ['urn:bai-hoc:1'],
        timestamp: observedAt,
        source: 'push',
        statement: { id },
      },
    ])
    await stores.progress.insertEvidence(
      tenantId,
      person.id,
      descriptors.map((competencyId) => ({
        competencyId,
        statementId: id,
        tagId: tag.id,
        observedAt,
      })),
    )
  }
}, 30_000)
afterAll(() => database.close())

describe('a recompute of levels from evidence', () => {
  it('saves each batch once, tells its progress, and saves nothing when nothing changed', async () => {
    const progress: [number, number][] = []
    const first = await recomputeTenant(stores, model, tenantId, {
      fromEvidence: true,
      batchSize: 3,
      onProgress: (done, total) => progress.push([done, total]),
    })
    expect(first).toEqual({ people: PEOPLE, levelsSaved: PEOPLE })
    expect(progress).toEqual([
      [0, PEOPLE],
      [3, PEOPLE],
      [6, PEOPLE],
      [7, PEOPLE],
    ])
    const ids = await stores.people.listPersonIds(tenantId, { limit: 100 })
    const levels = await stores.progress.findLevelsOfPeople(tenantId, ids)
    expect(ids.map((id) => levels.get(id)?.map((l) => [l.componentId, l.level]))).toEqual(
      ids.map(() => [['TT18.PT.1.1', 'CB']]),
    )
    const again = await recomputeTenant(stores, model, tenantId, {
      fromEvidence: true,
      batchSize: 3,
    })
    expect(again).toEqual({ people: PEOPLE, levelsSaved: 0 })
  })

  it('stops at a failed save, keeping the batches saved before it', async () => {
    // Levels to change: half the descriptors of a level now suffice (none are lost, so the
    // levels stay Cơ bản; their explanation changes and is saved again).
    await stores.tenants.setSettings(tenantId, { requiredShare: 0.5 })
    let saves = 0
    const failing: Stores = {
      ...stores,
      transaction: (work) => {
        if (++saves === 2) return Promise.reject(new Error('the database went away'))
        return stores.transaction(work)
      },
    }
    const progress: number[] = []
    await expect(
      recomputeTenant(failing, model, tenantId, {
        fromEvidence: true,
        batchSize: 3,
        onProgress: (done) => progress.push(done),
      }),
    ).rejects.toThrow('the database went away')
    expect(progress).toEqual([0, 3])
    // Worked out again, only the people after the first batch have levels to save.
    const rest = await recomputeTenant(stores, model, tenantId, {
      fromEvidence: true,
      batchSize: 3,
    })
    expect(rest).toEqual({ people: PEOPLE, levelsSaved: PEOPLE - 3 })
    await stores.tenants.setSettings(tenantId, {})
  })
})
