/**
 * Vitest global setup: every test run gets a private temporary directory (TMPDIR, inherited by
 * the test workers and the CLI processes the tests start), and the run fails if anything is left
 * in it at the end — tests must clean up what they make. The directory is removed either way.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), "fisherlab-test-run-"));
  process.env.TMPDIR = root;
  return () => {
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (left.length > 0) {
      throw new Error(`tests left ${left.length} entr${left.length === 1 ? "y" : "ies"} in the temporary directory: ${left.slice(0, 10).join(", ")}${left.length > 10 ? ", …" : ""}; remove them in the test (use tempDir() from test/tempDir.ts)`);
    }
  };
}
