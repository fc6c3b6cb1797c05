/** How a decision reads once taken: "Approved", "Partly approved"… for decisions, timeouts and the auto lane. */
export const DECISION_DONE: Record<string, string> = {
  approve: 'Approved',
  modify: 'Approved with changes',
  partial: 'Partly approved',
  conditional: 'Approved on a condition',
  reject: 'Rejected',
  escalate: 'Escalated',
  dismiss: 'Dismissed',
  timeout: 'Timed out',
  auto: 'Approved automatically',
  confirm: 'Condition confirmed',
  cancel: 'Condition cancelled',
};
