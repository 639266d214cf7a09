import { statSync } from "node:fs";

/** Is `path` an existing directory (following symlinks)? False for files and missing paths. */
export const isDirectory = (path: string): boolean => {
  try { return statSync(path).isDirectory(); } catch { return false; }
};
