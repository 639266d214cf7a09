import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASES, tinyExperiment, type BadInputCase, type Ctx, type Outcome } from "./cases.js";

/**
 * The bad-input regression list (docs/bad-input.md): every case runs the compiled CLI as a user
 * would and checks the exit code, the message and what must hold afterwards. The page is
 * generated from what the user saw; `FISHERLAB_WRITE_DOCS=1 npx vitest run test/badInput`
 * rewrites it, and the last test fails when the page and the cases differ.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const BIN = join(repo, "dist", "src", "cli", "bin.js");
const FAULT = join(here, "fsFault.mjs");
const DOC = join(repo, "docs", "bad-input.md");
const root = mkdtempSync(join(tmpdir(), "fisherlab-bad-input-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(args: string[], fault?: string): Promise<Outcome> {
  return new Promise((done) => {
    const node = fault ? ["--import", FAULT] : [];
    const child = spawn(process.execPath, [...node, BIN, ...args], {
      cwd: ctx.path("."), // relative paths in cases (and the run ids made from them) do not depend on the temp root
      env: { ...process.env, FISHERLAB_QUIET: "1", FISHERLAB_FS_FAULT: fault ?? "", FISHERLAB_DEBUG: "" },
    });
    let stdout = "", stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

const ctx: Ctx = {
  root, run: join(root, "RUN"), sweep: join(root, "SWEEP"),
  path: (name) => join(root, "files", name),
  cli,
};

/** What the user saw, with this machine's temporary root replaced by a fixed name. */
const seen: { c: BadInputCase; shown: string; code: number | null }[] = [];
const shownText = (c: BadInputCase, o: Outcome): string => {
  const text = (o.stderr !== "" && c.code !== 0 ? o.stderr : o.stdout + o.stderr).split(root).join("/tmp/t");
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const k = lines.findIndex((l) => c.message.test(l));
  // the message's first line, and the line the case checks when it is another (a field of a config, a job of a sweep)
  const shown = k < 0 ? lines.slice(0, 3).join(" ⏎ ") : k === 0 ? lines[0] : `${lines[0]} ⏎ ${lines[k].trim()}`;
  // a command's option list grows with the code: the page shows its start
  return shown.replace(/pid \d+/g, "pid N").replace(/(known options: --[\w.-]+, --[\w.-]+), .*$/, "$1, …");
};

beforeAll(async () => {
  expect(existsSync(BIN), `${BIN} missing: run npm run build:ts first`).toBe(true);
  mkdirSync(ctx.path("."), { recursive: true });
  const tiny = ["--set", "data.train_size=128", "--set", "data.val_size=64", "--set", "data.test_size=64", "--set", "model.hidden=[8]", "--set", "train.max_epochs=1"];
  const train = await cli(["train", ...tiny, "--out", ctx.run]);
  expect(train.stderr).toBe("");
  mkdirSync(ctx.sweep, { recursive: true });
  writeFileSync(join(ctx.sweep, "exp.yaml"), tinyExperiment());
  const sweep = await cli(["sweep", join(ctx.sweep, "exp.yaml"), "--out", ctx.sweep, "--workers", "0", "--quiet"]);
  expect(sweep.code, sweep.stderr).toBe(0);
});

