// The State document resource under load (the LRS issue's goal: ≥ 2,000 requests/s for PUT and
// for GET at 50 clients), a part of the xAPI bench (statements.ts).
import { load, warmUp } from './load.ts'
import { type CpuNow, withCpu } from './measure.ts'

export interface StateDocumentsDeps {
  /** Sends a request to the server; resolves with the status once the answer is read. */
  readonly send: (method: string, path: string, body?: string) => Promise<number>
  readonly cpuNow: CpuNow
  readonly warmUpSeconds: number
  readonly goalPerSecond: number
}

const CLIENTS = 50
const LEARNERS = 5_000

/**
 * A SCORM wrapper's State from 50 clients: each request the resume State of one of 5,000
 * learners, PUT (a few hundred bytes, as suspend data is) and then read back; with the CPU each
 * request took of the server, PostgreSQL and this process.
 */
export async function stateDocuments(requests: number, deps: StateDocumentsDeps) {
  const { send, cpuNow, warmUpSeconds } = deps
  const path = (n: number, stateId = 'resume') =>
    `/xapi/activities/state?${new URLSearchParams({
      activityId: 'https://lms.thpt-chuvanan.edu.vn/mod/scorm/view.php?id=9',
      agent: JSON.stringify({
        account: { homePage: 'https://lms.thpt-chuvanan.edu.vn', name: String(4 + (n % LEARNERS)) },
      }),
      stateId,
    })}`
  const state = (n: number) =>
    JSON.stringify({ location: `page-${n % 40}`, suspend_data: 'A1B2C3'.repeat(40) })
  const measured = async (call: (n: number) => Promise<number>, expected: number) => {
    const run = await withCpu(cpuNow, requests, 1, () => load(requests, CLIENTS, call, expected))
    const { perSecond, latencyMs, serverCpuMsPerRequest, databaseCpuMsPerRequest } = run
    const { loadGeneratorCpuMsPerRequest } = run
    return {
      perSecond,
      latencyMs,
      serverCpuMsPerRequest,
      databaseCpuMsPerRequest,
      loadGeneratorCpuMsPerRequest,
    }
  }
  // Warmed up on other documents, so the timed PUTs still each store a learner's first State.
  const putWarmUp = await warmUp(
    warmUpSeconds,
    CLIENTS,
    (n) => send('PUT', path(n, 'warm-up'), state(n)),
    204,
  )
  const put = { ...(await measured((n) => send('PUT', path(n), state(n)), 204)), warmUp: putWarmUp }
  const written = Math.min(putWarmUp.requests, LEARNERS)
  const getWarmUp = await warmUp(
    warmUpSeconds,
    CLIENTS,
    (n) => send('GET', path(n % written, 'warm-up')),
    200,
  )
  const get = { ...(await measured((n) => send('GET', path(n)), 200)), warmUp: getWarmUp }
  const met = (r: { perSecond: number }) => r.perSecond >= deps.goalPerSecond
  return {
    requests,
    clients: CLIENTS,
    put,
    get,
    goal: { requestsPerSecond: deps.goalPerSecond },
    met: met(put) && met(get),
  }
}
