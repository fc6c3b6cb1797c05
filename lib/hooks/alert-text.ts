// The alert rules the popup shows in words; the background counts and sorts the cache by the same rules.
export { alertLine, isHighRisk, mayDecide } from '../alerts/rules';
