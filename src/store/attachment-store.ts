// Attachments' data kept from multipart/mixed requests (xAPI 1.0.3 Communication §1.5.2).

/** An attachment's data. */
export interface AttachmentData {
  /** The SHA-2 of the contents, lower-case hex. */
  readonly sha2: string
  readonly contentType: string
  readonly contents: Buffer
}

export interface AttachmentStore {
  /** Keeps attachments' data (one already kept under its SHA-2 is left as it is). */
  saveAttachments(tenantId: string, attachments: readonly AttachmentData[]): Promise<void>
  /** The data kept under these SHA-2s (any case); those not kept are left out. */
  getAttachments(tenantId: string, sha2s: readonly string[]): Promise<AttachmentData[]>
}
