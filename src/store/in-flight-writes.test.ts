import { InFlightWrites } from './in-flight-writes.ts'

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms)

describe('InFlightWrites', () => {
  it('knows the earliest stamp still in flight, each write counted once', () => {
    const writes = new InFlightWrites()
    expect(writes.earliest()).toBeUndefined()
    const a = writes.begin(at(10))
    const b = writes.begin(at(5))
    const c = writes.begin(at(5))
    expect(writes.earliest()).toEqual(at(5))
    b()
    b() // ending twice does not end the other write of the same instant
    expect(writes.earliest()).toEqual(at(5))
    c()
    expect(writes.earliest()).toEqual(at(10))
    a()
    expect(writes.earliest()).toBeUndefined()
  })
})
