// The store's public face: the repository interfaces that lti/, statements/ and src/ depend on,
// their PostgreSQL implementations, and createStores to build them all over one database.
import type { AdminTokenStore } from './admin-token-store.ts'
import type { AuditLog } from './audit-log.ts'
import type { CourseStore } from './course-store.ts'
import type { DocumentStore } from './document-store.ts'
import type { AttachmentStore } from './attachment-store.ts'
import type { PlatformStore } from './platform-store.ts'
import type { PlanStore } from './plan-store.ts'
import type { NeedsStore } from './needs-store.ts'
import { postgresNeedsStore } from './postgres-needs-store.ts'
import { postgresPlanStore } from './postgres-plan-store.ts'
import type { ProgrammeStore } from './programme-store.ts'
import { postgresProgrammeStore } from './postgres-programme-store.ts'
import type { TargetStore } from './target-store.ts'
import type { ClassStore } from './class-store.ts'
import { postgresClassStore } from './postgres-class-store.ts'
import { postgresTargetStore } from './postgres-target-store.ts'
import type { LearnerReportStore } from './learner-report-store.ts'
import { postgresLearnerReportStore } from './postgres-learner-report-store.ts'
import type { RegistrationInvitationStore } from './registration-invitation-store.ts'
import type { ToolKeyStore } from './tool-key-store.ts'
import type { XapiClientStore } from './xapi-client-store.ts'
import type { LrsSourceStore } from './lrs-source-store.ts'
import type { InferenceStore } from './inference-store.ts'
import type { FrameworkStore } from './framework-store.ts'
import type { InstallationSettingsStore } from './installation-settings-store.ts'
import { postgresInstallationSettingsStore } from './postgres-installation-settings-store.ts'
import type { Db } from './database.ts'
import type { OutboxStore } from './outbox-store.ts'
import type { PeopleStore } from './people-store.ts'
import type { PersonDataStore } from './person-data-store.ts'
import { postgresPersonDataStore } from './postgres-person-data-store.ts'
import { postgresAdminTokenStore } from './postgres-admin-token-store.ts'
import { postgresAuditLog } from './postgres-audit-log.ts'
import { postgresCourseStore } from './postgres-course-store.ts'
import { postgresDocumentStore } from './postgres-document-store.ts'
import { postgresAttachmentStore } from './postgres-attachment-store.ts'
import { postgresPlatformStore } from './postgres-platform-store.ts'
import { postgresRegistrationInvitationStore } from './postgres-registration-invitation-store.ts'
import { postgresToolKeyStore } from './postgres-tool-key-store.ts'
import { postgresXapiClientStore } from './postgres-xapi-client-store.ts'
import { postgresLrsSourceStore } from './postgres-lrs-source-store.ts'
import { postgresInferenceStore } from './postgres-inference-store.ts'
import { postgresFrameworkStore } from './postgres-framework-store.ts'
import { postgresOutboxStore } from './postgres-outbox-store.ts'
import { postgresPeopleStore } from './postgres-people-store.ts'
import { postgresProgressStore } from './postgres-progress-store.ts'
import { postgresStatementStore } from './postgres-statement-store.ts'
import { postgresTagStore } from './postgres-tag-store.ts'
import { postgresTenantStore } from './postgres-tenant-store.ts'
import type { ProgressStore } from './progress-store.ts'
import type { ReportStore } from './report-store.ts'
import type { LocalAccountStore } from './local-account-store.ts'
import { postgresLocalAccountStore } from './postgres-local-account-store.ts'
import { postgresReportStore } from './postgres-report-store.ts'
import type { RosterStore } from './roster-store.ts'
import { postgresRosterStore } from './postgres-roster-store.ts'
import type { StatementStore } from './statement-store.ts'
import type { TagStore } from './tag-store.ts'
import type { TenantStore } from './tenant-store.ts'
import type { ThrottleStore } from './throttle-store.ts'
import { postgresThrottleStore } from './postgres-throttle-store.ts'

