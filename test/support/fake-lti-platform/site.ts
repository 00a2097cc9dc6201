// What the fake Moodle site holds: users, courses, resource links, tools (lti_types), line items
// (grade items), scores, access tokens, pending launches and dynamic registrations.
import { randomBytes } from 'node:crypto'
import type {
  FakeLineItem,
  FakePlatformOptions,
  FakeRegistration,
  FakeScore,
  FakeUser,
  InitiateLaunchOptions,
  ToolEndpoints,
} from './types.ts'

/** The service scopes Moodle grants (AGS 2.0, NRPS 2.0). */
export const SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const

/** A row of lti_types with its lti_types_config. */
export interface ToolConfig extends ToolEndpoints {
  readonly clientId: string
  /** Moodle's tool type id, which is also the deployment id. */
  readonly typeId: string
  readonly name: string
  state: 'configured' | 'pending'
  shareName: boolean
  shareEmail: boolean
  /** ltiservice_gradesynchronization: 0 none, 1 read + score, 2 full. */
  gradeSync: 0 | 1 | 2
  memberships: boolean
  /** tool_platform.guid: the site host, or md5 of the site identifier for registered tools. */
  guid: string
}

/** A course with its enrolments (teachers are editingteacher, students student). */
export interface Course {
  readonly id: string
  readonly shortname: string
  readonly fullname: string
  teachers: string[]
  students: string[]
  pageSize?: number
}

/** A mod_lti activity: the resource link id is its instance id. */
export interface ResourceLink {
  readonly id: string
  readonly courseId: string
  readonly title: string
  readonly description: string
  gradeItemId?: string
  /** Custom parameters of the activity (Moodle's instructorcustomparameters). */
  custom?: Record<string, string>
}

/** A launch waiting in the "session" for auth.php, keyed by its launch id. */
export interface PendingLaunch {
  readonly launchId: string
  readonly clientId: string
  readonly userId: string
  readonly options: InitiateLaunchOptions
}

/** A row of lti_access_tokens. */
export interface AccessToken {
  readonly typeId: string
  readonly scopes: string[]
  readonly validUntil: number
}

/** Moodle's random_string(): letters and digits. */
export function randomString(length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(length), (byte) => chars[byte % chars.length]).join('')
}

const GRADE_SYNC = { none: 0, read: 1, full: 2 } as const

/** The fake site's state, shared by every endpoint. */
export class Site {
  readonly host: string
  readonly shortname = 'NLS Moodle'
  readonly fullname = 'Trường thử nghiệm Năng lực số'
  readonly sesskey = randomString(10)
  readonly tools = new Map<string, ToolConfig>()
  currentClientId: string
  readonly courses = new Map<string, Course>()
  readonly links = new Map<string, ResourceLink>()
  readonly lineItems = new Map<string, FakeLineItem>()
  readonly scores: FakeScore[] = []
  /** Seconds of the last stored score per `${lineItemId}:${userId}` (grade_grades.timemodified). */
  readonly lastScoreAt = new Map<string, number>()
  readonly tokens = new Map<string, AccessToken>()
  readonly launches = new Map<string, PendingLaunch>()
  readonly registrations = new Map<string, FakeRegistration>()
  readonly usedAssertionIds = new Set<string>()
  private readonly users = new Map<string, FakeUser>()
  private nextGradeItemId = 2 // 1 is the course total of the first course
  private nextTypeId: number

  constructor(
    readonly issuer: string,
    options: FakePlatformOptions,
  ) {
    this.host = new URL(issuer).hostname
    for (const user of [
      { id: '2', username: 'admin', firstname: 'Admin', lastname: 'User', siteAdmin: true },
      { id: '3', username: 'teacher', firstname: 'Lan', lastname: 'Nguyễn Thị', siteAdmin: false },
      { id: '4', username: 'student', firstname: 'Minh', lastname: 'Trần Văn', siteAdmin: false },
    ]) {
      this.users.set(user.id, { ...user, email: `${user.username}@example.com` })
    }
    const typeId = options.deploymentId ?? '1'
    this.nextTypeId = (Number.parseInt(typeId, 10) || 1) + 1
    const tool: ToolConfig = {
      clientId: options.clientId ?? randomString(15),
      typeId,
      name: 'NLS',
      state: 'configured',
      loginUrl: '',
      redirectUris: [],
      jwksUrl: '',
      targetLinkUri: '',
      shareName: options.shareName ?? true,
      shareEmail: options.shareEmail ?? true,
      gradeSync: GRADE_SYNC[options.gradeSync ?? 'full'],
      memberships: options.memberships ?? true,
      guid: this.host,
    }
    this.tools.set(tool.clientId, tool)
    this.currentClientId = tool.clientId
  }

