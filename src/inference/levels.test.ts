import fc from 'fast-check'
import { shippedCatalog } from '../../framework/index.ts'
import { inferLevels, type ComponentResult, type Override } from './levels.ts'
import { matchEvidence, type EvidenceItem, type InferenceTag, type TagRules } from './match.ts'
import { inferenceModel, type ComponentModel, type InferenceModel } from './model.ts'
import type { StatementFacts } from './rule.ts'

// A small framework: component X.1 with CB (2 descriptors), TT (2), NC (1), and Y.1 whose
// levels carry no descriptor text (the level itself is the criterion).
function modelOf(cumulative: boolean): InferenceModel {
  const x: ComponentModel = {
    id: 'X.1',
    frameworkId: 'XX',
    frameworkVersion: 'v1',
    cumulative,
    levels: [
      { code: 'CB', rank: 1, criteria: ['X.1.CB.1', 'X.1.CB.2'] },
      { code: 'TT', rank: 2, criteria: ['X.1.TT.1', 'X.1.TT.2'] },
      { code: 'NC', rank: 3, criteria: ['X.1.NC.1'] },
    ],
  }
  const y: ComponentModel = {
    id: 'Y.1',
    frameworkId: 'XX',
    frameworkVersion: 'v1',
    cumulative,
    levels: [
      { code: 'CB', rank: 1, criteria: ['Y.1.CB'] },
      { code: 'TT', rank: 2, criteria: ['Y.1.TT'] },
    ],
  }
  const components = new Map([
    [x.id, x],
    [y.id, y],
  ])
  const targets = new Map<string, { componentId: string; criteria: string[] }>()
  for (const c of components.values()) {
    for (const l of c.levels) {
      targets.set(`${c.id}.${l.code}`, { componentId: c.id, criteria: [...l.criteria] })
      for (const d of l.criteria) targets.set(d, { componentId: c.id, criteria: [d] })
    }
  }
  return { components, target: (id) => targets.get(id) }
}

const model = modelOf(true)
const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 8, minute))
const rules = (entries: Record<string, { weight?: number; count?: number }>): TagRules =>
  new Map(Object.entries(entries).map(([id, r]) => [id, { weight: 1, count: 1, ...r }]))
const ev = (competencyId: string, statementId: string, tagId = 't', minute = 0): EvidenceItem => ({
  tagId,
  competencyId,
  statementId,
  observedAt: at(minute),
})
const one = (results: ComponentResult[], id = 'X.1') => results.find((r) => r.componentId === id)!

