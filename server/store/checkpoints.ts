import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The folder of the worker's script, as a path: Vite rewrites `new URL('./…', import.meta.url)` for the web. */
const HERE = dirname(fileURLToPath(import.meta.url));

/** SQLite's answer to a checkpoint: the WAL's frames, and how many of them are now in the database file. */
export interface CheckpointResult {
  busy: boolean;
  log: number;
  checkpointed: number;
}

type Reply = CheckpointResult | { error: string };

/**
 * Transactions committed between two checkpoints: a decision writes about ten pages alone and fewer in a group, so
 * this keeps the WAL near SQLite's own default of a checkpoint every 1,000 pages.
 */
export const CHECKPOINT_EVERY = 100;

/**
 * The writer's own checkpoint, in pages: SQLite's writer checkpoints in the commit that takes the WAL past this many.
 * A backstop should the thread fall behind or fail, and, under steady load, where the WAL starts over.
 */
export const WRITER_CHECKPOINT_PAGES = 10_000;

/**
 * WAL checkpoints in a worker thread of their own. Left to itself, SQLite's writer checkpoints in the commit that
 * takes the WAL past 1,000 pages, and again in each commit after while a reader keeps it from finishing: it copies the
 * WAL into the database file and syncs both, which holds up the event loop, and with it every request of the group
 * being committed, for several milliseconds. Here a connection in a worker thread checkpoints after every `every`
 * committed transactions, in PASSIVE mode: it copies the frames no reader still needs, without waiting for readers or
 * the writer, which go on meanwhile. The writer's own checkpoint stays as a backstop (`WRITER_CHECKPOINT_PAGES`). The
 * WAL starts over when the writer begins a transaction with nothing in it left to copy: after a quiet moment, or, under
 * steady load, after the backstop's checkpoint, which by then has little left to copy. Durability is unchanged: each
 * commit still syncs the WAL before anyone is told of it.
 *
 * The thread starts with the first checkpoint and keeps the process alive only while one runs. A checkpoint that fails
 * is reported as a warning, and the next one tries again, in a new thread if that one died.
 */
export class Checkpointer {
  private worker: Worker | null = null;
  private running: ((reply: Reply) => void) | null = null;
  private sinceLast = 0;
  private closed = false;
  private settledWaiters: (() => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly every = CHECKPOINT_EVERY,
    private readonly onCheckpoint: (result: CheckpointResult) => void = () => {},
  ) {}

  /** Counts `transactions` just committed; starts a checkpoint once enough have been since the last one. */
  committed(transactions: number) {
    this.sinceLast += transactions;
    this.startIfDue();
  }

  /** Resolves once no checkpoint is running or due. */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.finish({ error: 'the checkpointer was closed' });
    await worker?.terminate();
  }

  private startIfDue() {
    if (this.closed || this.running || this.sinceLast < this.every) return;
    this.sinceLast = 0;
    const worker = this.worker ?? this.start();
    worker.ref();
    this.running = (reply) => {
      worker.unref();
      if ('error' in reply) {
        if (!this.closed) process.emitWarning(`SQLite checkpoint failed: ${reply.error}`);
      } else this.onCheckpoint(reply);
    };
    worker.postMessage('checkpoint');
  }

  private start(): Worker {
    const worker = new Worker(join(HERE, 'checkpoint-worker.mjs'), { workerData: { path: this.path } });
    worker.unref();
    worker.on('message', (reply: Reply) => this.finish(reply));
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.finish({ error: error.message });
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the checkpoint thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private finish(reply: Reply) {
    const running = this.running;
    if (!running) return;
    this.running = null;
    running(reply);
    // Transactions committed while it ran may already call for the next one.
    this.startIfDue();
    if (!this.running) for (const resolve of this.settledWaiters.splice(0)) resolve();
  }
}
