/** A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal. */
export class ProgressBar {
  private last = 0;
  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly total: number | undefined,
  ) {}

  update(done: number, rows: number, force = false): void {
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 40));
    if (this.total) {
      const ratio = Math.min(1, done / this.total);
      const filled = Math.round(ratio * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en-GB')} plans`);
    } else {
      this.stream.write(`\r${rows.toLocaleString('en-GB')} plans read`);
    }
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[K');
  }
}
