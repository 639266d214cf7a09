/**
 * Progress for long work: a redrawn bar with ETA on a TTY, plain lines otherwise (CI logs,
 * pipes), at most one plain line every `plainEverySeconds`. Writes to stderr so that stdout
 * stays clean for data.
 */
export interface Progress {
  /** Advance to `done` of `total`; `note` is shown after the bar (e.g. "val loss 0.031"). */
  update(done: number, note?: string): void;
  /** Finish the bar with a final line. */
  finish(note?: string): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Silence all output (library use, tests). */
  quiet?: boolean;
  plainEverySeconds?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
  if (m < 60) return `${m}m${String(s).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const quiet = options.quiet ?? process.env.FISHERLAB_QUIET === "1";
  const tty = Boolean(stream.isTTY);
  const every = (options.plainEverySeconds ?? 5) * 1000;
  const start = Date.now();
  let lastPlain = 0;
  const line = (done: number, note?: string): string => {
    const elapsed = (Date.now() - start) / 1000;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
    const width = 24;
    const bar = tty ? `[${"#".repeat(Math.round(frac * width)).padEnd(width, ".")}] ` : "";
    return `${label} ${bar}${done}/${total} (${(frac * 100).toFixed(0)}%) elapsed ${formatDuration(elapsed)} eta ${formatDuration(eta)}${note ? " " + note : ""}`;
  };
  return {
    update(done, note) {
      if (quiet) return;
      if (tty) stream.write(`\r\x1b[K${line(done, note)}`);
      else if (Date.now() - lastPlain >= every || done >= total) {
        lastPlain = Date.now();
        stream.write(line(done, note) + "\n");
      }
    },
    finish(note) {
      if (quiet) return;
      const elapsed = formatDuration((Date.now() - start) / 1000);
      stream.write(`${tty ? "\r\x1b[K" : ""}${label} done in ${elapsed}${note ? " " + note : ""}\n`);
    },
  };
}
