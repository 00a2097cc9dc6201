import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { shippedCatalog } from '../../framework/index.ts'
import { inferenceModel } from '../inference/index.ts'
import { needsReport, type NeedsReportInput } from './training-needs.ts'

const catalog = shippedCatalog()
const model = inferenceModel(catalog)
const ids = (componentId: string, code: string) =>
  model.components.get(componentId)!.levels.find((l) => l.code === code)!.criteria
const cb11 = ids('TT18.PT.1.1', 'CB')
const tt11 = ids('TT18.PT.1.1', 'TT')

type ComponentInput = NeedsReportInput['components'][number]

/** A component as a profile gives it: the criteria in `met` are met, each by `evidence` statements. */
function component(
  componentId: string,
  level: string | null,
  met: readonly string[],
  more: Partial<ComponentInput> & { share?: number } = {},
): ComponentInput {
  const { share = 1, ...rest } = more
  const c = model.components.get(componentId)!
  return {
    componentId,
    domainId: componentId.split('.').slice(0, 3).join('.'),
    level,
    evidence: met.length,
    levels: c.levels.map((l) => ({
      code: l.code,
      needed: Math.max(1, Math.ceil(share * l.criteria.length - 1e-9)),
      criteria: l.criteria.map((id) => ({
        id,
        met: met.includes(id),
        evidence: met.includes(id) ? 1 : 0,
      })),
    })),
    ...rest,
  }
}

const base: NeedsReportInput = {
  components: [component('TT18.PT.1.1', 'CB', cb11), component('TT18.PT.1.2', null, [])],
  own: new Map(),
  school: { 'TT18.PT': 'TT' },
  audienceOf: (id) => (id.startsWith('TT18.PT.') ? 'TT18.PT' : undefined),
  activities: [],
}

