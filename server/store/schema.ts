/** Times are epoch milliseconds; JSON columns hold text so both dialects store them alike. */
export interface Database {
  users: { id: string; name: string; role: string; team: string | null; created_at: number };
  tokens: { id: string; user_id: string; hash: string; created_at: number; revoked_at: number | null };
  suggestions: {
    id: string;
    type: string;
    crm: string;
    object_type: string;
    record_id: string;
    record_name: string | null;
    change_set: string;
    reasons: string;
    context: string;
    confidence: number;
    impact: string;
    amount: number;
    proposed_by: string;
    priority: string;
    assignee_user: string | null;
    assignee_team: string | null;
    lane: string;
    tier: string;
    routing_rule: string;
    routing_detail: string;
    status: string;
    version: number;
    expires_at: number | null;
    timeout_action: string | null;
    condition: string | null;
    /** User ids that approved so far where the tier needs two approvers. */
    approvals: string;
    final_change_set: string | null;
    final_hash: string | null;
    outcome: string | null;
    created_at: number;
    updated_at: number;
    /** Audit sequence number of the proposal: the order of creation, and the list cursor. */
    created_seq: number;
    /** Audit sequence number of the last change: the cursor for delta sync. */
    last_seq: number;
  };
  decisions: {
    id: string;
    suggestion_id: string;
    /** Audit sequence number of the decision's event: orders decisions made in the same millisecond. */
    seq: number;
    kind: string;
    actor_id: string;
    note: string | null;
    condition: string | null;
    opened_ms: number | null;
    final_change_set: string | null;
    final_hash: string | null;
    created_at: number;
  };
  idempotency: {
    user_id: string;
    key: string;
    request_hash: string;
    status: number;
    response: string;
    created_at: number;
  };
  audit_events: {
    seq: number;
    at: number;
    actor: string;
    kind: string;
    suggestion_id: string | null;
    payload: string;
    prev_hash: string;
    hash: string;
  };
  /** One row: the chain's head. Writers lock it first, which orders every audited change. */
  audit_head: { id: number; seq: number; hash: string };
  policy: { id: number; body: string; version: number; updated_at: number; updated_by: string | null };
  /** A deal in the demo CRM; `close_date` is `YYYY-MM-DD`. */
  demo_deals: {
    id: string;
    name: string;
    stage: string;
    amount: number;
    owner: string;
    close_date: string | null;
    next_step: string | null;
    updated_at: number;
  };
  /** What the demo connector did to a deal; `seq` is the audit sequence number of the event that recorded it. */
  demo_activity: {
    id: string;
    deal_id: string;
    seq: number;
    at: number;
    kind: string;
    suggestion_id: string | null;
    title: string;
    /** JSON array of lines, one per change. */
    lines: string;
  };
  /** Approved items whose action type executes through the signed webhook, until delivered or given up. */
  webhook_outbox: {
    suggestion_id: string;
    /** pending · delivered · failed */
    state: string;
    attempts: number;
    /** When the next attempt is due; while one is under way, when its claim lapses. */
    next_at: number;
    last_error: string | null;
    created_at: number;
    updated_at: number;
  };
}
