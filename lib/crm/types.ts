/** A CRM record as the extension and the server name it: which CRM, which kind of object, which id. */
export interface CrmRecordRef {
  crm: string;
  objectType: string;
  id: string;
}

export interface CrmSample {
  url: string;
  expect: CrmRecordRef | null;
}

export interface CrmAdapter {
  /** 'hubspot' | 'salesforce' | 'pipedrive' | 'dynamics' | 'zoho' | 'attio' | 'close' | 'demo' */
  crm: string;
  /** Name shown to people, e.g. 'HubSpot'. */
  label: string;
  /** WebExtension match patterns for the content script, as narrow as the CRM's hosts allow. */
  matches: string[];
  /** The record the page at `url` shows, or null for lists, settings and anything else. */
  detect(url: URL): CrmRecordRef | null;
  /**
   * The record's page. `base` is the origin (and, where the CRM needs one, the tenant path) of the
   * user's CRM; each adapter says in its own JSDoc what it expects and whether it can do without.
   */
  recordUrl(ref: CrmRecordRef, base?: string): string | null;
  /** URLs this adapter was checked against: records it must find, and pages it must leave alone. */
  samples: CrmSample[];
}