describe("bad input is refused at the boundary, and no command overwrites a run's own files", () => {
  // cases that rerun the shared sweep directory run one after another; the others side by side
  for (const c of CASES) {
    (c.serial ? it : it.concurrent)(`${c.group}: ${c.name}`, async () => {
      c.setup?.(ctx);
      const o = await cli(c.argv(ctx), c.fault?.(ctx));
      const visible = o.stdout + o.stderr;
      expect(o.code, `exit code; stderr: ${o.stderr}`).toBe(c.code);
      expect(visible).toMatch(c.message);
      if (c.code !== 0 && o.stderr !== "") {
        // one line naming the problem and the fix (a config or a sweep check lists one line per field or job)
        expect(o.stderr.split("\n").filter((l) => l.trim() && !l.startsWith("  ")).length, o.stderr).toBe(1);
        expect(o.stderr).not.toMatch(/^\s+at /m); // no stack trace
      }
      await c.after?.(ctx, o);
      seen.push({ c, shown: shownText(c, o), code: o.code });
      seen.sort((a, b) => CASES.indexOf(a.c) - CASES.indexOf(b.c));
    });
  }

  it("a real read-only directory gives the same message as the injected EACCES (skipped as root)", async (t) => {
    if (process.getuid?.() === 0) {
      console.warn("notice: running as root, which may write anywhere; the EACCES case above injects the error instead");
      t.skip();
    }
    const ro = ctx.path("readonly");
    mkdirSync(ro, { recursive: true, mode: 0o555 });
    const o = await cli(["stimuli", "--source", "textures", "--angles", "1", "--out", join(ro, "x.npy")]);
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/cannot write .*readonly\/x\.npy: permission denied \(EACCES\); choose a directory you may write to/);
  });

  it("docs/bad-input.md is the table these cases generate", () => {
    expect(seen.length, "every case ran").toBe(CASES.length);
    const page = renderPage(seen);
    if (process.env.FISHERLAB_WRITE_DOCS === "1") writeFileSync(DOC, page);
    expect(readFileSync(DOC, "utf8"), "docs/bad-input.md is stale: FISHERLAB_WRITE_DOCS=1 npx vitest run test/badInput").toBe(page);
  });
});

function renderPage(rows: typeof seen): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const groups = [...new Set(CASES.map((c) => c.group))];
  const out = [
    "# Bad input: what the user sees",
    "",
    "Every bad input and fault tried against the command line, the one line the user sees and the",
    "exit code (0 success, 1 failure, 2 usage error; a sweep exits with the number of failed jobs).",
    "Generated by `test/badInput/badInput.test.ts` from its regression cases (test/badInput/cases.ts):",
    "the test fails when this page and the commands differ; `FISHERLAB_WRITE_DOCS=1 npx vitest run",
    "test/badInput` rewrites it. Paths are shown under `/tmp/t`. Faults a test cannot cause for real",
    "(a full disk, a read-only mount, permissions when running as root) are injected into `node:fs`",
    "by test/badInput/fsFault.mjs.",
    "",
    "Rules behind the messages:",
    "",
    "- No command writes over a file that belongs to a run, adaptation or sweep directory (weights,",
    "  optimizer state, config, metrics, summary, status, Fisher CSVs, the results database, a sweep's",
    "  `runs/` and `parquet/`) unless it is that directory's own writer; file outputs must carry the",
    "  extension of what is written.",
    "- Images from NPY follow one rule everywhere (`stimuli`, `train`, `predict`): float32/float64 are",
    "  grey values used as they are and must be finite; any integer dtype holds grey levels 0–255 and",
    "  is divided by 255; anything else is refused.",
    "- Angle grids have one grammar everywhere (`--angles`, `angles:`): a count N over the domain, or",
    "  `start:stop:count` (stop excluded).",
    "- A sweep checks every expanded job (loss vs encoding, layer and freeze indices, sources,",
    "  identities per split, fine-tuning architecture) before the first one starts; `train` checks its",
    "  data before creating the run directory, so a corrected rerun needs no `--force`.",
    "- System errors (EACCES, EPERM, EROFS, ENOSPC, EDQUOT, ENOTDIR, EISDIR, …) become one line naming",
    "  the file asked for (not a temporary file) and what to do.",
    "",
  ];
  for (const g of groups) {
    out.push(`## ${g}`, "", "| Tried | The user sees | Exit |", "|---|---|---|");
    for (const r of rows.filter((x) => x.c.group === g)) out.push(`| ${cell(r.c.tried)} | ${cell("`" + r.shown.replace(/`/g, "'") + "`")} | ${r.code} |`);
    out.push("");
  }
  return out.join("\n");
}
