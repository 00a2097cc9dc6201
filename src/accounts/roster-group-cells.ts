import { z } from 'zod'
import { cellKey } from '../csv/cell-key.ts'
import { POSITIONS, type Position, SCHOOL_LEVELS, type SchoolLevel } from '../plans/plan.ts'

// The roster's cells that place a person in a plan target's group: position (chức vụ), school
// level (cấp học) and grade (khối). Codes or the Vietnamese words, case and accents ignored.

/** A cell's words as a key (Tổ trưởng → to truong). */
const words = (cell: string) => cellKey(cell, ' ')

const codes = <T extends string>(all: readonly T[]) =>
  Object.fromEntries(all.map((c) => [c.toLowerCase(), c])) as Record<string, T>

const POSITION_WORDS: Readonly<Record<string, Position>> = {
  ...codes(POSITIONS),
  'giao vien': 'GV',
  'to truong chuyen mon': 'TTCM',
  'to truong': 'TTCM',
  'can bo quan ly': 'CBQL',
  'can bo quan li': 'CBQL',
  'hieu truong': 'CBQL',
  'pho hieu truong': 'CBQL',
  'hieu pho': 'CBQL',
  'nhan vien': 'NV',
}

const SCHOOL_LEVEL_WORDS: Readonly<Record<string, SchoolLevel>> = {
  ...codes(SCHOOL_LEVELS),
  'mam non': 'MN',
  'tieu hoc': 'TH',
  'trung hoc co so': 'THCS',
  'trung hoc pho thong': 'THPT',
  'giao duc thuong xuyen': 'GDTX',
}

/** The position a cell names (GV, "giáo viên", "Hiệu trưởng"…); undefined: none of them. */
export function readPosition(cell: string): Position | undefined {
  return Object.hasOwn(POSITION_WORDS, words(cell)) ? POSITION_WORDS[words(cell)] : undefined
}

/** The school level a cell names (THCS, "trung học cơ sở"…); undefined: none of them. */
export function readSchoolLevel(cell: string): SchoolLevel | undefined {
  return Object.hasOwn(SCHOOL_LEVEL_WORDS, words(cell))
    ? SCHOOL_LEVEL_WORDS[words(cell)]
    : undefined
}

const Grade = z
  .string()
  .trim()
  .regex(/^[0-9]{1,2}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(12))

/** The grade (khối) a cell holds, a whole number 1–12; undefined: not one. */
export function readGrade(cell: string): number | undefined {
  const parsed = Grade.safeParse(cell)
  return parsed.success ? parsed.data : undefined
}