  currentTool(): ToolConfig {
    const tool = this.tools.get(this.currentClientId)
    if (!tool) throw new TypeError('no current tool')
    return tool
  }

  toolByTypeId(typeId: string | null): ToolConfig | undefined {
    return [...this.tools.values()].find((tool) => tool.typeId === typeId)
  }

  newTypeId(): string {
    return String(this.nextTypeId++)
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id)
  }

  /** The user, created (and enrolled according to the role) when the site does not have them. */
  ensureUser(
    id: string,
    role: 'Instructor' | 'Learner' | 'Administrator',
    courseId: string,
  ): FakeUser {
    const course = this.course(courseId)
    let user = this.users.get(id)
    if (!user) {
      user = {
        id,
        username: `user${id}`,
        firstname: 'Học viên',
        lastname: id,
        email: `user${id}@example.com`,
        siteAdmin: role === 'Administrator',
      }
      this.users.set(id, user)
    }
    const enrolled = course.teachers.includes(id) || course.students.includes(id)
    if (!enrolled && role === 'Instructor') course.teachers.push(id)
    if (!enrolled && role === 'Learner') course.students.push(id)
    return user
  }

  course(id: string): Course {
    let course = this.courses.get(id)
    if (!course) {
      course = {
        id,
        shortname: `KNS${id}`,
        fullname: 'Kỹ năng số cơ bản',
        teachers: ['3'],
        students: ['4'],
      }
      this.courses.set(id, course)
    }
    return course
  }

  setRoster(courseId: string, students: number, pageSize?: number): void {
    const course = this.course(courseId)
    course.teachers = ['3']
    course.students = Array.from({ length: students }, (_, i) => String(4 + i))
    for (const id of course.students) this.ensureUser(id, 'Learner', courseId)
    course.pageSize = pageSize
  }

  /** Enrolled with a gradebook role (Moodle's $CFG->gradebookroles: student). */
  isGradable(courseId: string, userId: string): boolean {
    return this.courses.get(courseId)?.students.includes(userId) ?? false
  }

  link(courseId: string, id: string): ResourceLink {
    const key = `${courseId}:${id}`
    let link = this.links.get(key)
    if (!link) {
      link = { id, courseId, title: 'Đánh giá năng lực số', description: '' }
      this.links.set(key, link)
    }
    return link
  }

  /** A new mod_lti activity, as the teacher saves it after a deep linking selection. */
  addLink(courseId: string, title: string, custom?: Record<string, string>): ResourceLink {
    const id = String(100 + this.links.size)
    const link: ResourceLink = { id, courseId, title, description: '', custom }
    this.links.set(`${courseId}:${id}`, link)
    return link
  }

  lineItemUrl(courseId: string, itemId: string, typeId: string): string {
    return `${this.lineItemsUrl(courseId)}/${itemId}/lineitem?type_id=${typeId}`
  }

  lineItemsUrl(courseId: string): string {
    return `${this.issuer}/mod/lti/services.php/${courseId}/lineitems`
  }

  addLineItem(
    courseId: string,
    typeId: string,
    fields: Pick<FakeLineItem, 'label' | 'scoreMaximum' | 'resourceId' | 'tag' | 'resourceLinkId'>,
  ): FakeLineItem {
    const id = String(this.nextGradeItemId++)
    const item = { ...fields, id, courseId, typeId, url: this.lineItemUrl(courseId, id, typeId) }
    this.lineItems.set(id, item)
    return item
  }

  /** The grade item Moodle made for a graded activity (coupled to the resource link). */
  gradeItemOf(link: ResourceLink, tool: ToolConfig): FakeLineItem {
    const existing = link.gradeItemId ? this.lineItems.get(link.gradeItemId) : undefined
    if (existing) return existing
    const item = this.addLineItem(link.courseId, tool.typeId, {
      label: link.title,
      scoreMaximum: 100,
      resourceId: '',
      tag: '',
      resourceLinkId: link.id,
    })
    link.gradeItemId = item.id
    return item
  }

  /** get_oauth_key_from_headers: a live bearer token (of this tool type) with one of `scopes`. */
  checkToken(token: string | undefined, typeId: string | null, scopes: string[]): boolean {
    const found = token ? this.tokens.get(token) : undefined
    if (!found || found.validUntil <= Date.now() / 1000) return false
    if (typeId !== null && typeId !== found.typeId) return false
    return found.scopes.some((scope) => scopes.includes(scope))
  }

  /** lti_get_permitted_service_scopes for a tool. */
  permittedScopes(tool: ToolConfig): string[] {
    const scopes: string[] = []
    if (tool.gradeSync > 0) scopes.push(SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score)
    if (tool.gradeSync === 2) scopes.push(SCOPE.lineItem)
    if (tool.memberships) scopes.push(SCOPE.memberships)
    return scopes
  }
}
