export { classifyFailure, type ApiFailure, type Winner } from './api-failure';
export { OUTBOX_BACKOFF, retryDelay, type Backoff } from './backoff';
export { flushOutbox, type FlushOptions, type FlushReport } from './flush-outbox';
export { live, type LiveHandle, type LiveOptions } from './live';
export { conflictNotice, describeNotice, goneNotice, refusedNotice, timeAgo } from './notices';
export { pull, type PullOptions, type PullReport } from './pull';
