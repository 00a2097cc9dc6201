// LTI Advantage services a tool calls: access tokens (Security Framework §4.1), line items and
// scores (AGS 2.0), rosters (NRPS 2.0). Every call takes a ServiceContext: the platform, its
// token cache, and the fetch and sleep to use.
export {
  type AccessTokenDeps,
  type AccessTokens,
  createAccessTokens,
  type ServicePlatform,
} from './access-token.ts'
export { parseLinkHeader, nextLink, type Link } from './link-header.ts'
export {
  findOrCreateLineItem,
  type LineItem,
  type LineItemFilter,
  type LineItemInput,
  listLineItems,
} from './line-items.ts'
export { fetchRoster, type Member } from './memberships.ts'
export { nextScoreTimestamp } from './score-timestamp.ts'
export {
  type ActivityProgress,
  type GradingProgress,
  isLearner,
  postScore,
  type Score,
  scoresUrl,
} from './scores.ts'
export { MEDIA_TYPE, SCOPE } from './scopes.ts'
export { MAX_RETRIES, type ServiceContext } from './service-request.ts'
