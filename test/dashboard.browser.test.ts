import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, writeSyntheticRun, writeSyntheticSweep, type DashboardServer } from "../src/serve/index.js";
import { createRng } from "../src/engine/index.js";
import { ARTIFACTS, HAVE_CHROMIUM, openBrowser, type BrowserSession } from "./browser.js";

const RUNS = 36; // 30 conditions (3 losses × 5 κ × 2 lr) + 6 second replicates
const root = mkdtempSync(join(tmpdir(), "fisherlab-dashboard-"));
const dir = join(root, "sweep");
let server: DashboardServer;
let browser: BrowserSession;

const rowIds = () => browser.page.$$eval("#runs tbody tr[data-id]", (trs) => trs.map((tr) => tr.getAttribute("data-id") ?? ""));
const shot = (name: string) => browser.page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
/** The page's current flat rows as shown (the test reads the same records the table renders). */
// Page-side globals: the functions passed to evaluate/waitForFunction run in the browser (the
// page's CSP forbids evaluating strings); the tests themselves compile without DOM types.
declare const document: { querySelectorAll(selector: string): { length: number } };
declare const location: { href: string };
declare const window: {
  __fisherlab: { page: { shown: Record<string, unknown>[]; plot: { series: { name: string }[] } } };
  __playground: { fisher: { epoch: number; fisher: number[]; density: number[]; settings: { kappa: number; loc: number } }[] };
};
const shownRows = () => browser.page.evaluate(() => window.__fisherlab.page.shown);
/** Wait until the table lists exactly n runs. */
const waitForRows = (n: number) => browser.page.waitForFunction((k) => document.querySelectorAll("#runs tbody tr[data-id]").length === k, n);
const waitForQuery = (key: string, value?: string) => browser.page.waitForFunction(([k, v]) => {
  const q = new URL(location.href).searchParams;
  return v === null ? q.has(k) : q.get(k) === v;
}, [key, value ?? null] as const);
const query = () => new URL(browser.page.url()).searchParams;
/** Back to the page with the default view (no query), for a test that changed it. */
const freshPage = async () => {
  await browser.page.goto(new URL("/", browser.page.url()).href);
  await browser.page.waitForSelector("body[data-ready='1']");
};

