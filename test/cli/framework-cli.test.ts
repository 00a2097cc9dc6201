import { jest } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Io } from '../../src/cli/io.ts'
import { main } from '../../src/cli/main.ts'
import { CLI_TEST_TIMEOUT_MS, runCli } from '../support/cli.ts'
import { runNls } from '../support/server-process.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

const run = (...argv: string[]) => runCli({}, ...argv)

const dir = mkdtempSync(join(tmpdir(), 'nls-cli-'))

describe('nls framework', () => {
  it('list: every audience with its counts, Vietnamese by default', async () => {
    const { code, out } = await run('framework', 'list')
    expect(code).toBe(0)
    expect(out).toContain('TT18.MN  Giáo viên mầm non — 20 năng lực thành phần, 126 chỉ báo')
    expect(out).toContain(
      'TT18.PT  Giáo viên phổ thông và giáo dục thường xuyên — 20 năng lực thành phần, 140 chỉ báo',
    )
    expect(out).toContain('24 năng lực thành phần, 174 chỉ báo')
    expect(out).toContain(
      'TT02.NH  Người học — 24 năng lực thành phần, 0 chỉ báo (chưa có văn bản chính thức)',
    )
  })

  it('list --lang en --audience PT', async () => {
    const { code, out } = await run('framework', 'list', '--lang', 'en', '--audience', 'PT')
    expect(code).toBe(0)
    expect(out).toContain(
      'General-education and continuing-education teachers — 20 components, 140 descriptors',
    )
    expect(out).not.toContain('TT18.MN')
  })

  it('show <descriptor>: the text and its place', async () => {
    const vi = await run('framework', 'show', 'TT18.PT.1.1.CB.2')
    expect(vi.code).toBe(0)
    expect(vi.out.split('\n').slice(0, 2)).toEqual([
      'Chỉ báo TT18.PT.1.1.CB.2',
      'Sử dụng được các công cụ hỗ trợ dạy học trực tuyến để triển khai các phiên học trực tuyến, cung cấp tài liệu học tập và tổ chức các hoạt động dạy học đơn giản',
    ])
    expect(vi.out).toContain('Mức độ: Cơ bản (CB)')
    const en = await run('framework', 'show', 'TT18.PT.1.1.CB.2', '--lang', 'en')
    expect(en.out).toContain('Level: Basic (CB)')
    expect(en.out).toContain('Can use online teaching support tools')
  })

  it('show <component>: definition and every level', async () => {
    const { out } = await run('framework', 'show', 'TT18.MN.3.2')
    expect(out).toContain('Năng lực thành phần TT18.MN.3.2 — Giải quyết vấn đề')
    expect(out).toMatch(/TT18\.MN\.3\.2\.NC\.1 +/)
  })

  it('show <unknown>: exit 1 with suggestions on stderr', async () => {
    const { code, out, err } = await run('framework', 'show', 'TT18.PT.1.1.CB.9')
    expect(code).toBe(1)
    expect(out).toBe('')
    expect(err).toBe(
      'nls: không có mục nào của khung năng lực có mã "TT18.PT.1.1.CB.9"; có phải ý bạn là "TT18.PT.1.1.CB.1", "TT18.PT.1.1.CB.2", "TT18.PT.1.1.CB"? / no framework entry has the ID "TT18.PT.1.1.CB.9"; did you mean "TT18.PT.1.1.CB.1", "TT18.PT.1.1.CB.2", "TT18.PT.1.1.CB"?\n',
    )
  })

  it('export --format json → import: valid, both frameworks', async () => {
    const { out } = await run('framework', 'export', '--format', 'json')
    const file = join(dir, 'all.json')
    writeFileSync(file, out)
    const imported = await run('framework', 'import', file, '--check')
    expect(imported.code).toBe(0)
    expect(imported.out).toContain(
      'valid (json): TT18 2026-03-27 — 3 audience(s), 64 components, 440 descriptors',
    )
    expect(imported.out).toContain(
      'valid (json): TT02 2025-01-24 — 1 audience(s), 24 components, 0 descriptors, 192 levels without official text',
    )
  })

  it('export --format case → import', async () => {
    const { out } = await run('framework', 'export', '--format', 'case', '--framework', 'TT02')
    const file = join(dir, 'tt02.case.json')
    writeFileSync(file, out)
    expect((await run('framework', 'import', file, '--check')).out).toContain('valid (case): TT02')
  })

  it('export --format moodle-csv needs --audience', async () => {
    const missing = await run('framework', 'export', '--format', 'moodle-csv')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--audience is required for moodle-csv')
    const { code, out } = await run(
      'framework',
      'export',
      '--format',
      'moodle-csv',
      '--audience',
      'MN',
    )
    expect(code).toBe(0)
    expect(out.split('\n')[0]).toBe(
      '"Parent ID number","ID number","Short name","Description","Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework","Taxonomy"',
    )
  })

  it('import of a bad file: exit 1, every problem with its path, nothing accepted', async () => {
    const { out } = await run('framework', 'export', '--format', 'json')
    const data = JSON.parse(out) as {
      frameworks: {
        audiences: { components: { levels: { descriptors: { id: string }[] }[] }[] }[]
      }[]
    }
    data.frameworks[0]!.audiences[1]!.components[0]!.levels[0]!.descriptors[1]!.id =
      'TT18.PT.1.1.CB.7'
    ;(data.frameworks[1] as unknown as { version: number }).version = 7
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify(data))
    const r = await run('framework', 'import', file, '--check')
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toContain(`${file} is invalid`)
    expect(r.err).toContain(
      'frameworks[1].version: Invalid input: expected string, received number',
    )
  })

  it('import: semantic problems name the path', async () => {
    const { out } = await run('framework', 'export', '--format', 'json', '--framework', 'TT18')
    const data = JSON.parse(out) as {
      frameworks: {
        audiences: { components: { levels: { descriptors: { id: string }[] }[] }[] }[]
      }[]
    }
    data.frameworks[0]!.audiences[1]!.components[0]!.levels[0]!.descriptors[1]!.id =
      'TT18.PT.1.1.CB.7'
    const file = join(dir, 'bad-id.json')
    writeFileSync(file, JSON.stringify(data))
    const r = await run('framework', 'import', file, '--check')
    expect(r.code).toBe(1)
    expect(r.err).toContain(
      'frameworks[0].audiences[1].components[0].levels[0].descriptors[1].id: descriptor ID must be "TT18.PT.1.1.CB.2" (from its place in the framework), not "TT18.PT.1.1.CB.7"',
    )
  })

  it('import of a missing file or non-JSON', async () => {
    const none = await run('framework', 'import', join(dir, 'nope.json'), '--check')
    expect(none.code).toBe(2)
    expect(none.err).toContain('cannot read file')
    const file = join(dir, 'text.json')
    writeFileSync(file, 'not json')
    const r = await run('framework', 'import', file, '--check')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/\(root\): not JSON/)
  })
})

