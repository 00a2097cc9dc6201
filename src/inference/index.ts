// Inference: from statements to descriptor evidence to a level per component, with the reasons.
// Pure: no I/O, no clock; the shell reads and writes what these functions take and give.
export * from './rule.ts'
export * from './model.ts'
export * from './match.ts'
export * from './levels.ts'
