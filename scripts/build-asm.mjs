// Compile the AssemblyScript kernels (src/engine/asm) to WebAssembly SIMD in build/.
// Runs at `npm install` (via `prepare`); the .wasm files are generated, never committed.
//
// Four variants of the same source, chosen at load time (src/engine/nodeKernels.ts in Node,
// loadWasmKernels in src/engine/wasmKernels.ts in browsers):
//   kernels[-relaxed][-unshared].wasm
//   relaxed  — fused multiply-add (`f32x4.relaxed_madd`) and larger register tiles: ~48 vs ~42
//              GFLOP/s per core for the GEMMs where the engine has relaxed SIMD (Node 22+,
//              Chrome 114+; Node 20 behind a V8 flag the loader sets);
//   unshared — a non-shared memory, for browser pages that are not cross-origin isolated
//              (no SharedArrayBuffer, hence no second thread).
// The raw bindings' typings (build/kernels.d.ts) give the TypeScript side the exports' types.
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/engine/asm/kernels.ts");
mkdirSync(join(root, "build"), { recursive: true });
const asc = join(root, "node_modules/assemblyscript/bin/asc.js");
const common = ["-O3", "--runtime", "stub", "--noAssert", "--importMemory", "--initialMemory", "1", "--enable", "simd"];
for (const relaxed of [false, true]) {
  for (const shared of [true, false]) {
    const name = `kernels${relaxed ? "-relaxed" : ""}${shared ? "" : "-unshared"}`;
    const flags = [...common];
    if (relaxed) flags.push("--enable", "relaxed-simd");
    // 65536 pages = 4 GiB, the wasm32 limit; a shared memory reserves it up front (virtual only)
    if (shared) flags.push("--enable", "threads", "--sharedMemory", "--maximumMemory", "65536");
    if (!relaxed && shared) flags.push("--bindings", "raw"); // typings, identical for all variants
    execFileSync(process.execPath, [asc, entry, "--outFile", join(root, `build/${name}.wasm`), ...flags], { stdio: "inherit" });
  }
}
console.log("build-asm: build/kernels{,-relaxed}{,-unshared}.wasm");
