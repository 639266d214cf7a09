/* global document */ // the functions passed to page.evaluate run in the browser
// Measures the dashboard's first paint of the runs table at 1,000 runs in headless chromium.
// Usage: npm run build && node scripts/dashboard-first-paint.mjs [RUNS=1000] [REPEATS=5]
// Writes a synthetic sweep (seeded) to a temporary folder, serves it, loads the page REPEATS
// times in fresh pages, and prints each time from navigation start to the first animation frame
// after the table's first rows are in the DOM (performance.now() there; see src/serve/assets/app.js),
// and when all rows are in.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startDashboard, writeSyntheticSweep } from "../dist/src/serve/index.js";

const runs = Number(process.argv[2] ?? 1000), repeats = Number(process.argv[3] ?? 5);
const root = mkdtempSync(join(tmpdir(), "fisherlab-first-paint-"));
const dir = join(root, "sweep");
writeSyntheticSweep(dir, { runs, seed: 1 });
const server = await startDashboard({ dir, port: 0 });
const profile = join(root, "profile");
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, viewport: { width: 1400, height: 1000 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const first = context.pages()[0] ?? (await context.newPage());
await first.goto(server.tokenUrl); // sets the token cookie
await first.waitForSelector("body[data-ready='1']");
const times = [];
for (let i = 0; i < repeats; i++) {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready='1']");
  const [paint, script, fetched, rendered, rows, complete] = await page.evaluate(() => [Number(document.body.dataset.tablePaintMs), Number(document.body.dataset.scriptToPaintMs),
    Number(document.body.dataset.fetchedMs), Number(document.body.dataset.renderedMs), document.querySelectorAll("#runs tbody tr").length,
    Number(document.body.dataset.tableCompleteMs)]);
  times.push(paint);
  console.log(`load ${i + 1}: table painted ${paint} ms after navigation start (${script} ms after the page script started: data fetched at ${fetched} ms, first rows built at ${rendered} ms); all ${rows} rows in the DOM ${complete} ms after navigation start`);
  await page.close();
}
times.sort((a, b) => a - b);
console.log(`${runs} runs: median ${times[Math.floor(times.length / 2)]} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms over ${repeats} loads`);
await context.close();
await server.close();
rmSync(root, { recursive: true, force: true });
