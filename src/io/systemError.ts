/**
 * Readable system errors. Node's own messages ("EACCES: permission denied, open
 * '/x/.y.npy.4711.0.tmp'") name a temporary file and no remedy; these name the file the user
 * asked for, what the operating system said, and what to do. Every layer that touches the file
 * system wraps its errors with `systemError()`, and the CLI turns any errno error that slipped
 * through into the same one line (docs/bad-input.md lists what the user sees).
 */

import { existsSync, mkdirSync, rmdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** errno code → [what happened, what to do]. */
const REMEDIES: Record<string, [string, string]> = {
  EACCES: ["permission denied", "choose a directory you may write to, or fix its permissions (ls -ld)"],
  EPERM: ["operation not permitted", "choose a directory you may write to, or fix its permissions (ls -ld)"],
  EROFS: ["the file system is read-only", "choose an output path on a writable file system"],
  ENOSPC: ["no space left on the device", "free disk space (df -h) or choose an output on another disk, then rerun"],
  EDQUOT: ["disk quota exceeded", "free space within your quota or choose an output on another disk, then rerun"],
  ENOTDIR: ["a part of the path is a regular file, not a directory", "choose a path whose parent directories are directories"],
  EISDIR: ["the path is a directory", "give a file name, not a directory"],
  EEXIST: ["the path already exists", "remove it or choose another path"],
  ENAMETOOLONG: ["the path is too long", "choose a shorter path"],
  EMFILE: ["too many open files", "raise the limit (ulimit -n) or use fewer --workers"],
  EIO: ["input/output error from the device", "check the disk (dmesg) and rerun"],
};

/** The errno code of a Node system error, or undefined for any other error. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** True when `err` is a system error this module knows how to explain. */
export function isSystemError(err: unknown): boolean {
  const code = errnoCode(err);
  return code !== undefined && code in REMEDIES;
}

/** An errno error whose message is readable; `code` and `path` are kept for programs. */
export class SystemError extends Error {
  readonly code: string;
  readonly path: string;
  constructor(message: string, code: string, path: string) {
    super(message);
    this.name = "SystemError";
    this.code = code;
    this.path = path;
  }
}

/**
 * `err` as one readable line naming `path` (the file the user asked for; default: the path in
 * the error) and `action` (e.g. "write"), or `err` unchanged when it is not a known system error.
 */
export function systemError(err: unknown, path?: string, action = "write"): unknown {
  if (err instanceof SystemError) return err;
  const cause = errnoCode(err) === "ENOENT" && (err as NodeJS.ErrnoException).syscall === "mkdir" ? mkdirCause((err as NodeJS.ErrnoException).path) : null;
  if (cause) err = cause;
  if (!isSystemError(err)) return err;
  const e = err as NodeJS.ErrnoException;
  // mkdir -p through a regular file fails with EEXIST (the file exists), which says the wrong thing
  const code = e.code === "EEXIST" && e.syscall === "mkdir" ? "ENOTDIR" : (e.code as string);
  const target = path ?? e.path ?? "(unknown path)";
  const [what, todo] = REMEDIES[code];
  return new SystemError(`cannot ${action} ${target}: ${what} (${code}); ${todo}`, code, target);
}

/**
 * The real reason a recursive mkdir of `path` failed with ENOENT: Node reports ENOENT when a
 * missing parent cannot be created (a read-only file system, no permission: nodejs/node#47098),
 * which says the wrong thing. Creating the first missing directory alone gives the real errno
 * (EROFS, EACCES, ENOTDIR, …); null when that succeeds (it is removed again) or nothing is missing.
 */
function mkdirCause(path: string | undefined): NodeJS.ErrnoException | null {
  if (!path) return null;
  let dir = resolve(path);
  while (!existsSync(dirname(dir)) && dirname(dir) !== dir) dir = dirname(dir);
  if (existsSync(dir)) return null;
  try {
    mkdirSync(dir);
    rmdirSync(dir);
    return null;
  } catch (err) {
    return isSystemError(err) ? (err as NodeJS.ErrnoException) : null;
  }
}

/** Run `fn`; a system error it throws becomes a readable SystemError naming `path`. */
export function withSystemErrors<T>(path: string, action: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw systemError(err, path, action);
  }
}
