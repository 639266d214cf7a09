/**
 * The bad inputs a careful user tried (and the faults a machine throws), each a regression case:
 * what is run, the exit code and the message it must give, and what must still hold afterwards.
 * badInput.test.ts runs them through the compiled CLI and generates docs/bad-input.md from what
 * the user actually saw, so the page cannot drift from the code.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { encodeNpy, readCsv, readNpy } from "../../src/io/index.js";

export interface Ctx {
  /** temporary root of every file below */
  root: string;
  /** a finished tiny training run */
  run: string;
  /** a finished tiny sweep directory */
  sweep: string;
  /** a path under root, for this case's own files */
  path(name: string): string;
  /** run the CLI again (for cases that check a rerun), returning its exit code and output */
  cli(args: string[], fault?: string): Promise<Outcome>;
}

export interface Outcome { code: number | null; stdout: string; stderr: string }

export interface BadInputCase {
  /** the regression: what broke before, or what must keep holding */
  name: string;
  /** the group in docs/bad-input.md */
  group: "Data loss" | "Wrong numbers" | "Late or misleading errors" | "System errors" | "Litter and locks" | "Still holds";
  /** what the user tried, for the table */
  tried: string;
  setup?(ctx: Ctx): void;
  argv(ctx: Ctx): string[];
  /** FISHERLAB_FS_FAULT for test/badInput/fsFault.mjs: "CODE:path fragment" */
  fault?(ctx: Ctx): string;
  code: number;
  /** must match the user-visible message (stderr; stdout for accepted inputs) */
  message: RegExp;
  /** runs alone, in order (it reruns the shared sweep directory) */
  serial?: boolean;
  /** further checks after the command, e.g. the run's files are untouched */
  after?(ctx: Ctx, outcome: Outcome): void | Promise<void>;
}

const npy = (path: string, shape: number[], values: ArrayLike<number>): string => {
  writeFileSync(path, encodeNpy(shape, Float32Array.from(values)));
  return path;
};