describe.skipIf(!HAVE_CHROMIUM)("fisherlab serve in a real browser (chromium)", () => {
  beforeAll(async () => {
    writeSyntheticSweep(dir, { runs: RUNS, seed: 7, epochs: 12, angles: 36 });
    server = await startDashboard({ dir, port: 0, pollMs: 200 });
    browser = await openBrowser();
    await browser.page.goto(server.tokenUrl);
    await browser.page.waitForSelector("body[data-ready='1']");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("shows every run of a finished sweep, with the differing config columns and metric summaries", async () => {
    const ids = await rowIds();
    const expected = (JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8")) as { jobs: { run_id: string }[] }).jobs.map((j) => j.run_id);
    expect(ids.sort()).toEqual(expected.sort());
    const headers = await browser.page.$$eval("#runs thead th", (ths) => ths.map((t) => t.getAttribute("data-col")));
    expect(headers).toEqual(expect.arrayContaining(["loss.name", "data.distribution.kappa", "train.lr", "val_loss.min", "best_epoch"]));
    expect(headers).not.toContain("model.activation"); // equal in every run: hidden by default
    expect(await browser.page.textContent("#counts")).toBe(`${RUNS} finished`);
    expect(new URL(browser.page.url()).searchParams.has("token")).toBe(false); // the token left the address bar
    await shot("01-table");
  });

  it("sorts by a column (the sort lands in the URL) and exports the table as CSV", async () => {
    const col = "val_loss.min";
    await browser.page.click(`#runs thead th[data-col="${col}"]`);
    await waitForQuery("s");
    const values = (await shownRows()).map((r) => Number(r[col]));
    expect(values).toHaveLength(RUNS);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    const download = browser.page.waitForEvent("download");
    await browser.page.click("#export-csv");
    const csv = readFileSync(await (await download).path(), "utf8").trim().split("\n");
    expect(csv).toHaveLength(RUNS + 1); // header + one line per run
    expect(csv[0].split(",")).toEqual(expect.arrayContaining(["loss.name", col]));
    await freshPage();
  });

  it("filters with the filter box, and the filter lands in the URL", async () => {
    await browser.page.fill("#filter", "loss.name = sq_diff and kappa > 2");
    await waitForQuery("f", "loss.name = sq_diff and kappa > 2");
    const rows = await shownRows();
    // sq_diff × κ ∈ {4, 8} × 2 lr = 4 conditions; the 6 second replicates are conditions 0-5 (κ ≤ 1)
    expect(rows).toHaveLength(4);
    for (const r of rows) { expect(r["loss.name"]).toBe("sq_diff"); expect(Number(r["data.distribution.kappa"])).toBeGreaterThan(2); }
    expect(await rowIds()).toHaveLength(4);
    await browser.page.fill("#filter", "kappa >");
    await browser.page.waitForSelector("#filter.bad");
    expect(await browser.page.textContent("#filter-error")).toMatch(/^filter: expected a value/);
    await shot("02-filter-error");
    await browser.page.fill("#filter", "");
    await waitForRows(RUNS);
  });

  it("groups by a column with mean ± sd and n, and a link reproduces the view", async () => {
    await browser.page.fill("#group", "loss.name");
    await browser.page.press("#group", "Enter");
    await browser.page.waitForSelector("#runs tbody tr[data-group]");
    const groups = await browser.page.$$eval("#runs tbody tr[data-group]", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(groups.map((g) => g[1]).sort()).toEqual(["angle_diff", "sq_diff", "sqrt_diff"]);
    expect(groups.reduce((a, g) => a + Number(g[2]), 0)).toBe(RUNS); // n column
    expect(groups[0][3]).toMatch(/^[0-9.e-]+ ± [0-9.e-]+$/); // val_loss.min: mean ± sd
    const url = browser.page.url();
    expect(new URL(url).searchParams.get("g")).toBe("loss.name");
    await shot("03-group");
    // the same URL in a fresh load gives the same grouped table
    await browser.page.goto(url);
    await browser.page.waitForSelector("body[data-ready='1']");
    expect(await browser.page.$$eval("#runs tbody tr[data-group]", (trs) => trs.length)).toBe(3);
    await browser.page.click("#reset");
    await waitForRows(RUNS);
  });

  it("brushing an axis of the parallel coordinates filters the table", async () => {
    await browser.page.click("#tabs button[data-tab=parallel]");
    const chart = await browser.page.waitForSelector("#parallel-chart canvas");
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // the first axis is data.distribution.kappa (0 at the bottom, 8 at the top); layout from parallel.js: left 70, top 60, bottom 40
    const x = box.x + 70, top = box.y + 60, bottom = box.y + box.height - 40;
    await browser.page.mouse.move(x, top - 4);
    await browser.page.mouse.down();
    await browser.page.mouse.move(x, top + (bottom - top) * 0.6, { steps: 8 });
    await browser.page.mouse.up();
    await waitForQuery("brush");
    const brush = JSON.parse(query().get("brush")!) as Record<string, [number, number][]>;
    const [[a, b]] = brush["data.distribution.kappa"];
    const lo = Math.min(a, b), hi = Math.max(a, b);
    expect(hi).toBe(8); // the drag starts just above the top of the axis (κ = 8)
    expect(lo).toBeGreaterThan(2); // 60% down from the top of a 0-8 axis ≈ 3.2: κ = 4 and 8 stay
    const rows = await shownRows();
    const all = JSON.parse(await (await fetch(`${server.url}api/runs`, { headers: { cookie: `fisherlab_token=${server.token}` } })).text()).rows as { config: Record<string, number> }[];
    const expected = all.filter((r) => r.config["data.distribution.kappa"] >= lo && r.config["data.distribution.kappa"] <= hi).length;
    expect(rows).toHaveLength(expected);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(RUNS);
    for (const r of rows) expect(Number(r["data.distribution.kappa"])).toBeGreaterThanOrEqual(lo);
    await shot("04-parallel-brush");
    await browser.page.click("#clear-brush");
    await waitForRows(RUNS);
  });

  it("learning curves take linear or log y and smoothing (kept in the URL), and the plot exports as PNG", async () => {
    await browser.page.click("#tabs button[data-tab=curves]");
    await browser.page.waitForSelector("#plot .uplot");
    await browser.page.uncheck("#logy"); // log y is the default
    await waitForQuery("logy", "0");
    await browser.page.waitForFunction(() => (window.__fisherlab.page.plot as unknown as { logY?: boolean }).logY === false);
    await browser.page.selectOption("#smoothing", "0.8");
    await waitForQuery("smooth", "0.8");
    const download = browser.page.waitForEvent("download");
    await browser.page.click("#export-png");
    const png = readFileSync(await (await download).path());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
    await freshPage();
  });

  it("compares ticked runs: config diff and overlaid curves", async () => {
    const ids = await rowIds();
    await browser.page.check(`#runs tr[data-id="${ids[0]}"] input`);
    await browser.page.check(`#runs tr[data-id="${ids[4]}"] input`);
    await browser.page.click("#tabs button[data-tab=compare]");
    await browser.page.waitForSelector("table.compare");
    const diffKeys = await browser.page.$$eval("table.compare tr.config th", (ths) => ths.map((t) => t.textContent));
    // run 0 is angle_diff κ=0, run 4 is sq_diff κ=1 (same lr, replicate, seed)
    expect(diffKeys.sort()).toEqual(["data.distribution.kappa", "loss.name"]);
    const series = await browser.page.evaluate(() => window.__fisherlab.page.plot.series.map((s) => s.name));
    expect(series.sort()).toEqual([ids[0], ids[4]].sort());
    expect(query().get("sel")!.split(",").sort()).toEqual([ids[0], ids[4]].sort());
    await shot("05-compare");
  });

  it("draws I(θ) per group with bands over p(θ), polar too, and the power-law panel with fits", async () => {
    await browser.page.click("#clear-selection");
    await browser.page.fill("#filter", "kappa = 4");
    await browser.page.fill("#group", "loss.name");
    await browser.page.press("#group", "Enter");
    await browser.page.click("#tabs button[data-tab=fisher]");
    await browser.page.waitForSelector("#plot .uplot");
    await shot("06-fisher");
    await browser.page.check("#polar");
    await browser.page.waitForSelector("#plot .echart canvas");
    await shot("07-fisher-polar");
    await browser.page.click("#tabs button[data-tab=density]");
    await browser.page.waitForSelector("ul.notes li");
    const notes = await browser.page.$$eval("ul.notes li", (lis) => lis.map((l) => l.textContent ?? ""));
    expect(notes).toHaveLength(3);
    for (const n of notes) expect(n).toMatch(/α = -?[0-9.]+ \[/);
    await shot("08-density-powerlaw");
    const download = browser.page.waitForEvent("download");
    await browser.page.click("#export-svg");
    const svg = readFileSync(await (await download).path(), "utf8");
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("Power law");
    await browser.page.click("#reset");
  });

  it("updates live when a new run lands in the sweep directory", async () => {
    await waitForRows(RUNS);
    const before = Number(await browser.page.getAttribute("body", "data-renders"));
    const id = "live-run__r0__pretrain";
    const sweep = JSON.parse(readFileSync(join(dir, "sweep.json"), "utf8")) as { jobs: { run_id: string; config: Record<string, unknown> }[] };
    const config = structuredClone(sweep.jobs[0].config);
    sweep.jobs.push({ ...sweep.jobs[0], run_id: id, config });
    writeFileSync(join(dir, "sweep.json"), JSON.stringify(sweep));
    await browser.page.waitForSelector(`#runs tr[data-id="${id}"].status-pending`);
    writeSyntheticRun(join(dir, "runs", id), config, createRng(1), 12, 36, false);
    await browser.page.waitForSelector(`#runs tr[data-id="${id}"].status-running`);
    await shot("09-live-running");
    writeSyntheticRun(join(dir, "runs", id), config, createRng(1), 12, 36, true);
    await browser.page.waitForSelector(`#runs tr[data-id="${id}"].status-finished`);
    expect(Number(await browser.page.getAttribute("body", "data-renders"))).toBeGreaterThan(before);
    expect(await browser.page.textContent("#counts")).toBe(`${RUNS + 1} finished`);
  });

  it("the playground trains the MLP in the tab and I(θ) reshapes as it learns and as the density moves", async () => {
    await browser.page.goto(`${server.url}playground`);
    await browser.page.click("#run");
    // measurements at epochs 0, 2, 4: the untrained network, then two trained ones
    await browser.page.waitForFunction(() => window.__playground.fisher.length >= 3, undefined, { timeout: 90_000 });
    const history = await browser.page.evaluate(() => window.__playground.fisher.slice(0, 3));
    expect(history.map((h) => h.epoch)).toEqual([0, 2, 4]);
    // training changes I(θ): the curves of epochs 0 and 4 differ by more than 10% of the peak somewhere
    // (a network that did not train would give identical curves; measured differences are ×10 larger)
    const peak = Math.max(...history[2].fisher);
    const change = Math.max(...history[2].fisher.map((v, i) => Math.abs(v - history[0].fisher[i])));
    expect(change / peak).toBeGreaterThan(0.1);
    for (const h of history) for (const v of h.fisher) expect(Number.isFinite(v)).toBe(true);
    await shot("10-playground");
    // moving the density: the next measurement carries the new κ and location
    await browser.page.fill("#kappa", "8");
    await browser.page.fill("#loc", "90");
    await browser.page.waitForFunction(() => window.__playground.fisher.some((h) => h.settings.kappa === 8), undefined, { timeout: 90_000 });
    const moved = await browser.page.evaluate(() => window.__playground.fisher.find((h) => h.settings.kappa === 8)!);
    expect(moved.settings.loc).toBeCloseTo(Math.PI / 2, 10);
    const argmax = moved.density.indexOf(Math.max(...moved.density));
    expect(argmax).toBe(9); // 36 angles every 10°: p(θ) peaks at 90°
    await browser.page.click("#run"); // pause
    await shot("11-playground-moved");
  });

  it("asked nothing of any host but the server, and logged no error (CSP violations included)", () => {
    expect(browser.requests.length).toBeGreaterThan(10);
    const foreign = browser.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("blob:") && !u.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
