// Coalesces work to one run per animation frame: at 2,000 tokens/s a streaming answer gets ~33
// appends per frame, and only the last state of each frame is worth drawing.

export class FrameScheduler {
  private readonly pending = new Set<() => void>();
  private requested = false;

  schedule(task: () => void): void {
    this.pending.add(task);
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => this.flush());
  }

  /** Runs what is pending now (also used before a snapshot replaces the DOM). */
  flush(): void {
    this.requested = false;
    const tasks = [...this.pending];
    this.pending.clear();
    for (const task of tasks) task();
  }
}
