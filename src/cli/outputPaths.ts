import { existsSync } from "node:fs";
import { basename, extname } from "node:path";
import { dirKind, owningDirectory, type DirKind } from "../rundir/index.js";
import { isDirectory } from "../io/index.js";
import { UsageError } from "./usageError.js";

/**
 * Output paths of the commands: a file a command writes must have the extension of what is
 * written, and must not be a file that belongs to a run, adaptation or sweep directory (weights,
 * optimizer state, config, metrics, summary, status, Fisher CSVs, the results database) — those
 * are written only by that directory's own writer (train, adapt, sweep); which files those are is
 * src/rundir's `owningDirectory` (docs/bad-input.md).
 */

const WRITER: Record<DirKind, string> = { run: "fisherlab train/finetune", adapt: "fisherlab adapt", sweep: "fisherlab sweep/run" };

/**
 * A file output of `command`'s `--option`: refused (UsageError) unless it ends in one of
 * `extensions` and belongs to no run, adaptation or sweep directory. Returns `path`.
 */
export function outputFile(command: string, option: string, path: string, extensions: readonly string[]): string {
  // "x.npy/" names a directory (extname ignores the slash): say so, not a misleading system error later
  if (/[/\\]$/.test(path)) throw new UsageError(`fisherlab ${command}: --${option} ${path} ends in a slash, so it names a directory; give a file name ending in ${extensions[0]}`);
  const ext = extname(path).toLowerCase();
  if (!extensions.includes(ext)) {
    throw new UsageError(`fisherlab ${command}: --${option} must end in ${extensions.join(" or ")} (it is written as ${extensions[0].slice(1).toUpperCase()}), got ${JSON.stringify(path)}`);
  }
  const owner = owningDirectory(path);
  if (owner) {
    const [dir, kind, what] = owner;
    throw new UsageError(`fisherlab ${command}: --${option} ${path} would overwrite ${what === basename(path) ? what : `${what} (${basename(path)})`} of the ${kind} directory ${dir}, which only ${WRITER[kind]} writes; choose a path outside it or a new file name`);
  }
  if (isDirectory(path)) throw new UsageError(`fisherlab ${command}: --${option} ${path} is a directory; give a file name ending in ${extensions[0]}`);
  return path;
}

/**
 * A directory output of a writer of `kind` (train: "run", adapt: "adapt", sweep: "sweep"):
 * refused when it is another kind's directory or a file or folder such a directory owns.
 */
export function outputDir(command: string, option: string, path: string, kind: DirKind): string {
  const existing = dirKind(path);
  if (existing && existing !== kind) {
    throw new UsageError(`fisherlab ${command}: --${option} ${path} is a ${existing} directory (written by ${WRITER[existing]}), not a ${kind} directory; choose another --${option}`);
  }
  const owner = owningDirectory(path);
  // a sweep's own runs/ and an adaptation's iter_k/ are run directories, but not this command's
  if (owner && !(owner[1] === kind && existing === kind)) {
    const [dir, ownerKind, what] = owner;
    throw new UsageError(`fisherlab ${command}: --${option} ${path} is inside the ${ownerKind} directory ${dir} (${what}), which only ${WRITER[ownerKind]} writes; choose a path outside it`);
  }
  if (existsSync(path) && !isDirectory(path)) throw new UsageError(`fisherlab ${command}: --${option} ${path} is a file, not a directory; choose a directory path`);
  return path;
}