describe('the nls command in a shell', () => {
  it('runs from bin/nls.js as `npx nls` does', async () => {
    const bin = fileURLToPath(new URL('../../bin/nls.js', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'framework',
      'show',
      'TT18.QL.2.5.NC',
      '--lang',
      'en',
    ])
    expect(stdout).toContain('TT18.QL.2.5.NC  Level Advanced')
  })

  it('says a usage error on one line in Vietnamese and English, exit code 2', async () => {
    expect(await runNls(['framewrk', 'list'], {})).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "nls: không có lệnh 'framewrk' / unknown command 'framewrk' (có phải ý bạn là framework? / did you mean framework?)\n",
    })
  })
})

describe('an error nls does not expect', () => {
  // Standing in for any failure the commands do not name: the output cannot be written.
  const failingIo = (env: Record<string, string>) => {
    let err = ''
    const io: Io = {
      out: () => {
        throw new Error('write EIO')
      },
      err: (text) => void (err += text),
      readFile: (path) => readFile(path, 'utf8'),
      env,
    }
    return { io, err: () => err }
  }

  it('is one line with a hint, no stack, exit code 1', async () => {
    const { io, err } = failingIo({})
    expect(await main(['framework', 'show', 'TT18.PT.1.1'], io)).toBe(1)
    expect(err()).toBe(
      'nls: lỗi không lường trước: write EIO (chạy lại với NLS_DEBUG=1 để xem chi tiết) / unexpected error: write EIO (run again with NLS_DEBUG=1 for details)\n',
    )
  })

  it('shows its stack with NLS_DEBUG=1', async () => {
    const { io, err } = failingIo({ NLS_DEBUG: '1' })
    expect(await main(['framework', 'show', 'TT18.PT.1.1'], io)).toBe(1)
    const [first, ...stack] = err().split('\n')
    expect(first).toMatch(
      /^nls: lỗi không lường trước: write EIO .* \/ unexpected error: write EIO/,
    )
    expect(stack[0]).toBe('Error: write EIO')
    expect(stack[1]).toMatch(/^\s+at /)
  })
})
