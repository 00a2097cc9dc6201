import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import express, { type Request, type RequestHandler, type Response, Router } from 'express'
import { registerWithPlatform } from '../../lti/dynamic-registration.ts'
import { CLAIM } from '../../lti/claims.ts'
import {
  chosenCompetencies,
  deepLinkingRequest,
  deepLinkingResponse,
  linkActivityIri,
  newLinkKey,
  signDeepLinkingRequest,
  verifyDeepLinkingRequest,
} from '../../lti/deep-linking.ts'
import { verifyLaunch } from '../../lti/launch.ts'
import { startLogin } from '../../lti/login.ts'
import type { PlatformKeySets } from '../../lti/platform-key-sets.ts'
import { recordLaunch } from '../../lti/record-launch.ts'
import { createTag } from '../tagging/tag-service.ts'
import { attachStatements } from '../evaluation/attach-statements.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import { courseAudience } from '../evaluation/course-table.ts'
import type { Frameworks } from '../evaluation/frameworks-in-force.ts'
import { SESSION_COOKIE, sessionFromRequest } from './api-caller.ts'
import {
  checkSessionGeneration,
  SESSION_TTL_SEC,
  signSession,
  verifySession,
  type Session,
} from '../../lti/session.ts'
import { DeepLinkingInvalid, SessionInvalid } from '../../lti/errors.ts'
import { toolKeySet } from '../../lti/tool-keys.ts'
import { type Person, type Stores, LOGIN_TTL_MS } from '../store/index.ts'
import { z } from 'zod'
import { TagRule } from '../inference/index.ts'
import { shippedCatalog } from '../../framework/index.ts'
import { deepLinkingPage, deepLinkingReturnPage } from './deep-linking-page.ts'
import { homePath } from '../web/layout.tsx'
import { NotFound } from './errors.ts'
import { parseInput } from './parse-input.ts'
import { registrationPage } from './registration-page.ts'
import { requestLang } from './request-lang.ts'
import { type Lang, LANGS } from '../web/i18n.ts'
import { allowFormAction } from './security-headers.ts'

export interface LtiDeps {
  readonly stores: Stores
  readonly keySets: PlatformKeySets
  /** Signs and verifies sessions (HS256). */
  readonly sessionSecret: Uint8Array
  /** This tool's public base URL, e.g. https://nls.example.edu.vn. */
  readonly baseUrl: () => string
  readonly now: () => Date
  /** For calls to platforms (Dynamic Registration); the global fetch by default. */
  readonly fetch?: typeof fetch
  /** The frameworks in force; the shipped ones when not given. */
  readonly frameworks?: () => Frameworks
  /** Asks inference to work out people a launch or a deep link queued. */
  readonly wakeInference?: () => void
}

/** The trainer's answer on the deep linking page. */
const DeepLinkForm = z.object({
  request: z.string().min(1, 'is missing: start again from the LMS'),
  title: z.string().trim().min(1, 'must not be empty').max(255, 'at most 255 characters'),
  competency: z.union([z.string(), z.array(z.string())]).optional(),
  descriptors: z.string().optional(),
  gradebook: z.enum(['level', 'share'], "must be 'level' or 'share'").optional(),
  lang: z.enum(LANGS).optional(),
})

/** The page after a registration, asked for in the other language. */
const RegisteredQuery = z.object({
  platform: z.uuid('must be a platform id'),
  outcome: z.enum(['registered', 'updated'], "must be 'registered' or 'updated'"),
  lang: z.enum(LANGS, "must be 'vi' or 'en'"),
})

/** The registration's page in the other language. */
function registeredHref(
  { platform, outcome }: { readonly platform: { readonly id: string }; readonly outcome: string },
  lang: Lang,
): string {
  const other = lang === 'vi' ? 'en' : 'vi'
  return `/lti/registered?${new URLSearchParams({ platform: platform.id, outcome, lang: other })}`
}

/** The chooser asked for again in the other language: its signed request, title and course. */
const DeepLinkLanguageForm = z.object({
  request: z.string().min(1, 'is missing: start again from the LMS'),
  title: z.string().max(255, 'at most 255 characters').optional(),
  context: z.string().max(1000, 'at most 1000 characters').optional(),
  lang: z.enum(LANGS, "must be 'vi' or 'en'"),
})

const STATE_COOKIE = 'nls_state_'

// In an LMS iframe the tool is a third party: only SameSite=None; Secure cookies are sent, and
// Partitioned (CHIPS) keeps them where third-party cookies are otherwise blocked.
const CROSS_SITE = { sameSite: 'none', secure: true, httpOnly: true, partitioned: true } as const

declare module 'express-serve-static-core' {
  interface Locals {
    /** The session of a request to the pages behind a launch. */
    session?: Session
    /** The person of that session, when they are still known. */
    sessionPerson?: Person
  }
}

