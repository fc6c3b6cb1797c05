import type { ReplyErrorCode } from '../messages';

/** A failure the router answers with its code as well as its message, so a page can react to the kind. */
export class ReplyError extends Error {
  constructor(
    message: string,
    readonly code: ReplyErrorCode,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}
