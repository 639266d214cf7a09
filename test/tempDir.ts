/**
 * Temporary directories for tests: `tempDir("name")` makes `<tmp>/fisherlab-name-XXXXXX` and the
 * setup file (test/setup/cleanTempDirs.ts) removes every one of them after the test file ends,
 * so a full `npm test` leaves nothing behind (test/setup/tmpdirCheck.ts checks that).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `fisherlab-${name}-`));
  made.push(dir);
  return dir;
}

/** Remove every directory tempDir() made in this test file (called by the setup file's afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
