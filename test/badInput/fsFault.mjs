// Fault injection for the bad-input regression tests: `node --import fsFault.mjs ...` with
// FISHERLAB_FS_FAULT="CODE:FRAGMENT" makes every write to a path containing FRAGMENT fail with
// the errno CODE (ENOSPC, EACCES, EROFS, …), the way a full disk or a read-only mount fails it.
// The patched functions replace node:fs's exports for ESM importers too (syncBuiltinESMExports).
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

const spec = process.env.FISHERLAB_FS_FAULT ?? "";
const colon = spec.indexOf(":");
if (colon > 0) {
  const code = spec.slice(0, colon), fragment = spec.slice(colon + 1);
  const errnos = { ENOSPC: -28, EACCES: -13, EROFS: -30, EPERM: -1, EIO: -5 };
  const fail = (syscall, path) => {
    const err = new Error(`${code}: injected fault, ${syscall} '${path}'`);
    Object.assign(err, { code, errno: errnos[code] ?? -1, syscall, path: String(path) });
    throw err;
  };
  const writing = (flags) => flags !== undefined && flags !== "r" && flags !== fs.constants.O_RDONLY;
  const hit = (path) => typeof path === "string" && path.includes(fragment);
  const { openSync, writeFileSync, mkdirSync, renameSync } = fs;
  fs.openSync = function (path, flags, ...rest) { if (hit(path) && writing(flags ?? "r")) fail("open", path); return openSync.call(this, path, flags, ...rest); };
  fs.writeFileSync = function (path, ...rest) { if (hit(path)) fail("open", path); return writeFileSync.call(this, path, ...rest); };
  fs.mkdirSync = function (path, ...rest) { if (hit(path) && !fs.existsSync(path)) fail("mkdir", path); return mkdirSync.call(this, path, ...rest); };
  fs.renameSync = function (from, to) { if (hit(to)) fail("rename", to); return renameSync.call(this, from, to); };
  syncBuiltinESMExports();
}
