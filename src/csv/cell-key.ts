/**
 * A cell of a file people write (a header, a position, a level's name) as a key: trimmed, lower
 * case, no accents, đ as d, each run of spaces as `space` (Họ tên → ho_ten; Tổ trưởng → to
 * truong with a space).
 */
export function cellKey(cell: string, space = '_'): string {
  return cell
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, space)
}
