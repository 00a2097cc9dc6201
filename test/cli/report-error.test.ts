import { describe, expect, it } from '@jest/globals'
import { FrameworkIdUnknown, FrameworkInvalid } from '../../framework/index.ts'
import { ConfigInvalid } from '../../src/config/config.ts'
import { CommandFailed, UsageError } from '../../src/cli/io.ts'
import { bilingual, translateCommanderError } from '../../src/cli/messages.ts'
import { debugRequested, reportError } from '../../src/cli/report-error.ts'
import { ListenFailed } from '../../src/server/errors.ts'
import { DataDirInUse, StoreConflict } from '../../src/store/errors.ts'

describe('reportError', () => {
  it('prints a usage error as it is, exit code 2; a failed command exit code 1', () => {
    const usage = new UsageError(bilingual('cần --id <id...> hoặc --all', 'give --id or --all'))
    expect(reportError(usage, false)).toEqual({
      text: 'nls: cần --id <id...> hoặc --all / give --id or --all\n',
      exitCode: 2,
    })
    expect(reportError(new CommandFailed(bilingual('a', 'b')), false)).toEqual({
      text: 'nls: a / b\n',
      exitCode: 1,
    })
  })

  it('says the errors of other areas in Vietnamese, their English detail after it', () => {
    expect(reportError(new StoreConflict('the user name an is taken'), false)).toEqual({
      text: 'nls: trùng với dữ liệu đã có / the user name an is taken\n',
      exitCode: 1,
    })
    expect(reportError(new DataDirInUse('/srv/nls', 42), false).text).toBe(
      'nls: thư mục dữ liệu /srv/nls đang được một tiến trình NLS khác dùng (pid 42): hãy dừng tiến trình đó, hoặc dùng chung một máy chủ PostgreSQL qua DATABASE_URL / the data directory /srv/nls is in use by another NLS process (pid 42); stop it first, or share a PostgreSQL server between processes with DATABASE_URL\n',
    )
    expect(reportError(new ConfigInvalid(['PORT must be a port', 'HOST: bad']), false)).toEqual({
      text: 'nls: cấu hình không hợp lệ / PORT must be a port\nnls: cấu hình không hợp lệ / HOST: bad\n',
      exitCode: 1,
    })
    expect(reportError(new FrameworkIdUnknown('TT18.PT.9', []), false).text).toBe(
      'nls: không có mục nào của khung năng lực có mã "TT18.PT.9" / no framework entry has the ID "TT18.PT.9"\n',
    )
    expect(reportError(new ListenFailed('127.0.0.1', 80, { code: 'EACCES' }), false).text).toMatch(
      /^nls: không mở được cổng .* \/ cannot listen on 127\.0\.0\.1:80 \(EACCES\)/,
    )
  })

  it('keeps the problems of a framework file each on a line under its first line', () => {
    const invalid = new FrameworkInvalid([{ path: ['frameworks', 0], message: 'bad' }], 'f.json')
    expect(reportError(invalid, false).text).toBe(
      'nls: tệp khung năng lực không hợp lệ / f.json is invalid (1 problem):\n  frameworks[0]: bad\n',
    )
  })

  it('prints an unexpected error on one line with a hint, its stack only when asked', () => {
    const err = new Error('socket hang up\n    at somewhere')
    const quiet = reportError(err, false)
    expect(quiet).toEqual({
      text: 'nls: lỗi không lường trước: socket hang up at somewhere (chạy lại với NLS_DEBUG=1 để xem chi tiết) / unexpected error: socket hang up at somewhere (run again with NLS_DEBUG=1 for details)\n',
      exitCode: 1,
    })
    expect(quiet.text.split('\n')).toHaveLength(2)
    const loud = reportError(err, true)
    expect(loud.text.startsWith(quiet.text)).toBe(true)
    expect(loud.text).toContain(err.stack)
    expect(reportError('a string', false).text).toContain('unexpected error: a string')
  })

  it('names the root cause of an unexpected error that wraps another', () => {
    const root = new Error('new row violates check constraint "c1"')
    const wrapped = new Error('Failed query: insert into tags values ($1)\nparams: x', {
      cause: root,
    })
    expect(reportError(wrapped, false).text).toContain(
      'unexpected error: new row violates check constraint "c1"',
    )
  })

  it('reads NLS_DEBUG as a yes unless it is empty, 0 or false', () => {
    expect(debugRequested({})).toBe(false)
    expect(debugRequested({ NLS_DEBUG: '' })).toBe(false)
    expect(debugRequested({ NLS_DEBUG: '0' })).toBe(false)
    expect(debugRequested({ NLS_DEBUG: 'false' })).toBe(false)
    expect(debugRequested({ NLS_DEBUG: '1' })).toBe(true)
  })
})

describe('translateCommanderError', () => {
  it("says commander's errors in Vietnamese and English, with the command's help", () => {
    expect(
      translateCommanderError(
        "error: required option '--name <who>' not specified\n",
        'nls admin token create --help',
      ),
    ).toBe(
      "thiếu tùy chọn bắt buộc '--name <who>' / required option '--name <who>' not specified (xem nls admin token create --help / see nls admin token create --help)",
    )
    expect(translateCommanderError("error: unknown option '--x'", 'nls db --help')).toBe(
      "không có tùy chọn '--x' / unknown option '--x' (xem nls db --help / see nls db --help)",
    )
    expect(
      translateCommanderError(
        "error: too many arguments for 'show'. Expected 1 argument but got 2.",
        'nls framework show --help',
      ),
    ).toMatch(/^quá nhiều tham số cho 'show': cần 1, nhận 2 \/ too many arguments/)
    expect(
      translateCommanderError("error: missing required argument 'file'", 'nls backup --help'),
    ).toMatch(/^thiếu tham số bắt buộc 'file' \/ missing required argument 'file' \(/)
  })

  it('offers the suggestion commander makes instead of the help', () => {
    expect(
      translateCommanderError(
        "error: unknown command 'framewrk'\n(Did you mean framework?)",
        'nls --help',
      ),
    ).toBe(
      "không có lệnh 'framewrk' / unknown command 'framewrk' (có phải ý bạn là framework? / did you mean framework?)",
    )
  })

  it('lists the accepted values of a choice', () => {
    expect(
      translateCommanderError(
        "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are vi, en.",
        'nls framework list --help',
      ),
    ).toMatch(
      /^giá trị 'fr' của tùy chọn '--lang <lang>' không hợp lệ: chọn một trong vi, en \/ option/,
    )
  })

  it('keeps a message it does not know in English, still on one line', () => {
    expect(translateCommanderError('error: something new', 'nls --help')).toBe(
      'something new (xem nls --help / see nls --help)',
    )
  })
})
