/**
 * Shared set-up of the browser tests: Debian's chromium driven by playwright-core (which downloads
 * no browser of its own). Without chromium the tests are skipped with a notice, except under
 * CI=true, where .ci/run installs it and its absence is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const ARTIFACTS = join(process.cwd(), "test-artifacts", "dashboard");

if (!HAVE_CHROMIUM) {
  if (process.env.CI === "true") throw new Error(`browser tests: ${CHROMIUM} is missing under CI=true; .ci/run installs it (apt-get install -y chromium)`);
  console.warn(`\n*** browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM=/path) ***\n`);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every URL the browser asked for, in order. */
  requests: string[];
  /** Console errors and uncaught page errors (CSP violations show up here). */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh headless chromium with a temporary profile; records every request and every error. */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "fisherlab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const requests: string[] = [], errors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  context.on("weberror", (e) => errors.push(`pageerror: ${e.error().message}`));
  const page = context.pages()[0] ?? (await context.newPage());
  context.on("page", (p) => p.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); }));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context, page, requests, errors,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}
