/** The words for the reason the policy asks for on every explicit-lane approval, shared by the approving forms. */
export const POLICY_REASON = {
  label: 'Reason for approving (the policy asks for one)',
  missing: 'Give the reason the policy requires to approve this.',
};
