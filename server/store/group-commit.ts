import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

export type Work<T> = (tx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Enough to amortise the commit; small enough that the first of a group does not wait long for the last. */
const MAX_GROUP = 64;

/**
 * Write transactions on SQLite, committed in groups. SQLite has one writer and its commit (an fsync with
 * `synchronous=FULL`) costs more than the statements before it, so transactions run one after the other inside one
 * database transaction, each in a savepoint of its own, and one commit makes all of them durable. Each keeps its own
 * outcome: one that throws is rolled back to its savepoint alone and its caller gets the error; the others go on. No
 * caller hears of success before the commit, and if the commit fails every caller in the group gets that failure, so
 * nothing is acknowledged that could be lost.
 *
 * A group stays open while work keeps coming: after each transaction the event loop takes a turn, so requests read
 * from their sockets meanwhile are parsed and hand in theirs, which join the group; it commits once nothing is left
 * to run (or it is full). Under load each request then waits for about one group, rather than for the rest of the
 * one running when it arrived and then its own. Reads go to a connection of their own (see `openStore`), which sees
 * only what is committed, so nothing written in an open group is seen before its commit.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private busy = false;
  private idle: (() => void)[] = [];

  /** `onCommit` hears of each commit that succeeds, with the number of transactions it made durable. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onCommit: (transactions: number) => void = () => {},
  ) {}

  /** Runs `work` in a transaction (a savepoint of a shared one) and resolves once it is committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once every transaction handed in so far has been committed or has failed. */
  drained(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule() {
    if (this.busy) return;
    if (this.queue.length === 0) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.busy = true;
    // Not at once: the requests that arrived in this turn hand in their transactions first, and join the group; and
    // not before one more poll of the sockets, whose requests join it too. With nothing else to do, the wait is one
    // idle turn of the loop.
    setImmediate(() => setImmediate(() => void this.commitGroup()));
  }

  private async commitGroup() {
    const group: Job[] = [];
    const outcomes: Outcome[] = [];
    let failure: { error: unknown } | null = null;
    try {
      await this.db.transaction().execute(async (tx) => {
        for (let job = this.queue.shift(); job; job = group.length < MAX_GROUP ? this.queue.shift() : undefined) {
          group.push(job);
          outcomes.push(await inSavepoint(tx, job.work));
          await turnOfTheLoop();
        }
      });
    } catch (error) {
      failure = { error };
      // A transaction that could not even begin fails the transactions that were waiting for it, rather than leave
      // them queued for a retry that may never succeed.
      if (group.length === 0) group.push(...this.queue.splice(0, MAX_GROUP));
    }
    if (!failure) this.onCommit(group.length);
    group.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome && !outcome.ok) job.reject(outcome.error);
      else if (failure || !outcome) job.reject(failure?.error);
      else job.resolve(outcome.value);
    });
    this.busy = false;
    this.schedule();
  }
}

/** Lets the event loop poll the sockets and run what they bring before the next line. */
const turnOfTheLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One transaction of the group; a failure to roll back to its savepoint fails the whole group. */
async function inSavepoint(tx: Transaction<Database>, work: Work<unknown>): Promise<Outcome> {
  await tx.executeQuery(SAVEPOINT);
  try {
    const value = await work(tx);
    await tx.executeQuery(RELEASE);
    return { ok: true, value };
  } catch (error) {
    await tx.executeQuery(ROLLBACK_TO);
    await tx.executeQuery(RELEASE);
    return { ok: false, error };
  }
}

const SAVEPOINT = CompiledQuery.raw('savepoint one_write');
const RELEASE = CompiledQuery.raw('release one_write');
const ROLLBACK_TO = CompiledQuery.raw('rollback to one_write');