describe('inferLevels', () => {
  it('gives no level without evidence, and names what the first level needs', () => {
    const [x] = inferLevels(model, { evidence: [], rules: rules({}), componentIds: ['X.1'] })
    expect(x).toMatchObject({
      componentId: 'X.1',
      frameworkVersion: 'v1',
      level: null,
      inferredLevel: null,
      next: { level: 'CB', missing: ['X.1.CB.1', 'X.1.CB.2'], moreNeeded: 2 },
      evidenceCount: 0,
    })
    expect(x!.lastEvidenceAt).toBeUndefined()
  })

  it('reaches a level when every descriptor of it is met, and points to the next', () => {
    const half = inferLevels(model, { evidence: [ev('X.1.CB.1', 's1')], rules: rules({ t: {} }) })
    expect(one(half)).toMatchObject({
      level: null,
      next: { level: 'CB', missing: ['X.1.CB.2'], moreNeeded: 1 },
    })
    const full = inferLevels(model, {
      evidence: [ev('X.1.CB.1', 's1', 't', 1), ev('X.1.CB.2', 's2', 't', 5)],
      rules: rules({ t: {} }),
    })
    expect(one(full)).toMatchObject({
      level: 'CB',
      inferredLevel: 'CB',
      next: { level: 'TT', missing: ['X.1.TT.1', 'X.1.TT.2'], moreNeeded: 2 },
      evidenceCount: 2,
      lastEvidenceAt: at(5),
    })
    const cb = one(full).levels[0]!
    expect(cb).toMatchObject({ code: 'CB', metCount: 2, needed: 2, criteriaMet: true })
    expect(cb.criteria[0]).toEqual({
      id: 'X.1.CB.1',
      met: true,
      inferredMet: true,
      credit: 1,
      sources: [
        {
          tagId: 't',
          statements: [{ id: 's1', observedAt: at(1) }],
          needed: 1,
          weight: 1,
          credit: 1,
        },
      ],
    })
  })

  it('counts a component-at-level tag for every descriptor of that level', () => {
    const results = inferLevels(model, { evidence: [ev('X.1.CB', 's1')], rules: rules({ t: {} }) })
    expect(one(results).level).toBe('CB')
    expect(one(results).levels[0]!.criteria.map((c) => c.met)).toEqual([true, true])
  })

  it('follows the cumulative rule: Thành thạo needs Cơ bản, Nâng cao needs both', () => {
    const evidence = [ev('X.1.TT', 's1'), ev('X.1.NC', 's2')]
    const cumulative = one(inferLevels(model, { evidence, rules: rules({ t: {} }) }))
    expect(cumulative).toMatchObject({ level: null, next: { level: 'CB' } })
    expect(cumulative.levels.map((l) => l.criteriaMet)).toEqual([false, true, true])
    const withCb = one(
      inferLevels(model, { evidence: [...evidence, ev('X.1.CB', 's3')], rules: rules({ t: {} }) }),
    )
    expect(withCb.level).toBe('NC')
    expect(withCb.next).toBeUndefined()
    // Where a framework's levels do not build on each other, the highest met stands.
    const flat = one(inferLevels(modelOf(false), { evidence, rules: rules({ t: {} }) }))
    expect(flat.level).toBe('NC')
  })

  it('needs `count` distinct statements from a tag, counting a statement once', () => {
    const r = rules({ t: { count: 3 } })
    const two = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1'), ev('X.1.CB', 's2'), ev('X.1.CB', 's2')],
        rules: r,
      }),
    )
    expect(two.level).toBeNull()
    expect(two.levels[0]!.criteria[0]!.credit).toBeCloseTo(2 / 3)
    expect(two.levels[0]!.criteria[0]!.sources[0]!.statements.map((s) => s.id)).toEqual([
      's1',
      's2',
    ])
    const three = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1'), ev('X.1.CB', 's2'), ev('X.1.CB', 's3')],
        rules: r,
      }),
    )
    expect(three.level).toBe('CB')
  })

  it('lists each source by tag, its statements oldest first, a statement at its earliest', () => {
    const r = rules({ b: { count: 3 }, a: { count: 3 } })
    const x = one(
      inferLevels(model, {
        evidence: [
          ev('X.1.CB.1', 's9', 'b', 5),
          ev('X.1.CB.1', 's2', 'b', 7),
          // The same statement through the level's tag and the descriptor's: earliest counts.
          ev('X.1.CB', 's2', 'b', 3),
          ev('X.1.CB.1', 's5', 'a', 9),
          ev('X.1.CB.1', 's4', 'a', 9),
          ev('X.1.CB.1', 's5', 'a', 1),
        ],
        rules: r,
      }),
    )
    const criterion = x.levels[0]!.criteria[0]!
    expect(criterion.sources.map((s) => [s.tagId, s.statements])).toEqual([
      [
        'a',
        [
          { id: 's5', observedAt: at(1) },
          { id: 's4', observedAt: at(9) },
        ],
      ],
      [
        'b',
        [
          { id: 's2', observedAt: at(3) },
          { id: 's9', observedAt: at(5) },
        ],
      ],
    ])
    expect(criterion.credit).toBe(1)
    expect(x.levels[0]!.criteria[1]!.sources).toEqual([
      {
        tagId: 'b',
        statements: [{ id: 's2', observedAt: at(3) }],
        needed: 3,
        weight: 1,
        credit: 1 / 3,
      },
    ])
    expect(x.evidenceCount).toBe(4)
    expect(x.lastEvidenceAt).toEqual(at(9))
  })

  it('adds the weights of several tags, and a credit never passes 1', () => {
    const r = rules({ a: { weight: 0.5 }, b: { weight: 0.5 }, c: { weight: 1 } })
    const halfOnly = one(inferLevels(model, { evidence: [ev('X.1.CB', 's1', 'a')], rules: r }))
    expect(halfOnly.levels[0]!.criteria[0]).toMatchObject({ met: false, credit: 0.5 })
    const both = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1', 'a'), ev('X.1.CB', 's2', 'b')],
        rules: r,
      }),
    )
    expect(both.level).toBe('CB')
    const over = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1', 'a'), ev('X.1.CB', 's2', 'c')],
        rules: r,
      }),
    )
    expect(over.levels[0]!.criteria[0]!.credit).toBe(1)
  })

  it('applies the tenant share of descriptors a level needs (rounded up, at least one)', () => {
    const evidence = [ev('X.1.CB.1', 's1'), ev('X.1.TT.2', 's2')]
    const half = one(
      inferLevels(model, { evidence, rules: rules({ t: {} }), settings: { requiredShare: 0.5 } }),
    )
    expect(half.level).toBe('TT')
    expect(half.levels.map((l) => l.needed)).toEqual([1, 1, 1])
    const most = one(
      inferLevels(model, { evidence, rules: rules({ t: {} }), settings: { requiredShare: 0.6 } }),
    )
    expect(most.levels.map((l) => l.needed)).toEqual([2, 2, 1])
    expect(most.level).toBeNull()
  })

  it('ignores evidence of removed tags and unknown competencies', () => {
    const results = inferLevels(model, {
      evidence: [ev('X.1.CB', 's1', 'gone'), ev('Z.9.CB', 's2')],
      rules: rules({ t: {} }),
    })
    expect(results).toEqual([])
  })

  it('works at level grain where a framework carries no descriptor text', () => {
    const y = one(
      inferLevels(model, { evidence: [ev('Y.1.CB', 's1')], rules: rules({ t: {} }) }),
      'Y.1',
    )
    expect(y).toMatchObject({
      level: 'CB',
      next: { level: 'TT', missing: ['Y.1.TT'], moreNeeded: 1 },
    })
  })

  it('puts trainer verdicts on top of inference, and shows both', () => {
    const by = 'trainer-1'
    const confirm: Override = {
      kind: 'criterion',
      criterionId: 'X.1.CB.2',
      verdict: 'confirm',
      reason: 'observed in class',
      by,
      at: at(9),
    }
    const evidence = [ev('X.1.CB.1', 's1')]
    const confirmed = one(
      inferLevels(model, { evidence, rules: rules({ t: {} }), overrides: [confirm] }),
    )
    expect(confirmed).toMatchObject({ level: 'CB', inferredLevel: null })
    expect(confirmed.levels[0]!.criteria[1]).toMatchObject({
      met: true,
      inferredMet: false,
      override: confirm,
    })

    const reject: Override = {
      kind: 'criterion',
      criterionId: 'X.1.CB.1',
      verdict: 'reject',
      reason: 'copied answers',
      at: at(9),
    }
    const rejected = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1')],
        rules: rules({ t: {} }),
        overrides: [reject],
      }),
    )
    expect(rejected).toMatchObject({
      level: null,
      inferredLevel: 'CB',
      next: { level: 'CB', missing: ['X.1.CB.1'] },
    })

    const set: Override = {
      kind: 'level',
      componentId: 'X.1',
      level: 'TT',
      reason: 'portfolio reviewed',
      by,
      at: at(9),
    }
    const overridden = one(
      inferLevels(model, { evidence, rules: rules({ t: {} }), overrides: [set] }),
    )
    expect(overridden).toMatchObject({
      level: 'TT',
      inferredLevel: null,
      override: set,
      next: { level: 'NC' },
    })
    const cleared = one(
      inferLevels(model, {
        evidence: [ev('X.1.CB', 's1')],
        rules: rules({ t: {} }),
        overrides: [{ ...set, level: null }],
      }),
    )
    expect(cleared).toMatchObject({ level: null, inferredLevel: 'CB', next: { level: 'CB' } })
  })

  it('reports the components asked for, in that order, and those touched otherwise', () => {
    const evidence = [ev('Y.1.CB', 's1'), ev('X.1.CB.1', 's2')]
    expect(
      inferLevels(model, { evidence, rules: rules({ t: {} }) }).map((r) => r.componentId),
    ).toEqual(['Y.1', 'X.1'])
    expect(
      inferLevels(model, {
        evidence,
        rules: rules({ t: {} }),
        componentIds: ['X.1', 'nope', 'Y.1'],
      }).map((r) => r.componentId),
    ).toEqual(['X.1', 'Y.1'])
  })

  it('reads the shipped Circular 18 table: a tag on TT18.PT.1.1.CB gives Cơ bản', () => {
    const real = inferenceModel(shippedCatalog())
    const component = real.components.get('TT18.PT.1.1')!
    expect(component.levels.map((l) => l.code)).toEqual(['CB', 'TT', 'NC'])
    expect(component.cumulative).toBe(true)
    const [result] = inferLevels(real, {
      evidence: [ev('TT18.PT.1.1.CB', 's1')],
      rules: rules({ t: {} }),
    })
    expect(result).toMatchObject({ componentId: 'TT18.PT.1.1', level: 'CB', next: { level: 'TT' } })
    expect(result!.next!.missing).toEqual(component.levels[1]!.criteria)
    expect(real.target('TT18.PT.1.1.CB.1')).toEqual({
      componentId: 'TT18.PT.1.1',
      criteria: ['TT18.PT.1.1.CB.1'],
    })
    expect(real.target('TT18.PT.1.1')).toBeUndefined()
  })
})

