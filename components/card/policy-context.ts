import { createContext, useContext } from 'react';
import type { Policy } from '../../lib/schemas/policy';

/**
 * The policy in force, as the panel last read it from the server; null while it is not known (loading, offline, never
 * read), when risk is measured against the default policy and the cards say so.
 */
export const PolicyInForce = createContext<Policy | null>(null);

export const usePolicyInForce = (): Policy | null => useContext(PolicyInForce);
