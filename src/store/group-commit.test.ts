import { jest } from '@jest/globals'
import { GroupCommit, type Settled } from './group-commit.ts'

/** A commit the test finishes when it chooses, recording the groups it was given. */
function heldCommits<R>() {
  const groups: string[][] = []
  const finish: ((outcome: readonly Settled<R>[] | Error) => void)[] = []
  const commit = (jobs: readonly string[]) =>
    new Promise<readonly Settled<R>[]>((resolve, reject) => {
      groups.push([...jobs])
      finish.push((outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)))
    })
  return { groups, finish, commit }
}

const ok = <R>(value: R): Settled<R> => ({ ok: true, value })

/** Whether a promise has settled by the time pending callbacks have run. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true),
  )
  await new Promise((resolve) => setImmediate(resolve))
  return settled
}

describe('GroupCommit', () => {
  it('commits a lone job at once, and answers it only after the commit', async () => {
    const held = heldCommits<number>()
    const group = new GroupCommit({ maxSize: 10, maxInFlight: 1, commit: held.commit })
    const answer = group.submit('a')
    expect(held.groups).toEqual([['a']]) // no timer, no waiting for company
    expect(await isSettled(answer)).toBe(false)
    held.finish[0]!([ok(1)])
    await expect(answer).resolves.toBe(1)
  })

  it('gathers jobs that arrive during a commit into the next groups, at most maxSize each', async () => {
    const held = heldCommits<string>()
    const group = new GroupCommit({ maxSize: 3, maxInFlight: 1, commit: held.commit })
    const answers = ['a', 'b', 'c', 'd', 'e'].map((job) => group.submit(job))
    expect(held.groups).toEqual([['a']])
    expect(group.waiting).toBe(4)
    held.finish[0]!([ok('A')])
    await answers[0]
    expect(held.groups).toEqual([['a'], ['b', 'c', 'd']])
    held.finish[1]!([ok('B'), ok('C'), ok('D')])
    await answers[3]
    expect(held.groups).toEqual([['a'], ['b', 'c', 'd'], ['e']])
    held.finish[2]!([ok('E')])
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(group.inFlight).toBe(0)
  })

  it('runs up to maxInFlight groups at once', () => {
    const held = heldCommits<string>()
    const group = new GroupCommit({ maxSize: 10, maxInFlight: 2, commit: held.commit })
    for (const job of ['a', 'b', 'c', 'd']) void group.submit(job)
    expect(held.groups).toEqual([['a'], ['b']])
    expect(group.inFlight).toBe(2)
    expect(group.waiting).toBe(2)
  })

  describe('with overlapAfterMs', () => {
    beforeEach(() => jest.useFakeTimers())
    afterEach(() => jest.useRealTimers())

    it('commits one group at a time while commits are quick', async () => {
      const held = heldCommits<string>()
      const group = new GroupCommit({
        maxSize: 10,
        maxInFlight: 3,
        overlapAfterMs: 50,
        commit: held.commit,
      })
      const a = group.submit('a')
      await jest.advanceTimersByTimeAsync(10)
      const [b, c] = ['b', 'c'].map((job) => group.submit(job))
      expect(held.groups).toEqual([['a']])
      held.finish[0]!([ok('A')])
      await a
      // The next group starts as the one before ends, not at a timer: b and c together.
      expect(held.groups).toEqual([['a'], ['b', 'c']])
      held.finish[1]!([ok('B'), ok('C')])
      expect(await Promise.all([b, c])).toEqual(['B', 'C'])
    })

    it('starts another group beside a commit held up that long, up to maxInFlight', async () => {
      const held = heldCommits<string>()
      const group = new GroupCommit({
        maxSize: 10,
        maxInFlight: 2,
        overlapAfterMs: 50,
        commit: held.commit,
      })
      void group.submit('a')
      await jest.advanceTimersByTimeAsync(20)
      const b = group.submit('b')
      await jest.advanceTimersByTimeAsync(29)
      expect(held.groups).toEqual([['a']])
      await jest.advanceTimersByTimeAsync(1)
      expect(held.groups).toEqual([['a'], ['b']])
      held.finish[1]!([ok('B')])
      expect(await b).toBe('B')
      // Two are committing now at most: c waits for a, held up still.
      const c = group.submit('c')
      const d = group.submit('d')
      await jest.advanceTimersByTimeAsync(100)
      expect(held.groups).toEqual([['a'], ['b'], ['c', 'd']])
      let eSettled = false
      const e = group.submit('e').finally(() => (eSettled = true))
      await jest.advanceTimersByTimeAsync(1_000)
      expect(held.groups).toHaveLength(3)
      expect(eSettled).toBe(false)
      held.finish[0]!([ok('A')])
      await jest.advanceTimersByTimeAsync(0)
      expect(held.groups).toEqual([['a'], ['b'], ['c', 'd'], ['e']])
      held.finish[2]!([ok('C'), ok('D')])
      held.finish[3]!([ok('E')])
      expect(await Promise.all([c, d, e])).toEqual(['C', 'D', 'E'])
    })
  })

  it('gives each job its own outcome: one failing job fails no other', async () => {
    const held = heldCommits<string>()
    const group = new GroupCommit({ maxSize: 10, maxInFlight: 1, commit: held.commit })
    const first = group.submit('first')
    const [a, b, c] = ['a', 'b', 'c'].map((job) => group.submit(job))
    held.finish[0]!([ok('1')])
    await first
    const conflict = new Error('conflict')
    held.finish[1]!([ok('A'), { ok: false, error: conflict }, ok('C')])
    await expect(a).resolves.toBe('A')
    await expect(b).rejects.toBe(conflict)
    await expect(c).resolves.toBe('C')
  })

  it('fails every job of a group whose commit fails, and goes on with the next group', async () => {
    const held = heldCommits<string>()
    const group = new GroupCommit({ maxSize: 2, maxInFlight: 1, commit: held.commit })
    const [a, b, c] = ['a', 'b', 'c'].map((job) => group.submit(job))
    const lost = new Error('connection lost')
    held.finish[0]!(lost)
    await expect(a).rejects.toBe(lost)
    expect(held.groups).toEqual([['a'], ['b', 'c']])
    held.finish[1]!(new Error('commit failed'))
    await expect(b).rejects.toThrow('commit failed')
    await expect(c).rejects.toThrow('commit failed')
    const d = group.submit('d')
    held.finish[2]!([ok('D')])
    await expect(d).resolves.toBe('D')
  })

  it('fails a group whose commit answers for the wrong number of jobs', async () => {
    const held = heldCommits<string>()
    const group = new GroupCommit({ maxSize: 2, maxInFlight: 1, commit: held.commit })
    const a = group.submit('a')
    held.finish[0]!([])
    await expect(a).rejects.toThrow(TypeError)
  })

  it('refuses sizes below one', () => {
    const held = heldCommits<string>()
    expect(() => new GroupCommit({ maxSize: 0, maxInFlight: 1, commit: held.commit })).toThrow(
      TypeError,
    )
  })
})
