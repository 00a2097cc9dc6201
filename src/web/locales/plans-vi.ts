/** Page texts in Vietnamese: Plans of organisations (import, list). */
export const plansVi = {
  plans: {},
}