export type * from './admin-token-store.ts'
export type * from './audit-log.ts'
export type * from './attachment-store.ts'
export type * from './course-store.ts'
export type * from './document-store.ts'
export type * from './platform-store.ts'
export type * from './plan-store.ts'
export type * from './needs-store.ts'
export type * from './programme-store.ts'
export type * from './target-store.ts'
export type * from './learner-report-store.ts'
export type * from './class-store.ts'
export type * from './registration-invitation-store.ts'
export type * from './tool-key-store.ts'
export type * from './xapi-client-store.ts'
export type * from './lrs-source-store.ts'
export type * from './inference-store.ts'
export type * from './framework-store.ts'
export type * from './installation-settings-store.ts'
export type * from './outbox-store.ts'
export type * from './people-store.ts'
export type * from './person-data-store.ts'
export type * from './progress-store.ts'
export type * from './report-store.ts'
export type * from './local-account-store.ts'
export type * from './roster-store.ts'
export type * from './statement-store.ts'
export type * from './tag-store.ts'
export type * from './tenant-store.ts'
export type * from './throttle-store.ts'
export { postgresAdminTokenStore } from './postgres-admin-token-store.ts'
export { insertAuditEntry, postgresAuditLog } from './postgres-audit-log.ts'
export { postgresCourseStore } from './postgres-course-store.ts'
export { postgresDocumentStore } from './postgres-document-store.ts'
export { LOGIN_TTL_MS, postgresPlatformStore } from './postgres-platform-store.ts'
export { postgresRegistrationInvitationStore } from './postgres-registration-invitation-store.ts'
export { postgresToolKeyStore } from './postgres-tool-key-store.ts'
export { postgresXapiClientStore } from './postgres-xapi-client-store.ts'
export { postgresLrsSourceStore } from './postgres-lrs-source-store.ts'
export { postgresInferenceStore } from './postgres-inference-store.ts'
export { postgresFrameworkStore } from './postgres-framework-store.ts'
export { OUTBOX_LEASE_MS, postgresOutboxStore } from './postgres-outbox-store.ts'
export { postgresPeopleStore } from './postgres-people-store.ts'
export { postgresProgressStore } from './postgres-progress-store.ts'
export { postgresStatementStore, STATEMENTS_PER_INSERT } from './postgres-statement-store.ts'
export { postgresTagStore } from './postgres-tag-store.ts'
export { postgresTenantStore } from './postgres-tenant-store.ts'

/** Every repository, over one database (or one transaction: pass `tx` for `db`). */
export interface Stores {
  readonly tenants: TenantStore
  readonly people: PeopleStore
  readonly courses: CourseStore
  readonly tags: TagStore
  readonly statements: StatementStore
  /** xAPI documents: States, Activity Profiles, Agent Profiles. */
  readonly documents: DocumentStore
  /** Attachments' data from multipart/mixed requests. */
  readonly attachments: AttachmentStore
  readonly progress: ProgressStore
  readonly outbox: OutboxStore
  readonly adminTokens: AdminTokenStore
  readonly audit: AuditLog
  readonly platforms: PlatformStore
  readonly invitations: RegistrationInvitationStore
  readonly toolKeys: ToolKeyStore
  readonly xapiClients: XapiClientStore
  readonly lrsSources: LrsSourceStore
  readonly inference: InferenceStore
  readonly frameworks: FrameworkStore
  readonly reports: ReportStore
  readonly localAccounts: LocalAccountStore
  /** The roster's people, many at a time. */
  readonly roster: RosterStore
  /** Settings made once for the installation (the profile IRI progress statements name). */
  readonly installationSettings: InstallationSettingsStore
  /** One person's data as a whole: export and erasure. */
  readonly personData: PersonDataStore
  readonly throttles: ThrottleStore
  /** Organisations' plans and the reports they filed. */
  readonly plans: PlanStore
  /** Self-assessed and evidenced levels of a node's staff (training-needs analysis). */
  readonly needs: NeedsStore
  /** What training programmes (courses, tag sets) changed. */
  readonly programmes: ProgrammeStore
  /** Plan targets against the people of a node's schools. */
  readonly targets: TargetStore
  /** Pupils' exposure, attainment and bands over a node's schools (Circular 02/2025). */
  readonly learnerReports: LearnerReportStore
  /** Pupils by class, with their levels (the class heat-map and its export). */
  readonly classes: ClassStore
  /** Runs `fn` with every repository inside one transaction (committed once, or not at all). */
  transaction<T>(fn: (stores: Stores) => Promise<T>): Promise<T>
}

/** The PostgreSQL repositories over `db`. */
export function createStores(db: Db): Stores {
  return {
    tenants: postgresTenantStore(db),
    people: postgresPeopleStore(db),
    courses: postgresCourseStore(db),
    tags: postgresTagStore(db),
    statements: postgresStatementStore(db),
    documents: postgresDocumentStore(db),
    attachments: postgresAttachmentStore(db),
    progress: postgresProgressStore(db),
    outbox: postgresOutboxStore(db),
    adminTokens: postgresAdminTokenStore(db),
    audit: postgresAuditLog(db),
    platforms: postgresPlatformStore(db),
    invitations: postgresRegistrationInvitationStore(db),
    toolKeys: postgresToolKeyStore(db),
    xapiClients: postgresXapiClientStore(db),
    lrsSources: postgresLrsSourceStore(db),
    inference: postgresInferenceStore(db),
    frameworks: postgresFrameworkStore(db),
    reports: postgresReportStore(db),
    localAccounts: postgresLocalAccountStore(db),
    roster: postgresRosterStore(db),
    installationSettings: postgresInstallationSettingsStore(db),
    personData: postgresPersonDataStore(db),
    throttles: postgresThrottleStore(db),
    plans: postgresPlanStore(db),
    needs: postgresNeedsStore(db),
    programmes: postgresProgrammeStore(db),
    targets: postgresTargetStore(db),
    learnerReports: postgresLearnerReportStore(db),
    classes: postgresClassStore(db),
    transaction: (fn) => db.transaction((tx) => fn(createStores(tx))),
  }
}
