import { Router } from 'express'
import { accountPages } from './account-pages.ts'
import { filingPages } from './filing-pages.ts'
import { learnerPages, type PageDeps } from './learner-pages.ts'
import { managerPages } from './manager-pages.ts'
import { needsAnalysisPages } from './needs-analysis-pages.ts'
import { planPages, planUpload } from './plan-pages.ts'
import { programmePages } from './programme-pages.ts'
import { trainerPages } from './trainer-pages.ts'
import { coursePages, courseTagsUpload } from './course-pages.ts'
import { rosterPages, rosterUpload } from './roster-pages.ts'
import { targetPages } from './target-pages.ts'
import { learnerReportPages } from './learner-report-pages.ts'
import { pageForm, pageSession, type PageSessionDeps } from './page-session.ts'

/** Every page under /app, behind the page session. */
export function pageRoutes(
  deps: PageDeps & PageSessionDeps & { readonly wake: () => void },
): Router {
  const router = Router()
  // The multipart forms read their own body (and session) first.
  router.use(rosterUpload(deps))
  router.use(courseTagsUpload(deps))
  router.use(planUpload(deps))
  // Forms are parsed first: a POST's session comes from its form field.
  router.use(pageForm, pageSession(deps))
  router.use(learnerPages(deps))
  router.use(managerPages(deps))
  router.use(planPages(deps))
  router.use(targetPages(deps))
  router.use(learnerReportPages(deps))
  router.use(filingPages(deps))
  router.use(programmePages(deps))
  router.use(needsAnalysisPages(deps))
  router.use(trainerPages(deps))
  router.use(coursePages(deps))
  router.use(rosterPages(deps))
  router.use(accountPages(deps))
  return router
}
