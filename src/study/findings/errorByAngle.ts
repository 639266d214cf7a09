import { decodeAngles } from "../../nn/index.js";
import { loadSource, renderAngles, runIdentities } from "../../stimuli/index.js";
import { angleDistance, encodingPeriod, loadRun } from "../../train/index.js";

/**
 * Mean absolute decoding error (radians) of a finished run at each angle: every test identity of the
 * run's split rotated by θ, decoded by the network, compared with θ on the encoding's period. The
 * per-angle view of the test error the run's summary gives as one number.
 */
export function errorByAngle(runDir: string, angles: readonly number[]): number[] {
  const run = loadRun(runDir);
  try {
    const source = loadSource(run.config.data.source);
    const ids = runIdentities(source, run.config.data.split, "test");
    const period = encodingPeriod(run.config.model.encoding);
    const last = run.network.depth - 1;
    return angles.map((theta) => {
      const batch = renderAngles(source, new Float64Array(ids.length).fill(theta), ids, { seed: run.config.seed });
      const out = run.network.activity(batch.images, batch.count, last);
      const decoded = decodeAngles(run.config.model.encoding, out, batch.count);
      let sum = 0;
      for (let k = 0; k < batch.count; k++) sum += angleDistance(decoded[k], theta, period);
      return sum / batch.count;
    });
  } finally {
    run.network.dispose();
  }
}
