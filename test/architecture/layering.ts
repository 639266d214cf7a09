/**
 * The layering rule of docs/architecture.md as code: src/<folder> may import only folders of
 * lower layers, only through their index.ts, with no import cycle between files. Used by
 * layering.test.ts on the real tree and on small planted trees (so the check itself is tested).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/**
 * Layers from lowest to highest; folders in one group are siblings and may not import each other.
 * Folders named here that do not exist yet are where planned code goes (docs/architecture.md).
 */
export const LAYERS: readonly (readonly string[])[] = [
  ["engine"], ["io", "rules"], ["math"], ["plot"], ["nn"], ["backbone", "stimuli"], ["fisher"], ["validate"], ["config"],
  ["rundir"], ["pool"], ["train"], ["measure"], ["adapt"], ["experiments"], ["queue"], ["report"], ["serve"],
  ["study"], ["cli"],
];

/** Imports that the order alone would allow but the design forbids. */
export const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  report: ["fisher", "experiments"], // the report reads results through src/rundir, never recomputes them
};

/**
 * Deep imports past another folder's index.ts that are allowed, with the reason: files that must
 * also load in a browser cannot import an index.ts that pulls in Node modules.
 */
export const DEEP_IMPORTS_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  "nn/safetensors.ts": ["engine/sizeOf.ts"], // encode/decode run in browsers; engine/index.ts loads node:worker_threads
  // the in-browser playground (docs/dashboard.md) runs these three files in a Web Worker
  "nn/activation.ts": ["engine/kernels.ts"],
  "stimuli/textures.ts": ["engine/rng.ts"],
  "stimuli/rotate.ts": ["engine/rotateReference.ts"],
  "fisher/derivative.ts": ["engine/rng.ts"],
  // math/index.ts is in the playground's closure too (through fisher/derivative.ts)
  "math/bootstrapInterval.ts": ["engine/rng.ts"],
  "math/permutationInterval.ts": ["engine/rng.ts"],
};

/** A source file: its path relative to src/ (posix separators) and its relative import specifiers. */
export interface SourceFile {
  path: string;
  imports: string[];
}

/** Every non-test .ts file under `srcDir` with its relative imports (static, re-exports, dynamic, type-only). */
export function readSources(srcDir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "asm") walk(path); // AssemblyScript sources: compiled by asc, not part of the TS graph
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts")) {
        const info = ts.preProcessFile(readFileSync(path, "utf8"), true, true);
        out.push({
          path: relative(srcDir, path).split(sep).join("/"),
          imports: info.importedFiles.map((f) => f.fileName).filter((s) => s.startsWith(".")),
        });
      }
    }
  };
  walk(srcDir);
  return out;
}

const layerOf = new Map<string, number>(LAYERS.flatMap((group, i) => group.map((f): [string, number] => [f, i])));

/** The violations of the layering rule in `files` (empty when the tree obeys it), one line each. */
export function layeringViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  const known = new Set(files.map((f) => f.path));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const parts = file.path.split("/");
    const from = parts.length > 1 ? parts[0] : null; // null: src/index.ts, the package entry (may import every index)
    if (from !== null && !layerOf.has(from)) {
      problems.push(`${file.path}: folder src/${from} is not in the layer list; add it to LAYERS (test/architecture/layering.ts) and docs/architecture.md`);
      continue;
    }
    const targets: string[] = [];
    for (const spec of file.imports) {
      const abs = resolve("/src", dirname(file.path), spec).slice(1); // "src/…" or outside src
      if (!abs.startsWith("src/")) continue; // e.g. the generated typings in build/
      const target = abs.slice(4).replace(/\.js$/, ".ts");
      if (known.has(target)) targets.push(target);
      const tparts = target.split("/");
      const to = tparts.length > 1 ? tparts[0] : null;
      if (from === null || to === from) continue;
      if (to === null) { problems.push(`${file.path} imports ${spec}: only src/index.ts's importers may use the package entry`); continue; }
      if ((tparts.length !== 2 || tparts[1] !== "index.ts") && !DEEP_IMPORTS_ALLOWED[file.path]?.includes(target)) {
        problems.push(`${file.path} imports ${spec}: import another folder only through its index.ts (../${to}/index.js)`);
      }
      const a = layerOf.get(from)!, b = layerOf.get(to);
      if (b === undefined) problems.push(`${file.path} imports ${spec}: src/${to} is not in the layer list`);
      else if (b === a) problems.push(`${file.path} imports ${spec}: src/${from} and src/${to} are sibling layers and may not import each other`);
      else if (b > a) problems.push(`${file.path} imports ${spec}: src/${from} is below src/${to}; move the shared code down or invert the dependency`);
      else if (FORBIDDEN[from]?.includes(to)) problems.push(`${file.path} imports ${spec}: src/${from} must never import src/${to}`);
    }
    edges.set(file.path, targets);
  }
  for (const cycle of fileCycles(edges)) problems.push(`import cycle among ${cycle.length} files: ${cycle.join(", ")}`);
  return problems;
}

/** Strongly connected components with more than one file (or a self-import), by Tarjan's algorithm. */
function fileCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(component.reverse());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}