// Properties over random statements and tags on the small framework.
const COMPETENCIES = [...model.components.values()].flatMap((c) =>
  c.levels.flatMap((l) => [
    `${c.id}.${l.code}`,
    ...l.criteria.filter((d) => d !== `${c.id}.${l.code}`),
  ]),
)
const VERBS = [
  'http://adlnet.gov/expapi/verbs/completed',
  'http://adlnet.gov/expapi/verbs/passed',
  'http://id.tincanapi.com/verb/viewed',
]
const ACTIVITIES = ['urn:a:1', 'urn:a:2', 'urn:b:1']

const tagArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    activityIri: fc.constantFrom(...ACTIVITIES),
    competencyIds: fc.uniqueArray(fc.constantFrom(...COMPETENCIES), { minLength: 1, maxLength: 3 }),
    rule: fc.record({
      verbs: fc.uniqueArray(fc.constantFrom(...VERBS), { minLength: 1 }),
      requireSuccess: fc.boolean(),
      objectOnly: fc.boolean(),
      minScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      weight: fc.constantFrom(0.25, 0.5, 1),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  }) as fc.Arbitrary<InferenceTag>
const tagsArb = fc.tuple(tagArb('t1'), tagArb('t2'), tagArb('t3'))
const statementArb = (id: string): fc.Arbitrary<StatementFacts> =>
  fc.record({
    id: fc.constant(id),
    verbId: fc.constantFrom(...VERBS),
    activityIri: fc.constantFrom(...ACTIVITIES),
    parentIris: fc.uniqueArray(fc.constantFrom(...ACTIVITIES), { maxLength: 2 }),
    timestamp: fc.integer({ min: 0, max: 10_000 }).map((m) => at(m)),
    success: fc.option(fc.boolean(), { nil: undefined }),
    score: fc.option(fc.record({ scaled: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      nil: undefined,
    }),
  })
const statementsArb = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => statementArb(`s${i}`))))
const shareArb = fc.constantFrom(0.3, 0.5, 1)

