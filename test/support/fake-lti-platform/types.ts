// The public shapes of the fake Moodle 4.5 platform (see ./index.ts for `startFakePlatform`).

/** How the fake starts: the tool registration Moodle's admin would have made. */
export interface FakePlatformOptions {
  /** The tool's client_id at this platform; default: 15 random characters, as Moodle makes them. */
  clientId?: string
  /** Moodle's deployment id is the tool type id, a small integer; default '1'. */
  deploymentId?: string
  /** Privacy settings of the tool (Moodle's "Share launcher's name/email"); default true. */
  shareName?: boolean
  shareEmail?: boolean
  /** "IMS LTI Assignment and Grade Services": 'full' (default) also grants the lineitem scope. */
  gradeSync?: 'none' | 'read' | 'full'
  /** "IMS LTI Names and Role Provisioning"; default true. */
  memberships?: boolean
  /** Moodle's openid-configuration.php does not ask for the registration token; default true here. */
  configurationRequiresToken?: boolean
}

/** The launch a test asks Moodle to make. */
export interface LaunchOptions {
  role: 'Instructor' | 'Learner' | 'Administrator'
  /** Moodle's numeric user id; default per role: '2' admin, '3' teacher, '4' student. */
  userId?: string
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest'
  /** Override the tool's privacy settings for this launch. */
  shareName?: boolean
  shareEmail?: boolean
  /** Default '2' (Moodle's first course; 1 is the site). */
  courseId?: string
  /** The mod_lti instance id; default '1'. */
  resourceLinkId?: string
  /** Default 'iframe' (Moodle's "Embed, without blocks"). */
  documentTarget?: 'iframe' | 'window' | 'frame'
  /** The link has one grade item: the AGS claim carries `lineitem`, plus Moodle's basic outcome claim. */
  graded?: boolean
  /** Admin-set custom parameters; Moodle sends the custom claim only when there are some. */
  custom?: Record<string, string>
  /** Deep linking only: Moodle sends no `data`; set it to test a platform that does. */
  deepLinkingData?: string
}

/** Attack variants for signing. */
export interface SignOptions {
  alg?: 'RS256' | 'none' | 'HS256-with-public-key'
  /** 'unpublished': a key of the right shape that certs.php never lists (signed under the
   * current published kid unless `kid` says otherwise). */
  key?: 'current' | 'unpublished'
  /** Replaces the `kid` header (e.g. one the JWKS does not have). */
  kid?: string
}

/** A launch prepared by `initiateLaunch`, with hooks that run when auth.php signs it. */
export interface InitiateLaunchOptions extends LaunchOptions {
  tamper?: (claims: Record<string, unknown>) => Record<string, unknown>
  sign?: SignOptions
}

/** The third-party initiated login Moodle sends to the tool (it POSTs a self-submitting form). */
export interface LoginInitiation {
  /** The tool's login URL with the parameters as a query string (for a GET). */
  readonly url: string
  readonly loginUrl: string
  readonly params: {
    iss: string
    target_link_uri: string
    login_hint: string
    lti_message_hint: string
    client_id: string
    lti_deployment_id: string
  }
  /** The page Moodle renders: `<form method="post">` to the login URL, submitted by script. */
  readonly html: string
}

/** The tool's endpoints as Moodle's tool configuration holds them. */
export interface ToolEndpoints {
  loginUrl: string
  redirectUris: string[]
  jwksUrl: string
  targetLinkUri: string
  /** Moodle's "Content Selection URL"; default: targetLinkUri. */
  deepLinkingUrl?: string
}

/** A user of the fake site. */
export interface FakeUser {
  readonly id: string
  readonly username: string
  readonly firstname: string
  readonly lastname: string
  readonly email: string
  readonly siteAdmin: boolean
}

/** A line item (a grade item the tool can see). */
export interface FakeLineItem {
  readonly id: string
  /** Its URL, ending in `/lineitem?type_id=N`. */
  readonly url: string
  readonly courseId: string
  readonly typeId: string
  label: string
  scoreMaximum: number
  resourceId: string
  tag: string
  resourceLinkId?: string
}

