import express, { type Request, type RequestHandler, type Response, Router } from 'express'
import type { DocumentResource, Stores } from '../../src/store/index.ts'
import { DocumentNotFound } from '../errors.ts'
import { parseDocumentTarget, type DocumentMethod } from './document-params.ts'
import {
  alreadyThere,
  checkConditions,
  documentToStore,
  etagOf,
  putInOne,
  type WriteConditions,
} from './document-write.ts'

/**
 * The largest document stored: 16 MiB (Communication §3.2.s3.b16: an LRS chooses its limits and
 * answers 413 over them). SCORM suspend data and cmi5 states are a few KiB.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

const PATHS: Readonly<Record<DocumentResource, string>> = {
  state: '/activities/state',
  activity_profile: '/activities/profile',
  agent_profile: '/agents/profile',
}

/**
 * The document resources of the LRS (xAPI 1.0.3 Communication §2.2–§2.3, §2.6–§2.7, §3.1; IEEE
 * 9274.1.1 §4.1.4, §4.1.6): a client reads and writes the documents of its own tenant. They come
 * after the version header and the credentials, and before any JSON parsing: a document is kept
 * as the bytes sent.
 */
export function documentRoutes(stores: Pick<Stores, 'documents'>): Router {
  const router = Router()
  const body = express.raw({ type: () => true, limit: MAX_DOCUMENT_BYTES })
  for (const [resource, path] of Object.entries(PATHS) as [DocumentResource, string][]) {
    const handlers = documentHandlers(stores, resource)
    // GET (and HEAD, which Express answers from it without the body).
    router.get(path, handlers.get)
    router.put(path, body, handlers.write('PUT'))
    router.post(path, body, handlers.write('POST'))
    router.delete(path, handlers.delete)
  }
  return router
}

/** What a document resource answers, after the version header and the credentials. */
export interface DocumentHandlers {
  readonly get: RequestHandler
  /** A PUT or POST, the document in `req.body` as the bytes sent. */
  write(method: 'PUT' | 'POST'): RequestHandler
  readonly delete: RequestHandler
}

/**
 * The answers of one document resource: the routes', and those the xAPI lane gives a State GET
 * and PUT (statements-lane.ts), the same code.
 */
export function documentHandlers(
  stores: Pick<Stores, 'documents'>,
  resource: DocumentResource,
): DocumentHandlers {
  const target = (req: Request, res: Response, method: DocumentMethod) =>
    parseDocumentTarget(
      resource,
      method,
      req.query as Record<string, unknown>,
      res.locals.xapiVersion!,
    )

  const get: RequestHandler = async (req, res) => {
    const wanted = target(req, res, 'GET')
    const tenantId = res.locals.xapiClient!.tenantId
    if (wanted.kind === 'all') {
      const { ids, updatedAt } = await stores.documents.listDocumentIds(
        tenantId,
        wanted.scope,
        wanted.since,
      )
      if (updatedAt) res.setHeader('Last-Modified', updatedAt.toUTCString())
      res.json(ids)
      return
    }
    const found = await stores.documents.getDocument(tenantId, wanted.key)
    if (!found) throw new DocumentNotFound(`no such document: ${wanted.key.documentId}`)
    res.setHeader('ETag', etagOf(found))
    res.setHeader('Last-Modified', found.updatedAt.toUTCString())
    res.type(found.contentType).send(found.contents)
  }

  const write =
    (method: 'PUT' | 'POST'): RequestHandler =>
    async (req, res) => {
      const wanted = target(req, res, method)
      // parseDocumentTarget refuses a PUT or POST without the document's id.
      if (wanted.kind !== 'one') return
      const sent = {
        contents: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        contentType: req.headers['content-type'] ?? 'application/octet-stream',
      }
      const request = {
        method,
        resource,
        version: res.locals.xapiVersion!,
        sent,
        conditions: conditions(req),
      }
      const tenantId = res.locals.xapiClient!.tenantId
      // Most PUTs (a wrapper saving its State) are one statement; the rest read, then decide.
      const inOne = putInOne(request)
      const saved = inOne
        ? await stores.documents.putDocument(tenantId, wanted.key, sent, inOne)
        : await stores.documents.writeDocument(tenantId, wanted.key, (stored) =>
            documentToStore(stored, request),
          )
      if (!saved) throw alreadyThere(request)
      res.setHeader('ETag', etagOf(saved))
      res.setHeader('Last-Modified', saved.updatedAt.toUTCString())
      res.status(204).end()
    }

  const remove: RequestHandler = async (req, res) => {
    const wanted = target(req, res, 'DELETE')
    const tenantId = res.locals.xapiClient!.tenantId
    if (wanted.kind === 'all') {
      await stores.documents.deleteDocuments(tenantId, wanted.scope)
    } else {
      await stores.documents.deleteDocument(tenantId, wanted.key, (stored) => {
        // Deleting what is not there is done already, unless a condition names a version.
        if (stored || conditions(req).ifMatch !== undefined) {
          checkConditions(stored, conditions(req), {
            method: 'DELETE',
            resource,
            version: res.locals.xapiVersion!,
          })
        }
      })
    }
    res.status(204).end()
  }

  return { get, write, delete: remove }
}

function conditions(req: Request): WriteConditions {
  const header = (name: string) => {
    const value = req.headers[name]
    return typeof value === 'string' ? value : undefined
  }
  const ifMatch = header('if-match')
  const ifNoneMatch = header('if-none-match')
  return {
    ...(ifMatch !== undefined && { ifMatch }),
    ...(ifNoneMatch !== undefined && { ifNoneMatch }),
  }
}
