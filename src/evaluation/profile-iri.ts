import type { PublicUrl } from '../config/public-url.ts'
import type { InstallationSettingsStore } from '../store/index.ts'

/** The installation setting that keeps the IRI of our xAPI Profile. */
export const PROFILE_IRI_SETTING = 'xapi-profile-iri'

/** The installation's profile IRI, if it has one, and what NLS_PUBLIC_URL would make instead. */
export interface ProfileIri {
  /** Undefined while the installation has none and NLS_PUBLIC_URL is unset. */
  readonly iri: string | undefined
  /** The IRI NLS_PUBLIC_URL makes, when it differs from the one kept (kept wins). */
  readonly ignored?: string
}

/**
 * The IRI of our xAPI Profile for this installation. Progress statements name it (and its terms
 * under it) in `context.contextActivities.category` and their extension keys, so that readers
 * find the profile that defines them: every statement ever written must name the same one.
 * It is kept the first time it is needed, made from NLS_PUBLIC_URL. Only the server, which serves
 * the profile at its own address, may keep one made from its listen address (`keepGuess`): the
 * CLI's defaults are a guess that would differ from the server's.
 */
export async function installationProfileIri(
  store: InstallationSettingsStore,
  publicUrl: PublicUrl,
  options: { readonly keepGuess?: boolean } = {},
): Promise<ProfileIri> {
  const wanted =
    publicUrl.guessed && !options.keepGuess ? undefined : `${publicUrl.url}/xapi/profile`
  const kept = await store.getSetting(PROFILE_IRI_SETTING)
  if (kept !== undefined) {
    return wanted !== undefined && wanted !== kept ? { iri: kept, ignored: wanted } : { iri: kept }
  }
  if (wanted === undefined) return { iri: undefined }
  const iri = await store.getOrCreateSetting(PROFILE_IRI_SETTING, wanted)
  return iri === wanted ? { iri } : { iri, ignored: wanted }
}

/** What a long-running process tells its operator about the profile IRI. */
export interface ProfileIriLog {
  warn(details: Record<string, unknown>, message: string): void
}

/**
 * The profile IRI as a server asks for it again and again: kept in memory once known (it never
 * changes). A server without NLS_PUBLIC_URL keeps one made from its listen address, so that the
 * embedded default works out levels from the first start, and says so once; a different
 * NLS_PUBLIC_URL later does not change the IRI (said once too).
 */
export function profileIriSource(
  store: InstallationSettingsStore,
  publicUrl: () => PublicUrl,
  log: ProfileIriLog,
): () => Promise<string | undefined> {
  let known: string | undefined
  return async () => {
    if (known !== undefined) return known
    const url = publicUrl()
    const found = await installationProfileIri(store, url, { keepGuess: true })
    if (found.iri === undefined) return undefined
    if (url.guessed && found.ignored === undefined) {
      log.warn(
        { profileIri: found.iri },
        'NLS_PUBLIC_URL is not set: progress statements name an xAPI Profile IRI made from the listen address, kept for this installation from now on; set NLS_PUBLIC_URL before the first start of a real installation',
      )
    }
    if (!url.guessed && found.ignored !== undefined) {
      log.warn(
        { profileIri: found.iri, fromPublicUrl: found.ignored },
        'NLS_PUBLIC_URL changed: progress statements keep naming the xAPI Profile IRI this installation first kept',
      )
    }
    known = found.iri
    return known
  }
}
