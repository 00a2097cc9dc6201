import { cellKey } from '../csv/cell-key.ts'
import type { CsvRow } from '../csv/read-csv.ts'

/** The columns of a roster file and the names each may have (case and accents ignored). */
export const ROSTER_COLUMNS = {
  email: ['email', 'e-mail', 'thu_dien_tu'],
  pupilCode: ['ma_hs', 'ma_hoc_sinh', 'pupil_code', 'student_code'],
  name: ['name', 'ho_ten', 'ho_va_ten'],
  className: ['lop', 'class', 'lop_hoc'],
  unit: ['unit', 'don_vi', 'truong', 'school'],
  table: ['table', 'bang', 'bang_nang_luc'],
  account: ['tai_khoan', 'account', 'username', 'ten_dang_nhap'],
  homePage: ['trang_chu', 'home_page', 'homepage'],
  position: ['chuc_vu', 'position', 'chuc_danh'],
  schoolLevel: ['cap_hoc', 'school_level', 'cap'],
  grade: ['khoi', 'grade'],
} as const
export type RosterColumn = keyof typeof ROSTER_COLUMNS

/** The columns, as the problems of a header list them. */
export const ROSTER_COLUMN_LIST =
  'email, pupil code (ma_hs), name (ho_ten), class (lop), unit (don_vi), table (bang), account (tai_khoan), home page (trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)'

/** A roster file's header: the column of each cell, and the cells no column is named by. */
export function readRosterHeader(header: CsvRow): {
  columns: (RosterColumn | undefined)[]
  unknown: string[]
} {
  const names = Object.keys(ROSTER_COLUMNS) as RosterColumn[]
  const columns = header.cells.map((cell) => {
    const k = cellKey(cell)
    return names.find((c) => (ROSTER_COLUMNS[c] as readonly string[]).includes(k))
  })
  const unknown = header.cells.filter((c, i) => c.trim() !== '' && columns[i] === undefined)
  return { columns, unknown }
}
