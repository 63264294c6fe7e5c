// A loop that runs a task at an interval, never twice at once, and stops after the run under way.
/**
 * Runs `work` again and again, `intervalMs` after each run ends (never two at once), until stopped; `stop`
 * waits for the run under way so that storage can be closed after it. A run that throws is reported and the loop
 * goes on. The timer does not keep the process alive.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.current = this.work()
        .catch(this.onError)
        .finally(() => {
          if (this.running) this.schedule();
        });
    }, this.intervalMs);
    this.timer.unref();
  }
}
