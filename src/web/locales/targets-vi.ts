/** Page texts in Vietnamese: Targets of plans: met or not, per node. */
export const targetsVi = {
  targets: {},
}
