/** Page texts in Vietnamese: Programme effect (courses, tag sets). */
export const programmesVi = {
  programmes: {},
}
