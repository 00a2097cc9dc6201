import { FrameworkError, FrameworkIdMalformed, FrameworkIdUnknown } from '../../framework/index.ts'
import { ConfigInvalid } from '../config/config.ts'
import { ListenFailed } from '../server/errors.ts'
import { DataDirInUse, StoreError } from '../store/errors.ts'
import { CommandFailed, UsageError } from './io.ts'
import { bilingual, cliMessages, oneLine } from './messages.ts'

/** What `nls` prints for an error that ended a command, and the exit code it returns. */
export interface ErrorReport {
  readonly text: string
  readonly exitCode: number
}

// Errors of other areas carry English messages with the data in them; the Vietnamese says
// what happened, the English after it keeps the detail (which name, which file).
const STORE_VI: Readonly<Record<string, string>> = {
  ERR_STORE_UNAVAILABLE: 'không mở được cơ sở dữ liệu',
  ERR_STORE_DATA_DIR_IN_USE: 'thư mục dữ liệu đang được một tiến trình NLS khác dùng',
  ERR_STORE_SCHEMA_NEWER: 'cơ sở dữ liệu mới hơn phiên bản NLS này: hãy nâng cấp NLS',
  ERR_STORE_CONFLICT: 'trùng với dữ liệu đã có',
  ERR_STORE_NOT_FOUND: 'không tìm thấy',
  ERR_STORE_BACKUP_UNAVAILABLE: 'NLS không tự sao lưu được cơ sở dữ liệu này',
}

/** What is wrong with a framework ID, or a framework file, in Vietnamese. */
function frameworkVietnamese(err: FrameworkError): string {
  const didYouMean = (s: readonly string[]) =>
    s.length ? `; có phải ý bạn là ${s.map((x) => `"${x}"`).join(', ')}?` : ''
  if (err instanceof FrameworkIdUnknown) {
    return `không có mục nào của khung năng lực có mã "${err.id}"${didYouMean(err.suggestions)}`
  }
  if (err instanceof FrameworkIdMalformed) {
    return `"${err.id}" không phải mã của khung năng lực: cần dạng như TT18, TT18.PT, TT18.PT.1, TT18.PT.1.1, TT18.PT.1.1.CB hoặc TT18.PT.1.1.CB.2${didYouMean(err.suggestions)}`
  }
  return 'tệp khung năng lực không hợp lệ'
}

/**
 * The lines for an error thrown by a command: "nls: <Vietnamese> / <English>". Anything not
 * known here is one line with a hint; its stack only with `debug` (NLS_DEBUG=1).
 */
export function reportError(err: unknown, debug: boolean): ErrorReport {
  if (err instanceof UsageError || err instanceof CommandFailed) {
    return { text: line(err.message), exitCode: err.exitCode }
  }
  if (err instanceof ConfigInvalid) {
    const text = err.problems.map((p) => line(bilingual('cấu hình không hợp lệ', p))).join('')
    return { text, exitCode: 1 }
  }
  if (err instanceof DataDirInUse) {
    const vi = `thư mục dữ liệu ${err.dataDir} đang được một tiến trình NLS khác dùng (pid ${err.pid}): hãy dừng tiến trình đó, hoặc dùng chung một máy chủ PostgreSQL qua DATABASE_URL`
    return { text: line(bilingual(vi, err.message)), exitCode: 1 }
  }
  if (err instanceof StoreError) {
    return {
      text: line(bilingual(STORE_VI[err.code] ?? 'lỗi cơ sở dữ liệu', err.message)),
      exitCode: 1,
    }
  }
  if (err instanceof FrameworkError) {
    // A framework file's problems follow its first line, one per line.
    const [first = '', ...problems] = err.message.split('\n')
    const vi = frameworkVietnamese(err)
    return {
      text: line(bilingual(vi, first)) + problems.map((p) => `${p}\n`).join(''),
      exitCode: 1,
    }
  }
  if (err instanceof ListenFailed) {
    const vi =
      'không mở được cổng để phục vụ: đặt PORT (và HOST) là một cổng còn trống trên máy này'
    return { text: line(bilingual(vi, err.message)), exitCode: 1 }
  }
  const summary = line(cliMessages.unexpected(oneLine(rootMessage(err))))
  const stack = debug && err instanceof Error && err.stack ? `${err.stack}\n` : ''
  return { text: summary + stack, exitCode: 1 }
}

/** Whether the environment asks for the stacks of unexpected errors. */
export function debugRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.NLS_DEBUG?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/** The innermost cause's message: a failed query's reason rather than its SQL. */
function rootMessage(err: unknown): string {
  let at = err
  while (at instanceof Error && at.cause instanceof Error) at = at.cause
  return at instanceof Error ? at.message : String(at)
}

function line(message: string): string {
  return `nls: ${message}\n`
}