/** LTI 1.3 login and launch, our key set, and the session the pages after a launch use. */
export function ltiRoutes(deps: LtiDeps): Router {
  const router = Router()
  const form = express.urlencoded({ extended: false, limit: '64kb' })
  const launchUrl = () => `${deps.baseUrl()}/lti/launch`

  const jwks: RequestHandler = async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300')
    res.json(await toolKeySet(deps.stores.toolKeys, deps.now()))
  }
  router.get('/.well-known/jwks.json', jwks)
  router.get('/lti/jwks', jwks)

  const login: RequestHandler = async (req, res) => {
    const params = req.method === 'POST' ? req.body : req.query
    const { redirectUrl, state } = await startLogin(params, {
      platforms: deps.stores.platforms,
      launchUrl: launchUrl(),
      now: deps.now,
      ttlMs: LOGIN_TTL_MS,
    })
    res.setHeader(
      'Set-Cookie',
      serializeCookie(`${STATE_COOKIE}${state}`, '1', {
        ...CROSS_SITE,
        path: '/lti',
        maxAge: LOGIN_TTL_MS / 1000,
      }),
    )
    res.redirect(302, redirectUrl)
  }
  router.get('/lti/login', login)
  router.post('/lti/login', form, login)

  router.post('/lti/launch', form, async (req, res) => {
    const sent = parseCookies(req.headers.cookie ?? '')
    const browserStates = new Set(
      Object.keys(sent)
        .filter((name) => name.startsWith(STATE_COOKIE))
        .map((name) => name.slice(STATE_COOKIE.length)),
    )
    const launch = await verifyLaunch(req.body, browserStates, {
      platforms: deps.stores.platforms,
      keySets: deps.keySets,
      now: deps.now,
      clockToleranceSec: 30,
    })
    // One commit for the person, their identity, the course, the link, and the statements kept
    // for them before this launch (queued for inference).
    const record = await deps.stores.transaction(async (stores) => {
      const tenant = await stores.tenants.getTenant(launch.platform.tenantId)
      const { identityRule } = tenantSettings(tenant?.settings)
      const recorded = await recordLaunch(launch, stores, { identityRule })
      await attachStatements(stores, launch.platform.tenantId, recorded.person.id)
      return recorded
    })
    deps.wakeInference?.()
    const session: Session = {
      tenantId: launch.platform.tenantId,
      personId: record.person.id,
      platformId: launch.platform.id,
      role: launch.role,
      contextId: record.context?.id,
      activityId: record.activity?.id,
      gen: record.sessionGeneration,
    }
    const token = await signSession(session, deps.sessionSecret, deps.now())
    const setCookies = [
      serializeCookie(`${STATE_COOKIE}${(req.body as { state: string }).state}`, '', {
        ...CROSS_SITE,
        path: '/lti',
        maxAge: 0,
      }),
      serializeCookie(SESSION_COOKIE, token, { ...CROSS_SITE, path: '/', maxAge: SESSION_TTL_SEC }),
    ]
    res.setHeader('Set-Cookie', setCookies)
    if (launch.messageType === 'LtiDeepLinkingRequest') {
      if (launch.role === 'learner') {
        throw new DeepLinkingInvalid(
          'only teachers and administrators choose what an activity evidences',
        )
      }
      const request = deepLinkingRequest(launch.claims, {
        tenantId: session.tenantId,
        platformId: launch.platform.id,
        personId: session.personId,
        contextId: session.contextId,
      })
      res.type('html').send(
        deepLinkingPage({
          catalog: catalogOf(deps),
          courseAudience: await courseTableOf(deps.stores, session.tenantId, record.context),
          request: await signDeepLinkingRequest(request, deps.sessionSecret, deps.now()),
          defaultTitle: launch.claims[CLAIM.deepLinkingSettings]?.title ?? 'Minh chứng năng lực số',
          contextTitle: record.context?.title,
          gradebook: request.acceptLineItem,
          lang: requestLang(req),
        }),
      )
      return
    }
    // The person lands on their role's page; the token rides along for browsers that block the
    // cookie in the LMS iframe, and the page keeps it in its links.
    res.redirect(303, `${homePath(session)}?${new URLSearchParams({ session: token })}`)
  })

  router.post('/lti/deep-link', form, async (req, res) => {
    const body = parseInput(DeepLinkForm, req.body, 'body')
    const request = await verifyDeepLinkingRequest(body.request, deps.sessionSecret, deps.now())
    const competencyIds = chosenCompetencies(
      [...[body.competency ?? []].flat(), ...(body.descriptors ?? '').split(/[\s,;]+/)],
      catalogOf(deps),
    )
    const platform = await deps.stores.platforms.getPlatform(request.platformId)
    if (!platform)
      throw new DeepLinkingInvalid('the platform of this selection is no longer registered')
    const linkKey = newLinkKey()
    const activity = await deps.stores.courses.upsertActivity(request.tenantId, {
      contextId: request.contextId,
      iri: linkActivityIri(linkKey),
      name: body.title,
    })
    // The tag, its audit entry and the queueing of people already seen on the activity commit
    // together.
    await deps.stores.transaction((stores) =>
      createTag(
        stores,
        catalogOf(deps),
        request.tenantId,
        {
          activityId: activity.id,
          competencyIds,
          // The score of the link's gradebook column, when the LMS took one.
          ...(request.acceptLineItem && {
            rule: TagRule.parse({ gradebook: body.gradebook ?? 'level' }),
          }),
        },
        { actor: `person:${request.personId}`, personId: request.personId },
      ),
    )
    deps.wakeInference?.()
    const jwt = await deepLinkingResponse({
      request,
      platform,
      toolKeys: deps.stores.toolKeys,
      launchUrl: launchUrl(),
      title: body.title,
      linkKey,
      now: deps.now(),
    })
    allowFormAction(res, request.returnUrl)
    res
      .type('html')
      .send(deepLinkingReturnPage(request.returnUrl, jwt, body.lang ?? requestLang(req)))
  })

  // The chooser is the answer to the launch's POST: its language switch posts the signed request
  // back, and the same choice is shown in the other language.
  router.post('/lti/deep-link/language', form, async (req, res) => {
    const body = parseInput(DeepLinkLanguageForm, req.body, 'body')
    const request = await verifyDeepLinkingRequest(body.request, deps.sessionSecret, deps.now())
    res.type('html').send(
      deepLinkingPage({
        catalog: catalogOf(deps),
        courseAudience: await courseTableOf(
          deps.stores,
          request.tenantId,
          request.contextId === undefined
            ? undefined
            : await deps.stores.courses.getContext(request.tenantId, request.contextId),
        ),
        request: body.request,
        defaultTitle: body.title ?? '',
        contextTitle: body.context,
        gradebook: request.acceptLineItem,
        lang: body.lang,
      }),
    )
  })

  // Dynamic Registration: a Moodle administrator pastes an invitation's URL (nls platform invite),
  // ${baseUrl}/lti/register?invitation=…, as the tool URL.
  router.get('/lti/register', async (req, res) => {
    const registration = await registerWithPlatform(req.query, {
      stores: deps.stores,
      baseUrl: deps.baseUrl(),
      now: deps.now,
      log: req.log,
      ...(deps.fetch && { fetch: { fetch: deps.fetch } }),
    })
    const lang = requestLang(req)
    res.type('html').send(registrationPage(registration, lang, registeredHref(registration, lang)))
  })

  // The page after a registration in the other language; the registration is not run again.
  router.get('/lti/registered', async (req, res) => {
    const query = parseInput(RegisteredQuery, req.query, 'query')
    const platform = await deps.stores.platforms.getPlatform(query.platform)
    if (!platform) throw new NotFound('no platform with this id')
    const registration = { platform, outcome: query.outcome }
    res
      .type('html')
      .send(registrationPage(registration, query.lang, registeredHref(registration, query.lang)))
  })

  router.get('/app/me', requireSession(deps), async (_req, res) => {
    const session = res.locals.session!
    const person = res.locals.sessionPerson
    res.json({ session, person })
  })
  return router
}

