import type { Meilisearch, Task } from 'meilisearch';

const POLL_MS = 50;
const FINISHED = ['succeeded', 'failed', 'canceled'] as const;

/**
 * Waits for engine tasks with ONE polling loop for the whole process: many runs each
 * polling their own tasks would send the engine hundreds of status requests a second
 * while it indexes. Each round asks for the finished tasks among those still awaited.
 */
export class TaskWatcher {
  private readonly waiting = new Map<number, Array<{ resolve: (t: Task) => void; reject: (e: Error) => void }>>();
  private deadlines = new Map<number, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly client: Meilisearch) {}

  wait(uid: number, timeoutMs: number): Promise<Task> {
    return new Promise<Task>((resolve, reject) => {
      const list = this.waiting.get(uid) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(uid, list);
      this.deadlines.set(uid, Math.min(this.deadlines.get(uid) ?? Infinity, Date.now() + timeoutMs));
      this.timer ??= setTimeout(() => void this.poll(), POLL_MS);
    });
  }

  private async poll(): Promise<void> {
    const uids = [...this.waiting.keys()];
    try {
      for (let i = 0; i < uids.length; i += 500) {
        const chunk = uids.slice(i, i + 500);
        const { results } = await this.client.tasks.getTasks({ uids: chunk, statuses: [...FINISHED], limit: chunk.length });
        for (const task of results) this.settle(task.uid, (w) => w.resolve(task));
      }
    } catch (e) {
      // The engine is unreachable: waiters fail at their deadline unless it comes back.
      void e;
    }
    const now = Date.now();
    for (const [uid, deadline] of this.deadlines) {
      if (deadline < now) this.settle(uid, (w) => w.reject(new Error(`Search engine task ${uid} did not finish in time`)));
    }
    this.timer = this.waiting.size ? setTimeout(() => void this.poll(), POLL_MS) : undefined;
  }

  private settle(uid: number, fn: (w: { resolve: (t: Task) => void; reject: (e: Error) => void }) => void): void {
    for (const w of this.waiting.get(uid) ?? []) fn(w);
    this.waiting.delete(uid);
    this.deadlines.delete(uid);
  }
}
