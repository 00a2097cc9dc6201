// A fake LTI 1.3 platform that behaves like Moodle 4.5's mod/lti, as a real HTTP server on
// 127.0.0.1 (random port), for the tool's end-to-end tests. What each endpoint reproduces, and
// where it is stricter than Moodle, is written at the top of its file.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleAuth, initiateLaunch } from './auth.ts'
import { handleDeepLinkReturn } from './deep-linking.ts'
import { buildLaunchClaims } from './claims.ts'
import { sendJson, sendText } from './http.ts'
import { PlatformKeys } from './keys.ts'
import { handleConfiguration, handleRegistration, registrationToken } from './registration.ts'
import { handleServices } from './services.ts'
import { Site } from './site.ts'
import { handleToken } from './token.ts'
import type { FakeDeepLinkReturn, FakePlatform, FakePlatformOptions } from './types.ts'

export type * from './types.ts'

/** Starts the fake Moodle on 127.0.0.1 at a random port. */
export async function startFakePlatform(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  const keys = await PlatformKeys.create()
  let jwksFetches = 0
  let tokenRequests = 0
  let registrationRequests = 0
  const deepLinkReturns: FakeDeepLinkReturn[] = []
  const pages = new Map<string, string>()
  const requireToken = options.configurationRequiresToken ?? true

  async function route(req: IncomingMessage, res: ServerResponse, s: Site): Promise<void> {
    const url = new URL(req.url ?? '/', s.issuer)
    const path = url.pathname
    if (path === '/mod/lti/auth.php') return handleAuth(s, keys, req, res, url)
    if (path === '/mod/lti/certs.php') {
      jwksFetches++
      return sendJson(res, 200, keys.jwks())
    }
    if (path === '/mod/lti/token.php') {
      tokenRequests++
      return handleToken(s, `${s.issuer}/mod/lti/token.php`, req, res)
    }
    if (path.startsWith('/mod/lti/services.php/')) return handleServices(s, req, res, url)
    if (path === '/mod/lti/openid-configuration.php') {
      registrationRequests++
      return handleConfiguration(s, keys, requireToken, req, res, url)
    }
    if (path === '/mod/lti/openid-registration.php') {
      registrationRequests++
      return handleRegistration(s, keys, req, res)
    }
    if (path === '/mod/lti/contentitem_return.php') {
      return handleDeepLinkReturn(s, deepLinkReturns, req, res, url)
    }
    const page = pages.get(path)
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(page)
    }
    sendText(res, 404, 'Not found')
  }

  // Nobody knows the port before `listen` resolves, so the handler is attached after it.
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const s = new Site(issuer, options)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res, s).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `fake platform error: ${String(err)}`)
      else res.destroy()
    })
  })

  return {
    issuer,
    get clientId() {
      return s.currentTool().clientId
    },
    get deploymentId() {
      return s.currentTool().typeId
    },
    authUrl: `${issuer}/mod/lti/auth.php`,
    tokenUrl: `${issuer}/mod/lti/token.php`,
    jwksUrl: `${issuer}/mod/lti/certs.php`,
    openidConfigurationUrl: `${issuer}/mod/lti/openid-configuration.php`,
    jwksFetches: () => jwksFetches,
    tokenRequests: () => tokenRequests,
    registrationRequests: () => registrationRequests,
    rotateKey: () => keys.rotate(),
    servePage: (path, html) => void pages.set(path, html),
    configureTool(tool) {
      Object.assign(s.currentTool(), { ...tool, redirectUris: [...tool.redirectUris] })
    },
    initiateLaunch: (launch) => initiateLaunch(s, launch),
    launchClaims: (launch) =>
      buildLaunchClaims(s, s.currentTool(), launch, Math.floor(Date.now() / 1000)),
    signIdToken: (claims, sign) => keys.sign(claims, sign),
    user: (id) => s.user(id),
    setRoster(courseId, roster) {
      s.setRoster(courseId, roster.students, roster.pageSize)
    },
    lineItems: () => [...s.lineItems.values()].map((item) => ({ ...item })),
    scores: () => [...s.scores],
    deepLinkReturns: () => [...deepLinkReturns],
    registrations: () => [...s.registrations.values()].map((r) => ({ ...r })),
    activateRegistration(clientId) {
      const registration = s.registrations.get(clientId)
      const tool = s.tools.get(clientId)
      if (!registration || !tool) throw new TypeError(`no registration for client ${clientId}`)
      registration.state = 'configured'
      tool.state = 'configured'
      s.currentClientId = clientId
    },
    async dynamicRegistrationStart(toolRegisterUrl, start = {}) {
      const url = new URL(toolRegisterUrl)
      url.searchParams.set('openid_configuration', `${issuer}/mod/lti/openid-configuration.php`)
      const update = start.update === undefined ? undefined : s.tools.get(start.update)
      if (start.update !== undefined && !update) {
        throw new TypeError(`no tool with client ${start.update} to update`)
      }
      url.searchParams.set(
        'registration_token',
        await registrationToken(keys, start.expiresIn, update?.typeId),
      )
      return url.href
    },
    async close() {
      const closed = once(server, 'close')
      server.close()
      server.closeAllConnections()
      await closed
    },
  }
}
