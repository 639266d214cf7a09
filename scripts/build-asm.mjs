// Compile the AssemblyScript kernels (src/engine/asm) to WebAssembly SIMD in build/.
// Runs at `npm install` (via `prepare`); the .wasm files are generated, never committed.
import { existsSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/engine/asm/kernels.ts");
if (!existsSync(entry)) {
  console.log("build-asm: no AssemblyScript kernels yet (src/engine/asm/kernels.ts); skipping");
  process.exit(0);
}
mkdirSync(join(root, "build"), { recursive: true });
const asc = join(root, "node_modules/assemblyscript/bin/asc.js");
execFileSync(process.execPath, [asc, entry, "--outFile", join(root, "build/kernels.wasm"), "-O3", "--runtime", "stub",
  "--enable", "simd", "--noAssert", "--importMemory", "--sharedMemory", "--initialMemory", "1", "--maximumMemory", "65536"], { stdio: "inherit" });