describe('needsReport', () => {
  it('gives per domain the level of each component and how many are at each level', () => {
    const [domain, ...rest] = needsReport(model, base)
    expect(rest).toEqual([])
    expect(domain!.domainId).toBe('TT18.PT.1')
    expect(domain!.components).toEqual([
      { componentId: 'TT18.PT.1.1', level: 'CB', target: 'TT', source: 'school' },
      { componentId: 'TT18.PT.1.2', level: null, target: 'TT', source: 'school' },
    ])
    expect(domain!.mix).toEqual([
      { code: null, count: 1 },
      { code: 'CB', count: 1 },
      { code: 'TT', count: 0 },
      { code: 'NC', count: 0 },
    ])
  })

  it('keeps domains apart, in the order their components come', () => {
    const report = needsReport(model, {
      ...base,
      components: [component('TT18.PT.2.1', null, []), ...base.components],
    })
    expect(report.map((d) => d.domainId)).toEqual(['TT18.PT.2', 'TT18.PT.1'])
    expect(report[1]!.components.map((c) => c.componentId)).toEqual(['TT18.PT.1.1', 'TT18.PT.1.2'])
  })

  it('lists strengths highest first, with the criteria held and their evidence', () => {
    const nc11 = ids('TT18.PT.1.1', 'NC')
    const [domain] = needsReport(model, {
      ...base,
      components: [
        component('TT18.PT.1.2', 'CB', ids('TT18.PT.1.2', 'CB')),
        component('TT18.PT.1.1', 'TT', [...cb11, ...tt11, nc11[0]!], { evidence: 9 }),
        component('TT18.PT.1.3', null, []),
      ],
    })
    expect(domain!.strengths.map((s) => [s.componentId, s.level, s.evidence])).toEqual([
      ['TT18.PT.1.1', 'TT', 9],
      ['TT18.PT.1.2', 'CB', ids('TT18.PT.1.2', 'CB').length],
    ])
    // The Nâng cao criterion met first, then Thành thạo, then Cơ bản.
    expect(domain!.strengths[0]!.criteria).toEqual(
      [nc11[0]!, ...tt11, ...cb11].map((id) => ({ id, evidence: 1 })),
    )
  })

  it('counts criteria met without a level as a strength, after the levels held', () => {
    const [domain] = needsReport(model, {
      ...base,
      components: [
        component('TT18.PT.1.1', null, [cb11[0]!]),
        component('TT18.PT.1.2', 'CB', ids('TT18.PT.1.2', 'CB')),
      ],
    })
    expect(domain!.strengths.map((s) => [s.componentId, s.level])).toEqual([
      ['TT18.PT.1.2', 'CB'],
      ['TT18.PT.1.1', null],
    ])
  })

  it('names the nearest next level and its unmet criteria, not the whole way to the target', () => {
    const [domain] = needsReport(model, {
      ...base,
      own: new Map([['TT18.PT.1.2', 'NC']]),
      components: [
        component('TT18.PT.1.1', 'CB', [...cb11, tt11[1]!]),
        component('TT18.PT.1.2', null, []),
      ],
    })
    expect(domain!.areas).toEqual([
      {
        componentId: 'TT18.PT.1.1',
        level: 'CB',
        target: 'TT',
        source: 'school',
        gap: 1,
        next: 'TT',
        moreNeeded: tt11.length - 1,
        unmet: tt11.filter((id) => id !== tt11[1]),
      },
      {
        componentId: 'TT18.PT.1.2',
        level: null,
        target: 'NC',
        source: 'me',
        gap: 3,
        next: 'CB',
        moreNeeded: ids('TT18.PT.1.2', 'CB').length,
        unmet: ids('TT18.PT.1.2', 'CB'),
      },
    ])
  })

  it('asks only for the share of criteria the school requires', () => {
    // Half of Thành thạo's four criteria are needed; one is met, so one more will do.
    const [domain] = needsReport(model, {
      ...base,
      components: [component('TT18.PT.1.1', 'CB', [...cb11, tt11[0]!], { share: 0.5 })],
    })
    expect(domain!.areas[0]).toMatchObject({ moreNeeded: 1, unmet: tt11.slice(1) })
  })

  it('has no area where the target is reached', () => {
    const [domain] = needsReport(model, {
      ...base,
      school: {},
      own: new Map([
        ['TT18.PT.1.1', 'CB'],
        ['TT18.PT.1.2', 'CB'],
      ]),
      components: [component('TT18.PT.1.1', 'CB', cb11), component('TT18.PT.1.2', 'CB', [])],
    })
    expect(domain!.areas).toEqual([])
    expect(domain!.plan).toEqual([])
    expect(domain!.components.map((c) => c.source)).toEqual(['me', 'me'])
  })

  it('aims at Cơ bản where no target is set, the level every teacher needs', () => {
    const [domain] = needsReport(model, {
      ...base,
      school: {},
      own: new Map([['TT18.PT.1.1', 'CB']]),
    })
    expect(domain!.components.map((c) => [c.target, c.source])).toEqual([
      ['CB', 'me'],
      ['CB', 'default'],
    ])
    expect(domain!.areas).toEqual([
      expect.objectContaining({
        componentId: 'TT18.PT.1.2',
        target: 'CB',
        source: 'default',
        next: 'CB',
        gap: 1,
      }),
    ])
  })

  it('plans the activities tagged with unmet criteria, most covered first, then course and name', () => {
    const [domain] = needsReport(model, {
      ...base,
      components: [component('TT18.PT.1.1', 'CB', cb11)],
      activities: [
        { tagId: 't1', name: 'Bài 2', course: 'Tin học', competencyIds: [tt11[0]!] },
        { tagId: 't2', name: 'Đề án', course: 'Công nghệ', competencyIds: [tt11[1]!] },
        { tagId: 't3', name: 'Dạy học số', course: 'Công nghệ', competencyIds: [tt11[2]!] },
        { tagId: 't4', prefix: 'https://lms/mod/h5p/', competencyIds: ['TT18.PT.1.1.TT'] },
        { tagId: 't5', name: 'Đã đạt', competencyIds: cb11 },
        { tagId: 't6', name: 'Miền khác', competencyIds: ['TT18.PT.2.1.CB'] },
        {
          tagId: 't7',
          name: 'Kế hoạch bài dạy',
          iri: 'https://lms/mod/assign/view.php?id=3',
          competencyIds: [tt11[0]!, cb11[0]!, tt11[3]!],
        },
      ],
    })
    expect(domain!.plan).toEqual([
      { activity: { tagId: 't4', prefix: 'https://lms/mod/h5p/' }, criteria: tt11 },
      {
        activity: {
          tagId: 't7',
          name: 'Kế hoạch bài dạy',
          iri: 'https://lms/mod/assign/view.php?id=3',
        },
        criteria: [tt11[0], tt11[3]],
      },
      // One criterion each: no course first, then Công nghệ (Dạy… before Đề…), then Tin học.
      { activity: { tagId: 't3', name: 'Dạy học số' }, criteria: [tt11[2]] },
      { activity: { tagId: 't2', name: 'Đề án' }, criteria: [tt11[1]] },
      { activity: { tagId: 't1', name: 'Bài 2' }, criteria: [tt11[0]] },
    ])
  })

  it('lists an activity once however many tags it has', () => {
    const iri = 'https://lms/mod/quiz/view.php?id=8'
    const [domain] = needsReport(model, {
      ...base,
      components: [component('TT18.PT.1.1', 'CB', cb11)],
      activities: [
        { tagId: 'b', name: 'Kiểm tra', iri, competencyIds: [tt11[2]!] },
        { tagId: 'a', name: 'Kiểm tra', iri, competencyIds: [tt11[0]!] },
      ],
    })
    expect(domain!.plan).toEqual([
      { activity: { tagId: 'a', name: 'Kiểm tra', iri }, criteria: [tt11[0], tt11[2]] },
    ])
  })

  it('says where the self-assessment is above or below the evidence', () => {
    const [domain] = needsReport(model, {
      ...base,
      components: [
        component('TT18.PT.1.1', 'CB', cb11, { selfLevel: 'NC' }),
        component('TT18.PT.1.2', 'CB', ids('TT18.PT.1.2', 'CB'), { selfLevel: null }),
        component('TT18.PT.1.3', 'CB', ids('TT18.PT.1.3', 'CB'), { selfLevel: 'CB' }),
        component('TT18.PT.1.4', null, []),
      ],
    })
    expect(domain!.selfDiffers.map((c) => [c.componentId, c.self])).toEqual([
      ['TT18.PT.1.1', { level: 'NC', agreement: 'higher' }],
      ['TT18.PT.1.2', { level: null, agreement: 'lower' }],
    ])
    expect(domain!.components[2]!.self).toEqual({ level: 'CB', agreement: 'agree' })
    expect(domain!.components[3]!.self).toBeUndefined()
  })

  it('works on the learners’ framework and its sub-levels', () => {
    const c = [...model.components.values()].find((m) => m.frameworkId === 'TT02')!
    const [first, second] = c.levels
    const [domain] = needsReport(model, {
      ...base,
      school: { [c.id]: second!.code },
      components: [component(c.id, first!.code, first!.criteria)],
    })
    expect(domain!.areas).toMatchObject([{ next: second!.code, gap: 1, unmet: second!.criteria }])
  })

  it('skips components the frameworks do not have', () => {
    expect(
      needsReport(model, { ...base, components: [{ ...base.components[0]!, componentId: 'X.1' }] }),
    ).toEqual([])
  })
})

