import { existsSync, readFileSync } from "node:fs";
import { readNpy } from "./npy.js";

/**
 * A list of numbers from a file: a 1-d .npy array, or a text/CSV file with one number per line
 * (an optional header line is skipped; on lines with several comma-separated cells the last is
 * taken, so a `theta,density` CSV's density column can be read). `what` names the value in errors.
 */
export function readNumbers(path: string, what: string): number[] {
  if (!existsSync(path)) throw new Error(`${what}: file ${path} not found`);
  if (path.endsWith(".npy")) {
    const a = readNpy(path, { keepFloat64: true });
    if (a.shape.length !== 1) throw new Error(`${what}: ${path} must be a 1-d array, got shape [${a.shape.join(", ")}]`);
    return Array.from(a.data);
  }
  const lines = readFileSync(path, "utf8").split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const values: number[] = [];
  lines.forEach((line, i) => {
    const cell = line.split(",").pop()!.trim();
    const v = Number(cell);
    if (cell === "" || !Number.isFinite(v)) {
      if (i === 0) return; // a header
      throw new Error(`${what}: ${path} line ${i + 1} is not a number: ${JSON.stringify(line)}`);
    }
    values.push(v);
  });
  return values;
}
