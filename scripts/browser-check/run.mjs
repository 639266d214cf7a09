// Manual check that the same wasm kernels load and compute correctly in a real browser.
// Needs Debian's chromium (apt-get install -y chromium); not part of `npm test`.
// Usage: npm run build && node scripts/browser-check/run.mjs
import { createServer } from "node:http";
import { readFile, mkdtemp } from "node:fs/promises";
import { execFile } from "node:child_process";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const page = join(dirname(fileURLToPath(import.meta.url)), "page.html");
const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const server = createServer(async (req, res) => {
  const path = req.url === "/" ? page : join(root, decodeURIComponent(req.url.split("?")[0]));
  if (!path.startsWith(root)) { res.writeHead(403); res.end(); return; }
  try { const body = await readFile(path); res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }); res.end(body); }
  catch { res.writeHead(404); res.end(); }
}).listen(0, "127.0.0.1", async () => {
  const url = `http://127.0.0.1:${server.address().port}/`;
  const profile = await mkdtemp(join(tmpdir(), "fisherlab-chromium-"));
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--virtual-time-budget=10000", "--dump-dom", url];
  execFile(process.env.CHROMIUM ?? "chromium", flags, { timeout: 60_000 }, (err, stdout) => {
    server.close();
    const result = /<pre id="out">([^<]*)/.exec(stdout ?? "")?.[1] ?? `no result (${err?.message ?? "empty page"})`;
    console.log(`browser: ${result}`);
    process.exitCode = result.startsWith("loaded") ? 0 : 1;
  });
});
