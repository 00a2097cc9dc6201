import type { RequestHandler } from 'express'
import multer from 'multer'
import { InputInvalid, InputTooLarge } from '../errors.ts'
import { pageSession, type PageSessionDeps } from './page-session.ts'

/** The largest CSV file accepted (some 50,000 rows). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/**
 * Reads a page's multipart upload (one file, `file`, and at most `fields` other fields) and then
 * its session, which is one of the form's fields: a route with it is mounted ahead of the pages'
 * own session.
 */
export function fileUpload(deps: PageSessionDeps, fields = 5): RequestHandler[] {
  return [readUpload(fields), pageSession(deps)]
}

/**
 * Reads a multipart upload of one file (`file`) and a few fields into `req.file` and `req.body`.
 * A file over MAX_UPLOAD_BYTES is refused as too large (413), not as a failure of the server.
 */
export function readUpload(fields = 5): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields },
  }).single('file')
  return (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
        return next(new InputTooLarge(`body.${err.field ?? 'file'}`, MAX_UPLOAD_BYTES))
      }
      next(err)
    })
}

/** The uploaded file's text (UTF-8), or a 400 naming the field. */
export function uploadedText(file: Express.Multer.File | undefined): string {
  if (!file) {
    throw new InputInvalid([{ path: ['body', 'file'], message: 'choose a CSV file to upload' }])
  }
  return file.buffer.toString('utf8')
}