// Properties over random profiles of six teacher components in two domains.
const COMPONENTS = [
  'TT18.PT.1.1',
  'TT18.PT.1.2',
  'TT18.PT.1.3',
  'TT18.PT.2.1',
  'TT18.PT.2.2',
  'TT18.PT.2.3',
]
const CODES = [null, 'CB', 'TT', 'NC'] as const
const TAGGABLE = COMPONENTS.flatMap((id) =>
  model.components.get(id)!.levels.flatMap((l) => [`${id}.${l.code}`, ...l.criteria]),
)
const rank = (code: string | null | undefined) => (code ? CODES.indexOf(code as 'CB') : 0)

const inputArb: fc.Arbitrary<NeedsReportInput> = fc
  .record({
    picked: fc.subarray(COMPONENTS, { minLength: 1 }),
    share: fc.constantFrom(0.3, 0.5, 1),
    met: fc.uniqueArray(
      fc.constantFrom(
        ...COMPONENTS.flatMap((id) => model.components.get(id)!.levels.flatMap((l) => l.criteria)),
      ),
    ),
    levels: fc.array(fc.constantFrom(...CODES), { minLength: 6, maxLength: 6 }),
    selves: fc.array(fc.option(fc.constantFrom(...CODES), { nil: undefined }), {
      minLength: 6,
      maxLength: 6,
    }),
    own: fc.dictionary(fc.constantFrom(...COMPONENTS), fc.constantFrom('CB', 'TT', 'NC')),
    school: fc.dictionary(
      fc.constantFrom('TT18.PT', ...COMPONENTS),
      fc.constantFrom('CB', 'TT', 'NC'),
    ),
    activities: fc.array(
      fc.record({
        name: fc.constantFrom('A', 'Ă', 'B', 'Đ'),
        course: fc.option(fc.constantFrom('Toán', 'Văn'), { nil: undefined }),
        iri: fc.option(fc.constantFrom('https://lms/1', 'https://lms/2', 'https://lms/3'), {
          nil: undefined,
        }),
        competencyIds: fc.uniqueArray(fc.constantFrom(...TAGGABLE), { minLength: 1, maxLength: 4 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ picked, share, met, levels, selves, own, school, activities }) => ({
    components: picked.map((id, i) =>
      component(id, levels[i]!, met, {
        share,
        ...(selves[i] !== undefined && { selfLevel: selves[i] }),
      }),
    ),
    own: new Map(Object.entries(own)),
    school,
    audienceOf: () => 'TT18.PT',
    activities: activities.map(({ course, iri, ...a }, i) => ({
      tagId: `t${i}`,
      ...a,
      ...(course !== undefined && { course }),
      ...(iri !== undefined && { iri }),
    })),
  }))

describe('needsReport, for any profile', () => {
  it('reports every component once, in its domain, and counts the level mix', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = needsReport(model, input)
        expect(report.flatMap((d) => d.components.map((c) => c.componentId))).toEqual(
          [...input.components]
            .sort((a, b) => a.domainId.localeCompare(b.domainId))
            .map((c) => c.componentId),
        )
        for (const d of report) {
          expect(d.components.every((c) => c.componentId.startsWith(`${d.domainId}.`))).toBe(true)
          expect(d.mix.map((m) => m.code)).toEqual(CODES)
          for (const m of d.mix) {
            expect(m.count).toBe(d.components.filter((c) => c.level === m.code).length)
          }
        }
      }),
    )
  })

  it('has an area exactly where the level is below target, naming the next level’s unmet criteria', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const report = needsReport(model, input)
        for (const d of report) {
          const below = d.components.filter(
            (c) => c.target !== null && rank(c.target) > rank(c.level),
          )
          expect(d.areas.map((a) => a.componentId)).toEqual(below.map((c) => c.componentId))
          for (const area of d.areas) {
            const given = input.components.find((c) => c.componentId === area.componentId)!
            expect(rank(area.next)).toBe(rank(area.level) + 1)
            expect(area.gap).toBe(rank(area.target) - rank(area.level))
            const next = given.levels.find((l) => l.code === area.next)!
            expect(area.unmet).toEqual(next.criteria.filter((c) => !c.met).map((c) => c.id))
            const met = next.criteria.length - area.unmet.length
            expect(area.moreNeeded).toBe(
              Math.min(area.unmet.length, Math.max(0, next.needed - met)),
            )
          }
        }
      }),
    )
  })

  it('plans activities that cover unmet criteria, most first, and leaves none that would help out', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const d of needsReport(model, input)) {
          const unmet = new Set(d.areas.flatMap((a) => a.unmet))
          const counts = d.plan.map((p) => p.criteria.length)
          expect(counts).toEqual([...counts].sort((a, b) => b - a))
          for (const item of d.plan) {
            expect(item.criteria.length).toBeGreaterThan(0)
            for (const c of item.criteria) expect(unmet.has(c)).toBe(true)
          }
          const planned = new Set(d.plan.map((p) => p.activity.iri ?? p.activity.tagId))
          for (const a of input.activities) {
            const covers = a.competencyIds.some((id) =>
              model.target(id)!.criteria.some((c) => unmet.has(c)),
            )
            if (covers) expect(planned.has(a.iri ?? a.tagId)).toBe(true)
          }
        }
      }),
    )
  })

  it('lists strengths strongest first, only with criteria met', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const d of needsReport(model, input)) {
          const ranks = d.strengths.map((s) => rank(s.level))
          expect(ranks).toEqual([...ranks].sort((a, b) => b - a))
          for (const s of d.strengths) {
            const given = input.components.find((c) => c.componentId === s.componentId)!
            const met = new Set(
              given.levels.flatMap((l) => l.criteria.filter((c) => c.met).map((c) => c.id)),
            )
            expect(s.criteria.map((c) => c.id).sort()).toEqual([...met].sort())
            expect(s.level !== null || met.size > 0).toBe(true)
          }
        }
      }),
    )
  })

  it('flags exactly the self-assessments that differ from the evidence', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const d of needsReport(model, input)) {
          expect(d.selfDiffers.map((c) => c.componentId)).toEqual(
            d.components
              .filter((c) => c.self !== undefined && rank(c.self.level) !== rank(c.level))
              .map((c) => c.componentId),
          )
          for (const c of d.selfDiffers) {
            expect(c.self.agreement).toBe(rank(c.self.level) > rank(c.level) ? 'higher' : 'lower')
          }
        }
      }),
    )
  })

  it('gives the same plan whatever order the tags come in', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const reversed = { ...input, activities: [...input.activities].reverse() }
        expect(needsReport(model, reversed)).toEqual(needsReport(model, input))
      }),
    )
  })
})
