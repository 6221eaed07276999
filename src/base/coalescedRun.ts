// Runs an async job one at a time. A request that comes while the job runs is not dropped and not
// queued one by one: the requests are coalesced into one more run, with the latest argument (the
// newest state is the one that matters; an older argument must never win over it).

export class CoalescedRun<T> {
  private running = false;
  private next: { readonly arg: T } | undefined;

  constructor(private readonly job: (arg: T) => Promise<void>) {}

  /** A run is going on or waits for its turn. */
  get pending(): boolean {
    return this.running || this.next !== undefined;
  }

  /** Another run waits for its turn (a request came while one was going on). */
  get queued(): boolean {
    return this.next !== undefined;
  }

  request(arg: T): void {
    if (this.running) {
      this.next = { arg };
      return;
    }
    void this.run(arg);
  }

  /** Forgets a run that waits for its turn (the one going on finishes). */
  cancelNext(): void {
    this.next = undefined;
  }

  private async run(arg: T): Promise<void> {
    this.running = true;
    try {
      await this.job(arg);
    } catch {
      // The job reports its own failures; one failed run must not stop the next.
    } finally {
      this.running = false;
      const next = this.next;
      this.next = undefined;
      if (next) void this.run(next.arg);
    }
  }
}
