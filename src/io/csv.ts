import { readFileSync } from "node:fs";
import { writeFileAtomic } from "./atomic.js";

export type CsvValue = string | number | boolean | null | undefined;

function formatCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "NaN" : v > 0 ? "inf" : "-inf";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header row; columns in the given order. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => formatCell(row[c])).join(","));
  return lines.join("\n") + "\n";
}

/** Write rows as CSV atomically. */
export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, CsvValue>[]): void {
  writeFileAtomic(path, toCsv(columns, rows));
}

/** Parse simple CSV (quoted cells allowed, no embedded newlines); numeric-looking cells become numbers. */
export function readCsv(path: string): Record<string, string | number>[] {
  const text = readFileSync(path, "utf8").trim();
  if (text.length === 0) return [];
  const [head, ...lines] = text.split(/\r?\n/);
  const columns = splitCsvLine(head);
  return lines.map((line) => {
    const cells = splitCsvLine(line);
    const row: Record<string, string | number> = {};
    columns.forEach((c, i) => {
      const cell = cells[i] ?? "";
      const num = Number(cell);
      row[c] = cell !== "" && (!Number.isNaN(num) || cell === "NaN") ? num : cell === "inf" ? Infinity : cell === "-inf" ? -Infinity : cell;
    });
    return row;
  });
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { out.push(cur); cur = ""; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}
