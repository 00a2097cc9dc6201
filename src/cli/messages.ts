// The words of the command line. Every line a person reads from `nls` on stderr says it in
// Vietnamese first, then in English: "<Vietnamese> / <English>", one line each.

/** One message in both languages, Vietnamese first. */
export function bilingual(vi: string, en: string): string {
  return `${vi} / ${en}`
}

/** Another tool's message (pg_dump, a network error) on the one line an error gets. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ')
}

/** The messages several commands share. */
export const cliMessages = {
  noTenant: (id: string) => bilingual(`không có đơn vị ${id}`, `no tenant ${id}`),
  tenantIdExpected: (option: string, got?: string) =>
    bilingual(
      `${option} phải là mã đơn vị (một UUID; xem nls tenant list)${got === undefined ? '' : `, nhận "${got}"`}`,
      `${option} must be a tenant id (a UUID; see nls tenant list)${got === undefined ? '' : `, got "${got}"`}`,
    ),
  /** A value that does not meet its rule; `detail` is the rule in English (from the schema). */
  optionInvalid: (option: string, detail: string) =>
    bilingual(`giá trị của ${option} không hợp lệ`, `${option} ${detail}`.trim()),
  /** A value that does not meet its rule, where the schema's English names the option itself. */
  valueInvalid: (detail: string) => bilingual('giá trị không hợp lệ', detail),
  /** An option whose value names no single district; `problem` says why in English. */
  organisationNotFound: (option: string, given: string, problem: string) =>
    bilingual(
      `${option}: không tìm thấy đúng một phòng GD&ĐT (đơn vị tổ chức) có mã hoặc tên "${given}"`,
      `${option}: ${problem}`,
    ),
  cannotWrite: (option: string, file: string, reason: string) =>
    bilingual(
      `${option}: không ghi được tệp "${file}"`,
      `${option}: cannot write "${file}": ${reason}`,
    ),
  unexpected: (message: string) =>
    bilingual(
      `lỗi không lường trước: ${message} (chạy lại với NLS_DEBUG=1 để xem chi tiết)`,
      `unexpected error: ${message} (run again with NLS_DEBUG=1 for details)`,
    ),
} as const

/** The English messages commander writes, in both languages; `help` is the command's help line. */
export function translateCommanderError(message: string, help: string): string {
  const text = message.replace(/^error: /, '').trim()
  const [first = '', ...rest] = text.split('\n')
  const suggestion = rest.join(' ').match(/^\(Did you mean (?:one of )?(.+)\?\)$/)
  const hint = suggestion
    ? bilingual(`có phải ý bạn là ${suggestion[1]}?`, `did you mean ${suggestion[1]}?`)
    : bilingual(`xem ${help}`, `see ${help}`)
  const vi = commanderVietnamese(first)
  return `${vi === undefined ? first : bilingual(vi, first)} (${hint})`
}

const COMMANDER: readonly [RegExp, (...parts: string[]) => string][] = [
  [/^unknown command '(.+)'$/, (name) => `không có lệnh '${name}'`],
  [/^unknown option '(.+)'$/, (flag) => `không có tùy chọn '${flag}'`],
  [/^required option '(.+)' not specified$/, (flags) => `thiếu tùy chọn bắt buộc '${flags}'`],
  [/^missing required argument '(.+)'$/, (name) => `thiếu tham số bắt buộc '${name}'`],
  [/^option '(.+)' argument missing$/, (flags) => `tùy chọn '${flags}' cần một giá trị`],
  [
    /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (name, expected, got) =>
      `quá nhiều tham số${name ? ` cho '${name}'` : ''}: cần ${expected}, nhận ${got}`,
  ],
  [
    /^option '(.+)' argument '(.*)' is invalid\. (.*)$/,
    (flags, value, why) => {
      const choices = why.match(/^Allowed choices are (.+)\.$/)
      const accepted = choices ? `: chọn một trong ${choices[1]}` : ''
      return `giá trị '${value}' của tùy chọn '${flags}' không hợp lệ${accepted}`
    },
  ],
  [
    /^(option|environment variable) '(.+)' cannot be used with (option|environment variable) '(.+)'$/,
    (_a, one, _b, other) => `không dùng '${one}' cùng với '${other}'`,
  ],
]

function commanderVietnamese(english: string): string | undefined {
  for (const [pattern, vi] of COMMANDER) {
    const match = english.match(pattern)
    if (match) return vi(...match.slice(1).map((part) => part ?? ''))
  }
  return undefined
}