/** A score Moodle accepted. */
export interface FakeScore {
  readonly lineItemId: string
  readonly lineItemUrl: string
  readonly userId: string
  readonly timestamp: string
  readonly activityProgress: string
  readonly gradingProgress: string
  /** Null when Moodle dropped it (gradingProgress not FullyGraded) or none was sent. */
  readonly scoreGiven: number | null
  readonly scoreMaximum: number
  readonly comment?: string
}

/** What the tool returned to contentitem_return.php, and the activities Moodle made of it. */
export interface FakeDeepLinkReturn {
  readonly courseId: string
  readonly items: readonly Record<string, unknown>[]
  readonly data: string | undefined
  readonly links: readonly {
    resourceLinkId: string
    title: string
    custom: Record<string, string>
  }[]
}

/** A dynamic registration Moodle stored. */
export interface FakeRegistration {
  readonly clientId: string
  readonly deploymentId: string
  state: 'pending' | 'configured'
  /** The registration JSON the tool posted. */
  readonly request: Record<string, unknown>
  /** What the platform answered. */
  readonly response: Record<string, unknown>
}

/** The running fake platform. */
export interface FakePlatform {
  /** 'http://127.0.0.1:<port>', Moodle's $CFG->wwwroot. */
  readonly issuer: string
  /** The current tool's client id (changes after `activateRegistration`). */
  readonly clientId: string
  /** The current tool's deployment id (= Moodle's tool type id). */
  readonly deploymentId: string
  /** issuer + '/mod/lti/auth.php' */
  readonly authUrl: string
  /** issuer + '/mod/lti/token.php' */
  readonly tokenUrl: string
  /** issuer + '/mod/lti/certs.php' */
  readonly jwksUrl: string
  /** issuer + '/mod/lti/openid-configuration.php' */
  readonly openidConfigurationUrl: string
  /** How many times certs.php was fetched. */
  jwksFetches(): number
  /** How many requests reached token.php (accepted or not). */
  tokenRequests(): number
  /** How many requests reached openid-configuration.php and openid-registration.php. */
  registrationRequests(): number
  /** Adds a new current signing key (new kid); old keys stay published. Returns the kid. */
  rotateKey(): Promise<string>
  /** Serves `html` at `path` from now on, as Moodle's own pages (a course page framing a tool). */
  servePage(path: string, html: string): void
  /** Registers the tool's endpoints as Moodle's tool configuration would hold them. */
  configureTool(tool: ToolEndpoints): void
  /** Prepares a launch and returns the login initiation Moodle would send to the tool. */
  initiateLaunch(options: InitiateLaunchOptions): LoginInitiation
  /** The claims of a Moodle launch, ready to sign. */
  launchClaims(options: LaunchOptions & { nonce: string }): Record<string, unknown>
  /** Signs any claims as an id_token with the platform's current key; options allow attacks. */
  signIdToken(claims: Record<string, unknown>, options?: SignOptions): Promise<string>
  /** A user of the site by id. */
  user(id: string): FakeUser | undefined
  /** Enrols `students` students (ids 4, 5, …) and the teacher '3' in a course; `pageSize` makes
   * memberships page even when the tool sends no `limit` (Moodle itself returns all). */
  setRoster(courseId: string, roster: { students: number; pageSize?: number }): void
  /** Line items of every course, in creation order. */
  lineItems(): FakeLineItem[]
  /** Every score Moodle accepted, in order. */
  scores(): FakeScore[]
  /** Deep linking responses Moodle accepted, in order. */
  deepLinkReturns(): FakeDeepLinkReturn[]
  /** Dynamic registrations received. */
  registrations(): FakeRegistration[]
  /** What the admin does after a dynamic registration: the tool becomes the current one. */
  activateRegistration(clientId: string): void
  /**
   * The URL Moodle opens for the tool's registration URL (openid_configuration,
   * registration_token): for a new tool, or with `update` (a client id) for the admin's "Update"
   * of that tool when the same domain registers again.
   */
  dynamicRegistrationStart(
    toolRegisterUrl: string,
    options?: { expiresIn?: number; update?: string },
  ): Promise<string>
  /** Stops the server. */
  close(): Promise<void>
}