/**
 * Lets a request through with a valid session from the cookie, `?session=` or a Bearer header,
 * of its person's current generation; the person is read once, for the handler too.
 */
export function requireSession(
  deps: Pick<LtiDeps, 'sessionSecret' | 'now' | 'stores'>,
): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const token = sessionToken(req)
    if (!token) return next(new SessionInvalid('no session: open NLS from the LMS'))
    const session = await verifySession(token, deps.sessionSecret, deps.now())
    const found = await deps.stores.people.getSessionPerson(session.tenantId, session.personId)
    checkSessionGeneration(session, found?.sessionGeneration)
    res.locals.session = session
    res.locals.sessionPerson = found?.person
    next()
  }
}

function sessionToken(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? sessionFromRequest(req)
}

/** The table a course develops (its own, else the school's default): the chooser offers it first. */
async function courseTableOf(
  stores: Stores,
  tenantId: string,
  context: { readonly audience?: string } | undefined,
): Promise<string> {
  // The school's settings are read only for a course without its own table.
  if (context?.audience !== undefined) return context.audience
  const school = tenantSettings((await stores.tenants.getTenant(tenantId))?.settings)
  return courseAudience(context, school.audience)
}

function catalogOf(deps: Pick<LtiDeps, 'frameworks'>) {
  return deps.frameworks?.().catalog ?? shippedCatalog()
}
