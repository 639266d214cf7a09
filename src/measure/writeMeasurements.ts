import { join } from "node:path";
import { fisherCsv } from "../fisher/index.js";
import { writeCsv } from "../io/index.js";
import { loadSource } from "../stimuli/index.js";
import type { Config } from "../config/index.js";
import { fisherFileName } from "../rundir/index.js";
import { measureConfiguredNetwork, measurementLayer, type ConfiguredMeasurement } from "./measureRun.js";
import type { ActivityModel } from "./recordActivity.js";
import { measuredModel } from "./backboneModel.js";

/** fisher_<method>_<layer>.csv of a measurement on a network `depth` layers deep ("output" for the last layer); fisher_<method>-<label>_<layer>.csv when it has a label. */
export function measurementFileName(m: ConfiguredMeasurement, depth: number): string {
  const method = m.label === undefined ? m.method : `${m.method}-${m.label}`; // a labelled measurement reads as its own method
  if (typeof m.layer === "string" && m.layer !== "output") return fisherFileName(method, m.layer); // a backbone layer name
  const layer = measurementLayer(m, depth);
  return fisherFileName(method, m.layer === undefined || m.layer === "output" ? "output" : layer);
}

/**
 * Take a job's Fisher measurements of its trained network and write each as
 * fisher_<method>_<layer>.csv in the run directory (the results store reads them back). The
 * image bank is loaded once and shared by every measurement.
 */
export function writeMeasurements(trained: ActivityModel, config: Config, measurements: readonly ConfiguredMeasurement[], runDir: string): string[] {
  if (measurements.length === 0) return [];
  const written: string[] = [];
  const source = loadSource(config.data.source);
  const network = measuredModel(trained, config, source);
  for (const m of measurements) {
    const path = join(runDir, measurementFileName(m, network.layers.length));
    const { columns, rows } = fisherCsv(measureConfiguredNetwork(network, config, m, source));
    writeCsv(path, columns, rows);
    written.push(path);
  }
  return written;
}
