/** Where a bad value of a tag is, and what is wrong with it. */
export interface TagProblem {
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** A tag (or a row of a tag file) that cannot be saved; `problems` names each bad field. */
export class TagInvalid extends Error {
  readonly code = 'ERR_TAG_INVALID'
  readonly problems: readonly TagProblem[]
  constructor(problems: readonly TagProblem[]) {
    super(problems.map((p) => `${p.path.join('.') || 'tag'}: ${p.message}`).join('; '))
    this.name = 'TagInvalid'
    this.problems = problems
  }
}

/** A tag that does not exist in the tenant. */
export class TagNotFound extends Error {
  readonly code = 'ERR_TAG_NOT_FOUND'
  constructor(tagId: string) {
    super(`no tag ${tagId}`)
    this.name = 'TagNotFound'
  }
}
