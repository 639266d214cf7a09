import { join } from "node:path";
import { fisherCsv, measureConfiguredNetwork, measurementLayer, type ActivityModel, type ConfiguredMeasurement } from "../../fisher/index.js";
import { writeCsv } from "../../io/index.js";
import type { Config } from "../configSchema.js";
import { fisherFileName } from "../readRunDir.js";

/**
 * Take a job's Fisher measurements of its trained network and write each as
 * fisher_<method>_<layer>.csv in the run directory (the results store reads them back).
 */
export function writeMeasurements(network: ActivityModel, config: Config, measurements: readonly ConfiguredMeasurement[], runDir: string): string[] {
  const written: string[] = [];
  for (const m of measurements) {
    const layer = measurementLayer(m, network.layers.length);
    const estimates = measureConfiguredNetwork(network, config, m);
    const { columns, rows } = fisherCsv(estimates);
    const path = join(runDir, fisherFileName(m.method, m.layer === undefined || m.layer === "output" ? "output" : layer));
    writeCsv(path, columns, rows);
    written.push(path);
  }
  return written;
}
