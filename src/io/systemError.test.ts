import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SystemError, systemError, writeFileAtomic } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "fisherlab-syserr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errno = (code: string, syscall: string, path: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: raw, ${syscall} '${path}'`), { code, syscall, path });

describe("systemError()", () => {
  it("turns ENOSPC, EACCES, EROFS into one line naming the path asked for and what to do", () => {
    const e = systemError(errno("ENOSPC", "write", "/d/.x.npy.1.0.tmp"), "/d/x.npy") as SystemError;
    expect(e).toBeInstanceOf(SystemError);
    expect(e.message).toBe("cannot write /d/x.npy: no space left on the device (ENOSPC); free disk space (df -h) or choose an output on another disk, then rerun");
    expect((systemError(errno("EACCES", "open", "/ro/x")) as Error).message).toMatch(/^cannot write \/ro\/x: permission denied \(EACCES\); choose a directory you may write to/);
    expect((systemError(errno("EROFS", "open", "/mnt/x")) as Error).message).toMatch(/the file system is read-only \(EROFS\)/);
  });

  it("reports mkdir through a regular file as ENOTDIR, not EEXIST (regression: 'the path already exists')", () => {
    expect((systemError(errno("EEXIST", "mkdir", "/f"), "/f/x.npy") as Error).message).toMatch(/^cannot write \/f\/x\.npy: a part of the path is a regular file, not a directory \(ENOTDIR\)/);
  });

  it("finds the real reason behind a recursive mkdir's ENOENT (Node's report for a read-only or forbidden parent)", () => {
    // recursive mkdir says ENOENT when a missing parent cannot be made; making the first missing
    // directory alone gives the real errno — here ENOTDIR, under a regular file (EROFS on a read-only mount)
    writeFileSync(join(dir, "plain"), "x");
    const raw = errno("ENOENT", "mkdir", join(dir, "plain", "a", "b"));
    expect((systemError(raw, join(dir, "plain", "a", "b")) as Error).message).toMatch(/a part of the path is a regular file, not a directory \(ENOTDIR\)/);
    // nothing wrong to find (the parent can be made): the error is left as it was, and nothing is left behind
    const fine = errno("ENOENT", "mkdir", join(dir, "fresh", "b"));
    expect(systemError(fine)).toBe(fine);
    expect(existsSync(join(dir, "fresh"))).toBe(false);
  });

  it("leaves other errors alone", () => {
    const plain = new Error("not a system error");
    expect(systemError(plain)).toBe(plain);
    const unknown = errno("EWHATEVER", "open", "/x");
    expect(systemError(unknown)).toBe(unknown);
  });

  it("writeFileAtomic() under a regular file names the target, not its temporary file", () => {
    const file = join(dir, "plain");
    writeFileSync(file, "x");
    expect(() => writeFileAtomic(join(file, "out.csv"), "a")).toThrow(`cannot write ${join(file, "out.csv")}: a part of the path is a regular file, not a directory (ENOTDIR)`);
  });
});
