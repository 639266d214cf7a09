import { mkdirSync, renameSync, writeFileSync, rmSync } from "node:fs";
import { dirname, basename, join } from "node:path";
import { systemError } from "./systemError.js";

let counter = 0;

/**
 * Write a file atomically: write a temporary file beside the target, then rename it over the
 * target. A crash leaves either the old file or the new one, never a truncated mix.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeAtomically(path, (tmp) => writeFileSync(tmp, data));
}

/**
 * writeFileAtomic() for data written in pieces: `write` fills the temporary file at `tmp` (e.g.
 * through a file descriptor, so a 16 GB array never has to be in memory), which is then renamed
 * over `path`; if `write` throws, the temporary file is removed and `path` is left untouched.
 */
export function writeAtomically(path: string, write: (tmp: string) => void): void {
  // system errors name `path`, the file the caller asked for, not the temporary file
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (err) {
    throw systemError(err, path);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    write(tmp);
    renameSync(tmp, path);
  } catch (err) {
    try { rmSync(tmp, { force: true }); } catch { /* the original error is the one to report */ }
    throw systemError(err, path);
  }
}
