// The alert rules the popup shows in words; they live with the cache queries that count and sort by them.
export { alertLine, isHighRisk, mayDecide } from '../db/alerts';
