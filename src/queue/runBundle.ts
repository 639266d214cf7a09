import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { sha256 } from "./auth.js";

/**
 * A run directory as one byte string, for sending it between machines: a magic line, a JSON
 * manifest line (each file's relative path, size and SHA-256), then the files' bytes in manifest
 * order. unpackRun() checks every size and hash before it writes anything.
 */
const MAGIC = "fisherlab-run-bundle 1\n";

export interface BundleEntry {
  path: string;
  size: number;
  sha256: string;
}

/** Every regular file under `dir` (nested folders too), as a bundle. Symlinks and other special files are refused. */
export function packRun(dir: string): Buffer {
  const entries: BundleEntry[] = [];
  const chunks: Buffer[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, relPath));
      if (st.isDirectory()) walk(relPath);
      else if (st.isFile()) {
        const bytes = readFileSync(join(dir, relPath));
        entries.push({ path: relPath, size: bytes.length, sha256: sha256(bytes) });
        chunks.push(bytes);
      } else throw new Error(`packRun(): ${join(dir, relPath)} is not a regular file or folder; a run directory holds only files`);
    }
  };
  walk("");
  return Buffer.concat([Buffer.from(MAGIC + JSON.stringify({ files: entries }) + "\n"), ...chunks]);
}

/** The manifest of a bundle, checked: safe relative paths, sizes adding up to the payload, hashes matching. */
export function readBundle(bundle: Uint8Array): { entries: BundleEntry[]; bytes: (e: BundleEntry) => Buffer } {
  const buf = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
  const fail = (why: string): never => { throw new Error(`readBundle(): not a valid run bundle: ${why}; resend it (the transfer was damaged or it is not from fisherlab)`); };
  if (buf.subarray(0, MAGIC.length).toString("utf8") !== MAGIC) fail("it does not start with the fisherlab bundle header");
  const headerEnd = buf.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) fail("the manifest line is missing");
  let entries: BundleEntry[] = [];
  try {
    entries = (JSON.parse(buf.subarray(MAGIC.length, headerEnd).toString("utf8")) as { files: BundleEntry[] }).files;
  } catch {
    fail("the manifest is not JSON");
  }
  if (!Array.isArray(entries)) fail("the manifest lists no files");
  const offsets = new Map<BundleEntry, number>();
  let offset = headerEnd + 1;
  const seen = new Set<string>();
  for (const e of entries) {
    const parts = typeof e.path === "string" ? e.path.split("/") : [];
    if (parts.length === 0 || parts.some((p) => p === "" || p === "." || p === ".." || p.includes("\\") || p.includes("\0"))) fail(`unsafe path ${JSON.stringify(e.path)}`);
    if (seen.has(e.path)) fail(`${e.path} appears twice`);
    seen.add(e.path);
    if (!Number.isInteger(e.size) || e.size < 0) fail(`${e.path} has size ${e.size}`);
    offsets.set(e, offset);
    offset += e.size;
  }
  if (offset !== buf.length) fail(`the manifest lists ${offset - headerEnd - 1} bytes but ${buf.length - headerEnd - 1} arrived`);
  const bytes = (e: BundleEntry) => buf.subarray(offsets.get(e)!, offsets.get(e)! + e.size);
  for (const e of entries) if (sha256(bytes(e)) !== e.sha256) fail(`${e.path} does not match its SHA-256`);
  return { entries, bytes };
}

/** Write a bundle's files into `dest`, which must not exist yet; everything is checked first. */
export function unpackRun(bundle: Uint8Array, dest: string): BundleEntry[] {
  const { entries, bytes } = readBundle(bundle);
  if (existsSync(dest)) throw new Error(`unpackRun(): ${dest} already exists; unpack into a new directory`);
  mkdirSync(dest, { recursive: true });
  for (const e of entries) {
    const path = join(dest, ...e.path.split("/"));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes(e));
  }
  return entries;
}