/** NPY bytes of int64 values (numpy's default integer dtype). */
const int64Npy = (path: string, shape: number[], values: readonly number[]): string => {
  let header = `{'descr': '<i8', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const out = new Uint8Array(10 + header.length + 8 * values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, 10 + header.length);
  values.forEach((v, i) => view.setBigInt64(8 * i, BigInt(v), true));
  writeFileSync(path, out);
  return path;
};

/** 4 images of 64×64 with grey levels 0..255 (a deterministic pattern). */
const levels = Array.from({ length: 4 * 4096 }, (_, i) => (i * 37 + (i >> 6) * 11) % 256);

/** A tiny experiment: one replicate, one epoch; `extra` is appended YAML. */
export const tinyExperiment = (extra = ""): string => `name: tiny
replicates: 1
config:
  data: { train_size: 128, val_size: 64, test_size: 64 }
  model: { hidden: [8] }
  train: { max_epochs: 1, patience: 1 }
${extra}`;

const bytes = (p: string): string => readFileSync(p).toString("base64");
const snapshot = new Map<string, string>();

export const CASES: BadInputCase[] = [
  // ---- data loss -------------------------------------------------------------------------
  {
    name: "predict --out into a run directory is refused and the trained weights stay",
    group: "Data loss", tried: "`predict --run RUN --images x.npy --out RUN/model.safetensors`",
    setup: (c) => { npy(c.path("x.npy"), [1, 4096], new Float32Array(4096).fill(0.5)); snapshot.set("model", bytes(join(c.run, "model.safetensors"))); },
    argv: (c) => ["predict", "--run", c.run, "--images", c.path("x.npy"), "--out", join(c.run, "model.safetensors")],
    code: 2, message: /--out must end in \.npy/,
    after: (c) => { if (bytes(join(c.run, "model.safetensors")) !== snapshot.get("model")) throw new Error("model.safetensors changed"); },
  },
  {
    name: "predict --out inside a sweep's run directories is refused even with the right extension",
    group: "Data loss", tried: "`predict --run RUN --images x.npy --out SWEEP/runs/a.npy`",
    setup: (c) => { npy(c.path("x.npy"), [1, 4096], new Float32Array(4096).fill(0.5)); },
    argv: (c) => ["predict", "--run", c.run, "--images", c.path("x.npy"), "--out", join(c.sweep, "runs", "a.npy")],
    code: 2, message: /would overwrite its run directories \(a\.npy\) of the sweep directory .*, which only fisherlab sweep\/run writes/,
  },
  {
    name: "fisher --out RUN/metrics.csv is refused and the metrics stay",
    group: "Data loss", tried: "`fisher --responses R.npy --stimuli S.npy --method sampling --out RUN/metrics.csv`",
    setup: (c) => {
      npy(c.path("R.npy"), [40, 2], Array.from({ length: 80 }, (_, i) => Math.sin(i * 1.7) + (i % 2)));
      npy(c.path("S.npy"), [40], Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 0.1)));
      snapshot.set("metrics", bytes(join(c.run, "metrics.csv")));
    },
    argv: (c) => ["fisher", "--responses", c.path("R.npy"), "--stimuli", c.path("S.npy"), "--method", "sampling", "--out", join(c.run, "metrics.csv")],
    code: 2, message: /--out .*metrics\.csv would overwrite metrics\.csv of the run directory .*, which only fisherlab train\/finetune writes; choose a path outside it/,
    after: (c) => { if (bytes(join(c.run, "metrics.csv")) !== snapshot.get("metrics")) throw new Error("metrics.csv changed"); },
  },
  {
    name: "fisher --out a Fisher CSV of a run is refused",
    group: "Data loss", tried: "`fisher --run RUN --method derivative --out RUN/fisher_derivative_output.csv`",
    argv: (c) => ["fisher", "--run", c.run, "--method", "derivative", "--out", join(c.run, "fisher_derivative_output.csv")],
    code: 2, message: /would overwrite a Fisher curve \(fisher_derivative_output\.csv\) of the run directory/,
  },
  {
    name: "stimuli --out results.duckdb of a sweep is refused by its extension",
    group: "Data loss", tried: "`stimuli --source textures --angles 1 --out SWEEP/results.duckdb`",
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", join(c.sweep, "results.duckdb")],
    code: 2, message: /--out must end in \.npy \(it is written as NPY\)/,
    after: (c) => { if (!existsSync(join(c.sweep, "results.duckdb"))) throw new Error("results.duckdb gone"); },
  },
  {
    name: "an output file path ending in a slash is refused as naming a directory",
    group: "Late or misleading errors", tried: "`stimuli --source textures --angles 1 --out new.npy/`: was \"a part of the path is a regular file\"",
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", `${c.path("new.npy")}/`],
    code: 2, message: /stimuli: --out .*new\.npy\/ ends in a slash, so it names a directory; give a file name ending in \.npy/,
  },
  {
    name: "train --out a sweep directory (even with --force) is refused",
    group: "Data loss", tried: "`train --out SWEEP --force`",
    argv: (c) => ["train", "--out", c.sweep, "--force"],
    code: 2, message: /--out .* is a sweep directory \(written by fisherlab sweep\/run\), not a run directory/,
    after: (c) => { if (!existsSync(join(c.sweep, "results.duckdb"))) throw new Error("the sweep was wiped"); },
  },
  {
    name: "report --out with another extension than .html is refused",
    group: "Data loss", tried: "`report SWEEP --out RUN/summary.json`",
    argv: (c) => ["report", c.sweep, "--out", join(c.run, "summary.json")],
    code: 2, message: /--out must end in \.html/,
  },
  // ---- wrong numbers ---------------------------------------------------------------------
  {
    name: "predict reads int64 images (0..255) exactly as uint8 of the same data",
    group: "Wrong numbers", tried: "`predict --images x_int64.npy` (values 0–255, numpy's default integer dtype)",
    setup: (c) => {
      int64Npy(c.path("i8.npy"), [4, 64, 64], levels);
      npy(c.path("f32.npy"), [4, 64, 64], levels.map((v) => v / 255));
    },
    argv: (c) => ["predict", "--run", c.run, "--images", c.path("i8.npy"), "--out", c.path("i8-out.npy")],
    code: 0, message: /i8-out\.npy: layer output activity \[4, 2\] for 4 images/,
    async after(c) {
      const ref = await c.cli(["predict", "--run", c.run, "--images", c.path("f32.npy"), "--out", c.path("f32-out.npy")]);
      if (ref.code !== 0) throw new Error(ref.stderr);
      const a = readNpy(c.path("i8-out.npy")).data, b = readNpy(c.path("f32-out.npy")).data;
      // tolerance 1e-6: v/255 in float32 either way; only the rounding of the division may differ
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-6) throw new Error(`output ${i}: ${a[i]} vs ${b[i]}`);
      if (Math.max(...Array.from(a, Math.abs)) > 5) throw new Error(`outputs near ±100 again: ${Array.from(a)}`);
    },
  },
  {
    name: "predict refuses integer images outside 0..255",
    group: "Wrong numbers", tried: "`predict --images x.npy` with int64 values up to 4095",
    setup: (c) => { int64Npy(c.path("i8big.npy"), [1, 64, 64], Array.from({ length: 4096 }, (_, i) => i)); },
    argv: (c) => ["predict", "--run", c.run, "--images", c.path("i8big.npy"), "--out", c.path("big.npy")],
    code: 1, message: /i8big\.npy: integer \(<i8\) images must hold grey levels 0\.\.255, found 256 at image 0 \(flat index 256\); save uint8 0\.\.255 or float32 in \[0, 1\]/,
  },
  {
    name: "stimuli reads int64 images by the same rule as predict",
    group: "Wrong numbers", tried: "`stimuli --source npy:x_int64.npy` (the file predict accepts)",
    setup: (c) => { int64Npy(c.path("bank-i8.npy"), [4, 64, 64], levels); },
    argv: (c) => ["stimuli", "--source", `npy:${c.path("bank-i8.npy")}`, "--split", "all", "--angles", "0,1", "--out", c.path("bank-out.npy")],
    code: 0, message: /bank-out\.npy: 2 images 64×64 from npy:/,
  },
  {
    name: "nonlinear decoder on constant responses gives I = 0",
    group: "Wrong numbers", tried: "`fisher --method nonlinear-decoder` on responses that never vary",
    setup: (c) => {
      npy(c.path("Rc.npy"), [80, 3], new Float32Array(240).fill(0.25));
      npy(c.path("Sc.npy"), [80], Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 0.1)));
    },
    argv: (c) => ["fisher", "--responses", c.path("Rc.npy"), "--stimuli", c.path("Sc.npy"), "--method", "nonlinear-decoder", "--out", c.path("const.csv")],
    code: 0, message: /warning: nonlinearDecoder\(\): the responses are constant .*: I = 0 exactly/,
    after: (c) => {
      const [row] = readCsv(c.path("const.csv"));
      if (row.fisher !== 0 || row.stderr !== 0) throw new Error(`I = ${row.fisher} ± ${row.stderr}, expected 0 ± 0`);
    },
  },
  // ---- late or misleading errors -----------------------------------------------------------
  {
    name: "stimuli refuses an NPY bank containing NaN at load, naming the path",
    group: "Late or misleading errors", tried: "`stimuli --source npy:bank.npy` where one pixel is NaN",
    setup: (c) => { npy(c.path("nan.npy"), [2, 64, 64], Array.from({ length: 8192 }, (_, i) => (i === 5000 ? NaN : 0.5))); },
    argv: (c) => ["stimuli", "--source", `npy:${c.path("nan.npy")}`, "--split", "all", "--angles", "1", "--out", c.path("s.npy")],
    code: 1, message: /npy:.*nan\.npy: pixel values must be finite, found NaN at image 1 \(flat index 5000\)/,
  },
  {
    name: "train refuses an NPY bank containing NaN before creating the run directory",
    group: "Late or misleading errors", tried: "`train --set data.source=npy:bank.npy` (NaN pixel): was \"training diverged, lower train.lr\"",
    setup: (c) => { npy(c.path("nan2.npy"), [400, 8, 8], Array.from({ length: 400 * 64 }, (_, i) => (i === 7 ? NaN : 0.5))); },
    argv: (c) => ["train", "--set", `data.source=npy:${c.path("nan2.npy")}`, "--out", c.path("nan-run")],
    code: 1, message: /pixel values must be finite, found NaN at image 0 \(flat index 7\)/,
    after: (c) => { if (existsSync(c.path("nan-run"))) throw new Error("the run directory was created: a corrected rerun would need --force"); },
  },
  {
    name: "train with a split larger than the bank fails before the run directory exists, so the corrected rerun needs no --force",
    group: "Late or misleading errors", tried: "`train --set data.source=textures:20 --out DIR`, then the corrected command",
    argv: (c) => ["train", "--set", "data.source=textures:20", "--out", c.path("split-run")],
    code: 1, message: /data\.split \[300, 50, 50\] needs 400 identities but textures:20:0 has 20; make the split sum to at most 20/,
    after: (c) => { if (existsSync(c.path("split-run"))) throw new Error("the run directory was created"); },
  },
  {
    name: "sweep with a loss incompatible with the encoding is refused before any job runs",
    group: "Late or misleading errors", tried: "sweep `finetune.loss.name: [angle_diff, dist_linear]` (dist_ needs the linear encoding)",
    setup: (c) => writeFileSync(c.path("loss.yaml"), tinyExperiment(`sweep: { finetune.loss.name: [angle_diff, dist_linear] }
finetune: [{ name: ft, set: { train.max_epochs: 1 } }]
`)),
    argv: (c) => ["sweep", c.path("loss.yaml"), "--out", c.path("loss-out"), "--workers", "0"],
    code: 1, message: /loss\.name: is for the linear encoding but model\.encoding is circular/,
    after: (c) => { if (existsSync(c.path("loss-out"))) throw new Error("the sweep directory was created"); },
  },
  {
    name: "sweep with a freeze index beyond the network is refused before any job runs",
    group: "Late or misleading errors", tried: "fine-tuning stage `train.freeze: [3]` on `model.hidden: [8]`",
    setup: (c) => writeFileSync(c.path("freeze.yaml"), tinyExperiment(`finetune: [{ name: ft, set: { train.freeze: [3] } }]
`)),
    argv: (c) => ["sweep", c.path("freeze.yaml"), "--out", c.path("freeze-out"), "--workers", "0"],
    code: 1, message: /train\.freeze\[0\]: must be a layer of the network, 0\.\.1 \(1 is the output layer, model\.hidden \[8\]\), got 3/,
    after: (c) => { if (existsSync(c.path("freeze-out"))) throw new Error("the sweep directory was created"); },
  },
  {
    name: "sweep measuring a layer the network lacks is refused before any job runs",
    group: "Late or misleading errors", tried: "`fisher: [{ method: derivative, layer: 5 }]` on `model.hidden: [8]`",
    setup: (c) => writeFileSync(c.path("layer.yaml"), tinyExperiment("fisher: [{ method: derivative, layer: 5, angles: 8 }]\n")),
    argv: (c) => ["sweep", c.path("layer.yaml"), "--out", c.path("layer-out"), "--workers", "0"],
    code: 1, message: /1 of 1 jobs would fail; nothing was run[^]*base__r0__pretrain: fisher measurement: layer must be "output" or an integer in \[0, 1\], got 5/,
  },
  {
    name: "sweep whose source lacks identities for its split is refused before any job runs",
    group: "Late or misleading errors", tried: "sweep `data.source: [textures, textures:20]` (20 identities for a 300/50/50 split)",
    setup: (c) => writeFileSync(c.path("ids.yaml"), tinyExperiment("sweep: { data.source: [textures, textures:20] }\n")),
    argv: (c) => ["sweep", c.path("ids.yaml"), "--out", c.path("ids-out"), "--workers", "0"],
    code: 1, message: /1 of 2 jobs would fail; nothing was run[^]*needs 400 identities but textures:20:0 has 20/,
  },
  {
    name: "sweep with a missing image file is refused before any job runs",
    group: "Late or misleading errors", tried: "sweep `data.source: [textures, npy:missing.npy]`",
    setup: (c) => writeFileSync(c.path("src.yaml"), tinyExperiment("sweep: { data.source: [textures, \"npy:missing.npy\"] }\n")),
    argv: (c) => ["sweep", c.path("src.yaml"), "--out", c.path("src-out"), "--workers", "0"],
    code: 1, message: /jobs would fail; nothing was run[^]*missing\.npy: file not found/,
  },
  {
    name: "stimuli --resize on textures is refused, not silently ignored",
    group: "Late or misleading errors", tried: "`stimuli --source textures --resize 1x1`",
    argv: (c) => ["stimuli", "--source", "textures", "--resize", "1x1", "--angles", "1", "--out", c.path("r.npy")],
    code: 1, message: /--resize applies to file sources \(npy:, idx:, folder:\); textures are rendered at 64×64 — omit --resize/,
  },
  {
    name: "stimuli --resize on gratings is refused, pointing at gratings:size",
    group: "Late or misleading errors", tried: "`stimuli --source gratings --resize 1x1`",
    argv: (c) => ["stimuli", "--source", "gratings", "--resize", "1x1", "--angles", "1", "--out", c.path("g.npy")],
    code: 1, message: /use --source gratings:size=1 \(square\) and omit --resize/,
  },
  {
    name: "smooth with one stimulus value does not suggest a smaller window",
    group: "Late or misleading errors", tried: "`fisher --method smooth` with every trial at one stimulus value",
    setup: (c) => {
      npy(c.path("R1.npy"), [20, 2], Array.from({ length: 40 }, (_, i) => Math.cos(i)));
      npy(c.path("S1.npy"), [20], new Float32Array(20));
    },
    argv: (c) => ["fisher", "--responses", c.path("R1.npy"), "--stimuli", c.path("S1.npy"), "--method", "smooth", "--out", c.path("sm.csv")],
    code: 1, message: /smooth needs responses on a grid of ≥ 3 distinct stimulus values .*found 1; record responses at more angles/,
  },
  {
    name: "smooth on 3 stimulus values names both the window and the points limit, so its advice works",
    group: "Late or misleading errors", tried: "`fisher --method smooth` on 3 distinct stimulus values: the suggested --window 3 was then refused for points 20",
    setup: (c) => {
      npy(c.path("R3.npy"), [30, 2], Array.from({ length: 60 }, (_, i) => Math.cos(i)));
      npy(c.path("S3.npy"), [30], Array.from({ length: 30 }, (_, i) => (i % 3) * 2.0943951));
    },
    argv: (c) => ["fisher", "--responses", c.path("R3.npy"), "--stimuli", c.path("S3.npy"), "--method", "smooth", "--out", c.path("sm3.csv")],
    code: 1, message: /smooth\(\): window 31 and points 20 exceed the 3 grid values; pass window 3 or less \(odd, ≥ 3\) and points 3 or less \(fisher --window, --points\)/,
    after: async (c) => {
      const again = await c.cli(["fisher", "--responses", c.path("R3.npy"), "--stimuli", c.path("S3.npy"), "--method", "smooth", "--window", "3", "--points", "3", "--out", c.path("sm3.csv")]);
      if (again.code !== 0) throw new Error(`the advised command failed: ${again.stderr}`);
    },
  },
  {
    name: "adapt measuring a layer the network lacks fails before writing its directory, so the corrected rerun needs no cleanup",
    group: "Late or misleading errors", tried: "`adapt --from RUN --set adapt.fisher.layer=9 --out ADIR`: was refused after writing ADIR/adapt.yaml, and the corrected rerun then said ADIR held another config",
    argv: (c) => ["adapt", "--from", c.run, "--set", "adapt.fisher.layer=9", "--out", c.path("adapt-bad")],
    code: 1, message: /fisher measurement: layer must be "output" or an integer in \[0, \d+\], got 9/,
    after: (c) => { if (existsSync(c.path("adapt-bad"))) throw new Error("the adaptation directory was created: a corrected rerun would be refused"); },
  },
  {
    name: "sampling's singular-covariance message suggests --covariance ledoit-wolf, which the CLI has",
    group: "Late or misleading errors", tried: "`fisher --method sampling` with a constant unit (singular covariance)",
    setup: (c) => {
      npy(c.path("Rs.npy"), [60, 3], Array.from({ length: 180 }, (_, i) => (i % 3 === 2 ? 1 : Math.sin(i * 0.77) + (i >= 90 ? 0.3 : 0))));
      npy(c.path("Ss.npy"), [60], Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 0.1)));
    },
    argv: (c) => ["fisher", "--responses", c.path("Rs.npy"), "--stimuli", c.path("Ss.npy"), "--method", "sampling", "--out", c.path("s.csv")],
    code: 1, message: /pooled covariance is singular .* \(fisherlab fisher --covariance ledoit-wolf\)/,
    async after(c) {
      const r = await c.cli(["fisher", "--responses", c.path("Rs.npy"), "--stimuli", c.path("Ss.npy"), "--method", "sampling", "--covariance", "ledoit-wolf", "--out", c.path("s.csv")]);
      if (r.code !== 0) throw new Error(`the suggested --covariance ledoit-wolf failed: ${r.stderr}`);
    },
  },
  {
    name: ".nan in a config is reported as NaN, not null",
    group: "Late or misleading errors", tried: "`train --set train.lr=.nan`",
    argv: (c) => ["train", "--set", "train.lr=.nan", "--out", c.path("nan-lr")],
    code: 1, message: /train\.lr: must be a number, got NaN \(\.nan\)/,
  },
  {
    name: "fisher --angles N is accepted, like angles: N in experiment files",
    group: "Late or misleading errors", tried: "`fisher --run RUN --method derivative --angles 120`",
    argv: (c) => ["fisher", "--run", c.run, "--method", "derivative", "--angles", "120", "--out", c.path("a120.csv")],
    code: 0, message: /120 rows \(derivative\)/,
  },
  {
    name: "stimuli --angles N renders N angles over the domain, as fisher --angles N and angles: N do",
    group: "Late or misleading errors", tried: "`stimuli --source textures --angles 120 --out x.npy`: was one image at 120 rad",
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "120", "--out", c.path("a120.npy")],
    code: 0, message: /120/,
    after: (c) => {
      const angles = readNpy(c.path("a120.angles.npy"), { keepFloat64: true }).data;
      if (angles.length !== 120 || angles[0] !== 0 || Math.abs(angles[1] - (2 * Math.PI) / 120) > 1e-12) throw new Error(`expected 120 angles over [0, 2π), got ${angles.length} starting ${angles[0]}, ${angles[1]}`);
    },
  },
  {
    name: "stimuli --angles start:stop:count is the same grammar; a malformed one is refused naming it",
    group: "Late or misleading errors", tried: "`stimuli --source textures --angles 0:3.14 --out x.npy`",
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "0:3.14", "--out", c.path("bad-grid.npy")],
    code: 2, message: /stimuli: --angles must be a count N \(N angles over the domain\) or start:stop:count \(radians, stop excluded\), got "0:3\.14"/,
  },
  {
    name: "fisher --angles outside the grammar is refused naming the grammar",
    group: "Late or misleading errors", tried: "`fisher --run RUN --method derivative --angles 0:1`",
    argv: (c) => ["fisher", "--run", c.run, "--method", "derivative", "--angles", "0:1", "--out", c.path("a.csv")],
    code: 2, message: /--angles must be a count N \(N angles over the domain\) or start:stop:count \(radians, stop excluded\), got "0:1"/,
  },
  {
    name: "experiment files accept angles: start:stop:count, the grammar of --angles",
    group: "Late or misleading errors", tried: "`fisher: [{ method: derivative, angles: \"0:3.14:8\" }]` in an experiment",
    setup: (c) => writeFileSync(c.path("grid.yaml"), tinyExperiment("fisher: [{ method: derivative, angles: \"0:3.14:8\" }]\n")),
    argv: (c) => ["sweep", c.path("grid.yaml"), "--out", c.path("grid-out"), "--workers", "0", "--quiet"],
    code: 0, message: /1 jobs: 1 finished now/,
    after: (c) => {
      const rows = readCsv(join(c.path("grid-out"), "runs", "base__r0__pretrain", "fisher_derivative_output.csv"));
      if (rows.length !== 8 || Math.abs(Number(rows[7].theta) - 7 * 3.14 / 8) > 1e-9) throw new Error(`grid ${rows.map((r) => r.theta)}`);
    },
  },
  // ---- system errors -----------------------------------------------------------------------
  {
    name: "an output under a regular file (ENOTDIR) names the path and the fix",
    group: "System errors", tried: "`stimuli ... --out FILE/x.npy` where FILE is a regular file",
    setup: (c) => writeFileSync(c.path("plain"), "not a directory"),
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", join(c.path("plain"), "x.npy")],
    code: 1, message: /^fisherlab stimuli: cannot write .*plain\/x\.npy: a part of the path is a regular file, not a directory \(ENOTDIR\); choose a path whose parent directories are directories$/m,
  },
  {
    name: "permission denied (EACCES) names the path and the fix",
    group: "System errors", tried: "`stimuli ... --out ro/x.npy` in a directory without write permission (injected EACCES: tests run as root)",
    setup: (c) => mkdirSync(c.path("ro"), { recursive: true }),
    fault: (c) => `EACCES:${c.path("ro")}`,
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", join(c.path("ro"), "x.npy")],
    code: 1, message: /^fisherlab stimuli: cannot write .*ro\/x\.npy: permission denied \(EACCES\); choose a directory you may write to, or fix its permissions \(ls -ld\)$/m,
  },
  {
    name: "a read-only file system (EROFS) names the path and the fix",
    group: "System errors", tried: "`fisher ... --out /mnt/ro/FI.csv` on a read-only mount (injected EROFS)",
    setup: (c) => {
      mkdirSync(c.path("rofs"), { recursive: true });
      // 100 trials per class of 5 units, inside sampling()'s calibrated regime, so the only line is the error
      npy(c.path("Rr.npy"), [200, 5], Array.from({ length: 1000 }, (_, k) => {
        const i = Math.floor(k / 5), u = k % 5;
        return Math.sin(i * 1.3 * (u + 1) + u * 0.9) + 0.5 * Math.cos(i * 0.37 * (u + 2)) + (i >= 100 ? 0.3 : 0);
      }));
      npy(c.path("Sr.npy"), [200], Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 0.1)));
    },
    fault: (c) => `EROFS:${c.path("rofs")}`,
    argv: (c) => ["fisher", "--responses", c.path("Rr.npy"), "--stimuli", c.path("Sr.npy"), "--method", "sampling", "--out", join(c.path("rofs"), "FI.csv")],
    code: 1, message: /^fisherlab fisher: cannot write .*rofs\/FI\.csv: the file system is read-only \(EROFS\); choose an output path on a writable file system$/m,
  },
  {
    name: "a full disk (ENOSPC) names the output, not its temporary file",
    group: "System errors", tried: "`stimuli ... --out full/x.npy` on a full disk (injected ENOSPC)",
    setup: (c) => mkdirSync(c.path("full"), { recursive: true }),
    fault: (c) => `ENOSPC:${c.path("full")}`,
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", join(c.path("full"), "x.npy")],
    code: 1, message: /^fisherlab stimuli: cannot write .*full\/x\.npy: no space left on the device \(ENOSPC\); free disk space \(df -h\) or choose an output on another disk, then rerun$/m,
    after: (c) => { const left = readdirSync(c.path("full")); if (left.length) throw new Error(`left behind: ${left}`); },
  },
  {
    name: "stimuli leaves no images without their angles when the disk fills between the two files",
    group: "System errors", tried: "`stimuli ... --out full2/x.npy` with the disk full when the angles file is written (injected ENOSPC): was x.npy left without x.angles.npy",
    setup: (c) => mkdirSync(c.path("full2"), { recursive: true }),
    fault: () => "ENOSPC:x.angles.npy",
    argv: (c) => ["stimuli", "--source", "textures", "--angles", "1", "--out", join(c.path("full2"), "x.npy")],
    code: 1, message: /^fisherlab stimuli: cannot write .*full2\/x\.angles\.npy: no space left on the device \(ENOSPC\)/m,
    after: (c) => { const left = readdirSync(c.path("full2")); if (left.length) throw new Error(`left behind: ${left}`); },
  },
  {
    name: "a sweep whose jobs fail on a full disk exits with the number of failed jobs",
    group: "System errors", tried: "`sweep EXP.yaml --out DIR` (2 jobs) with the disk full under DIR/runs (injected ENOSPC)",
    setup: (c) => writeFileSync(c.path("full.yaml"), tinyExperiment("sweep: { train.lr: [0.001, 0.002] }\n")),
    fault: (c) => `ENOSPC:${join(c.path("full-sweep"), "runs")}/`,
    argv: (c) => ["sweep", c.path("full.yaml"), "--out", c.path("full-sweep"), "--workers", "0", "--quiet"],
    code: 2, message: /failed train\.lr=0\.001__r0__pretrain: cannot create the run directory .*: no space left on the device \(ENOSPC\); free disk space/,
    after: (_c, o) => { if (!o.stdout.includes("2 jobs: 0 finished now, 0 finished before, 2 failed, 0 skipped")) throw new Error(o.stdout); },
  },
  // ---- litter and locks ----------------------------------------------------------------------
  {
    name: "a rerun after a sweep was killed while rebuilding the database leaves no temporaries", serial: true,
    group: "Litter and locks", tried: "rerun of a sweep killed while writing `.results.duckdb.<pid>.tmp`, its `.wal` and `parquet/.runs.<pid>.tmp.parquet`",
    setup: (c) => {
      // what `kill -9` during buildResultsStore leaves (the pid is the killed process's)
      for (const f of [".results.duckdb.999999.tmp", ".results.duckdb.999999.tmp.wal", "parquet/.runs.999999.tmp.parquet"]) writeFileSync(join(c.sweep, f), "partial");
    },
    argv: (c) => ["sweep", join(c.sweep, "exp.yaml"), "--out", c.sweep, "--workers", "0", "--quiet"],
    code: 0, message: /1 jobs: 0 finished now, 1 finished before, 0 failed/,
    after: (c) => {
      const litter = [...readdirSync(c.sweep), ...readdirSync(join(c.sweep, "parquet"))].filter((f) => f.includes(".tmp"));
      if (litter.length) throw new Error(`left behind: ${litter.join(", ")}`);
    },
  },
  {
    name: "a sweep lock whose pid was reused by another process is taken over", serial: true,
    group: "Litter and locks", tried: "rerun after a killed sweep whose pid now belongs to a live, unrelated process",
    setup: (c) => writeFileSync(join(c.sweep, "sweep.lock"), JSON.stringify({ host: hostname(), pid: process.pid, started: 1 })),
    argv: (c) => ["sweep", join(c.sweep, "exp.yaml"), "--out", c.sweep, "--workers", "0", "--quiet"],
    code: 0, message: /1 jobs: 0 finished now, 1 finished before, 0 failed/,
  },
  {
    name: "a sweep lock held by a live sweep is respected", serial: true,
    group: "Litter and locks", tried: "a second sweep on a directory whose lock names a running process (its true start time)",
    setup: (c) => {
      const stat = readFileSync(`/proc/${process.pid}/stat`, "utf8");
      const started = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
      writeFileSync(join(c.sweep, "sweep.lock"), JSON.stringify({ host: hostname(), pid: process.pid, started }));
    },
    argv: (c) => ["sweep", join(c.sweep, "exp.yaml"), "--out", c.sweep, "--workers", "0", "--quiet"],
    code: 1, message: /another sweep \(pid \d+\) is running in .*; wait for it, or stop it and rerun/,
  },
  {
    name: "a sweep lock from another host is reported, not taken over", serial: true,
    group: "Litter and locks", tried: "a sweep directory on a shared disk locked by a sweep on another machine",
    setup: (c) => writeFileSync(join(c.sweep, "sweep.lock"), JSON.stringify({ host: "other-machine", pid: 4242, started: 77 })),
    argv: (c) => ["sweep", join(c.sweep, "exp.yaml"), "--out", c.sweep, "--workers", "0", "--quiet"],
    code: 1, message: /sweep\.lock says a sweep runs on host other-machine \(pid 4242\); wait for it, or delete .*sweep\.lock if no sweep is running there/,
  },
  // ---- what held before, checked again ------------------------------------------------------
  {
    name: "malformed YAML config names the file and the line",
    group: "Still holds", tried: "`train --config bad.yaml` with an unclosed bracket",
    setup: (c) => writeFileSync(c.path("bad.yaml"), "model: { hidden: [8\n"),
    argv: (c) => ["train", "--config", c.path("bad.yaml"), "--out", c.path("yaml-run")],
    code: 1, message: /bad\.yaml is not valid YAML/,
  },
  {
    name: "an unknown config key lists the valid keys",
    group: "Still holds", tried: "`train --set train.learning_rate=0.1`",
    argv: (c) => ["train", "--set", "train.learning_rate=0.1", "--out", c.path("key-run")],
    code: 1, message: /train\.learning_rate: unknown key; valid keys in train: batch_size, lr/,
  },
  {
    name: "an out-of-range value names the rule",
    group: "Still holds", tried: "`train --set model.dropout=1.5`",
    argv: (c) => ["train", "--set", "model.dropout=1.5", "--out", c.path("range-run")],
    code: 1, message: /model\.dropout: must be < 1, got 1\.5/,
  },
  {
    name: "a file that is not NPY is refused naming the path",
    group: "Still holds", tried: "`predict --images notes.npy` (a text file)",
    setup: (c) => writeFileSync(c.path("notes.npy"), "hello"),
    argv: (c) => ["predict", "--run", c.run, "--images", c.path("notes.npy"), "--out", c.path("n.npy")],
    code: 1, message: /notes\.npy: not an NPY file \(bad magic bytes\); save arrays with numpy\.save/,
  },
  {
    name: "a finished run is not overwritten without --force",
    group: "Still holds", tried: "`train --out RUN` on a finished run",
    argv: (c) => ["train", "--out", c.run],
    code: 1, message: /holds a finished run; pass --force to overwrite it, or choose another --out/,
  },
  {
    name: "an unknown option lists the known ones",
    group: "Still holds", tried: "`fisher --metod sampling`",
    argv: () => ["fisher", "--metod", "sampling"],
    code: 2, message: /unknown option --metod; known options: --responses/,
  },
];