const rulesOf = (tags: readonly InferenceTag[]): TagRules =>
  new Map(tags.map((t) => [t.id, t.rule]))
const rank = (r: ComponentResult | undefined, level: string | null) =>
  level === null
    ? 0
    : model.components.get(r!.componentId)!.levels.find((l) => l.code === level)!.rank
const ALL = ['X.1', 'Y.1']
const infer = (
  tags: readonly InferenceTag[],
  statements: readonly StatementFacts[],
  requiredShare: number,
) =>
  inferLevels(model, {
    evidence: matchEvidence(tags, statements),
    rules: rulesOf(tags),
    settings: { requiredShare },
    componentIds: ALL,
  })

describe('inference properties', () => {
  // A scored statement may stand for the parts under it (match.ts), so these two take one without.
  const unscoredArb = (id: string) => statementArb(id).map(({ score: _, ...s }) => s)

  it('adding a statement without a score never lowers a level', () => {
    fc.assert(
      fc.property(
        tagsArb,
        statementsArb,
        unscoredArb('extra'),
        shareArb,
        (tags, statements, extra, share) => {
          const before = infer(tags, statements, share)
          const after = infer(tags, [...statements, extra], share)
          for (const [i, b] of before.entries()) {
            expect(rank(after[i], after[i]!.level)).toBeGreaterThanOrEqual(rank(b, b.level))
            expect(after[i]!.evidenceCount).toBeGreaterThanOrEqual(b.evidenceCount)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('voiding a statement without a score undoes exactly what it added', () => {
    fc.assert(
      fc.property(
        tagsArb,
        statementsArb,
        unscoredArb('voided'),
        shareArb,
        (tags, statements, target, share) => {
          const withTarget = matchEvidence(tags, [...statements, target])
          const withoutTarget = withTarget.filter((e) => e.statementId !== target.id)
          expect(
            inferLevels(model, {
              evidence: withoutTarget,
              rules: rulesOf(tags),
              settings: { requiredShare: share },
              componentIds: ALL,
            }),
          ).toEqual(infer(tags, statements, share))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('does not depend on the order evidence arrives in', () => {
    fc.assert(
      fc.property(
        tagsArb,
        statementsArb,
        shareArb,
        fc.infiniteStream(fc.nat()),
        (tags, statements, share, seeds) => {
          const evidence = matchEvidence(tags, statements)
          const shuffled = evidence
            .map((e) => ({ e, k: seeds.next().value }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e)
          const args = {
            rules: rulesOf(tags),
            settings: { requiredShare: share },
            componentIds: ALL,
          }
          expect(inferLevels(model, { evidence: shuffled, ...args })).toEqual(
            inferLevels(model, { evidence, ...args }),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('holds a cumulative level only with every level below it, and never more than the evidence gives', () => {
    fc.assert(
      fc.property(tagsArb, statementsArb, shareArb, (tags, statements, share) => {
        for (const r of infer(tags, statements, share)) {
          const held = r.levels.findIndex((l) => l.code === r.level)
          r.levels.forEach((l, i) => {
            if (i <= held) expect(l.criteriaMet).toBe(true)
          })
          if (held + 1 < r.levels.length) {
            expect(r.next?.level).toBe(r.levels[held + 1]!.code)
            expect(r.levels[held + 1]!.criteriaMet).toBe(false)
          }
          expect(r.level).toBe(r.inferredLevel)
          for (const l of r.levels)
            for (const c of l.criteria) expect(c.credit).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 300 },
    )
  })
})
