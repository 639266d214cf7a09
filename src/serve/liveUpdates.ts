import type { ServerResponse } from "node:http";
import type { RunIndex, RunRow } from "./runIndex.js";

/**
 * Polls DIR's run directories and pushes a server-sent event (`event: runs`) to every open page
 * when a run appears, changes status or writes an epoch. Polling, not fs.watch: it behaves the same
 * on every filesystem (network mounts included), and one scan of 1,000 runs costs a few
 * milliseconds because unchanged runs are recognised by their directory's mtime.
 */
export class LiveUpdates {
  private clients = new Set<ServerResponse>();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  version = 0;
  rows: RunRow[] = [];

  constructor(private readonly index: RunIndex, private readonly pollMs: number) {
    this.rows = index.scan().rows;
  }

  start(): void {
    this.timer = setInterval(() => this.poll(), this.pollMs);
    // a comment line every 15 s keeps proxies and idle-connection timeouts from closing the stream
    this.heartbeat = setInterval(() => { for (const c of this.clients) c.write(": keep-alive\n\n"); }, 15_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  /** Re-scan now; returns the ids that changed. */
  poll(): string[] {
    const { rows, changed } = this.index.scan();
    this.rows = rows;
    if (changed.length > 0) {
      this.version++;
      const data = JSON.stringify({ version: this.version, changed });
      for (const c of this.clients) c.write(`event: runs\ndata: ${data}\n\n`);
    }
    return changed;
  }

  subscribe(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`event: hello\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }
}
