import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * The file under `root` that a URL path names, or null when it names anything else. Refused:
 * malformed percent-encoding, a NUL byte, a backslash, any `.` or `..` segment before or after
 * decoding (so `%2e%2e`, `%252e%252e` decoded twice, `..%2f` are all caught), an absolute path
 * after decoding, and a path whose real location (symlinks resolved) leaves `root`. A path that
 * does not exist yields null too: the caller answers 404 either way and never says which.
 * See docs/dashboard.md, "Safety model".
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  // a second decoding must not change anything: double-encoded input is refused, not guessed at
  let twice: string;
  try { twice = decodeURIComponent(decoded); } catch { return null; }
  if (twice !== decoded) return null;
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").filter((s) => s.length > 0);
  if (segments.some((s) => s === "." || s === "..")) return null;
  const joined = segments.join("/");
  if (isAbsolute(joined)) return null;
  let realRoot: string, real: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(resolve(realRoot, joined));
  } catch { return null; }
  const rel = relative(realRoot, real);
  if (rel === "") return real;
  if (rel.startsWith("..") || isAbsolute(rel) || rel.split(sep)[0] === "..") return null;
  return real;
}
