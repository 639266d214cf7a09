import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { workerCommand } from "./worker.js";
import { createSweepCommand } from "./sweep.js";

const root = mkdtempSync(join(tmpdir(), "fisherlab-queue-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("fisherlab worker / sweep --queue: usage errors name the option and the fix, before touching anything", () => {
  it("fisherlab worker needs --queue and a token of 16+ characters", async () => {
    const env = process.env.FISHERLAB_TOKEN;
    delete process.env.FISHERLAB_TOKEN;
    try {
      await expect(workerCommand.run([])).rejects.toThrow("fisherlab worker: --queue is required (redis://HOST:PORT)");
      await expect(workerCommand.run(["--queue", "redis://127.0.0.1:1"])).rejects.toThrow("fisherlab worker: --token (or FISHERLAB_TOKEN) is required with --queue, the same secret on every machine; make one with: openssl rand -hex 16");
      await expect(workerCommand.run(["--queue", "redis://127.0.0.1:1", "--token", "abc"])).rejects.toThrow("must be at least 16 characters, got 3");
      await expect(workerCommand.run(["--queue", "redis://127.0.0.1:1", "--token", "a".repeat(16), "--workers", "0"])).rejects.toThrow("fisherlab worker: --workers must be an integer ≥ 1, got \"0\"");
    } finally {
      if (env !== undefined) process.env.FISHERLAB_TOKEN = env;
    }
  });

  it("fisherlab sweep refuses queue options without --queue and --workers with it", async () => {
    writeFileSync(join(root, "exp.yaml"), "replicates: 1\n");
    const sweep = createSweepCommand({});
    const out = join(root, "out");
    await expect(sweep.run([join(root, "exp.yaml"), "--out", out, "--bind", "0.0.0.0"])).rejects.toThrow("fisherlab sweep: --bind only applies with --queue redis://HOST:PORT");
    await expect(sweep.run([join(root, "exp.yaml"), "--out", out, "--queue", "redis://127.0.0.1:1", "--token", "a".repeat(16), "--workers", "2"]))
      .rejects.toThrow("fisherlab sweep: --workers is for local sweeps; with --queue, start `fisherlab worker --workers N` on each machine");
    await expect(sweep.run([join(root, "exp.yaml"), "--out", out, "--queue", "localhost:6379", "--token", "a".repeat(16)]))
      .rejects.toThrow('--queue must start with redis:// (or rediss:// for TLS), got "localhost:6379"');
    expect(readdirSync(root)).toEqual(["exp.yaml"]); // nothing written
  });

  it("docs/distributed.md documents every option of sweep and worker", () => {
    const doc = readFileSync(new URL("../../../docs/distributed.md", import.meta.url), "utf8");
    const names = [...Object.keys(createSweepCommand({}).options), ...Object.keys(workerCommand.options)].filter((n) => n !== "help");
    expect(names.filter((n) => !doc.includes(`--${n}`))).toEqual([]);
  });
});
