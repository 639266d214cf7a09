import { join } from "node:path";
import { writeFileAtomic } from "../io/index.js";
import { loadReportData } from "./loadReportData.js";
import { renderReport } from "./renderReport.js";
import type { ReportData } from "./reportData.js";

/**
 * Write the self-contained HTML report of a run, sweep, training or adaptation directory
 * (atomically, default `DIR/report.html`); `primary` picks the Fisher measurement it shows first.
 */
export function writeReport(dir: string, out = join(dir, "report.html"), primary?: { method: string; layer: string }): { path: string; data: ReportData } {
  const data = loadReportData(dir, { primary, generatedAt: new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC" });
  writeFileAtomic(out, renderReport(data));
  return { path: out, data };
}
