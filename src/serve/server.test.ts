import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type DashboardServer } from "./server.js";
import { writeSyntheticSweep } from "./syntheticSweep.js";
import { resolveInside } from "./safePath.js";

const root = mkdtempSync(join(tmpdir(), "fisherlab-serve-"));
const sweep = join(root, "sweep");
const secret = join(root, "secret.txt");
let server: DashboardServer;

/** A raw GET (no URL normalisation by a client library: the path is sent byte for byte). */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}
const auth = () => ({ cookie: `fisherlab_token=${server.token}` });

beforeAll(async () => {
  writeSyntheticSweep(sweep, { runs: 6, seed: 4, epochs: 5, angles: 12 });
  writeFileSync(secret, "outside DIR\n");
  symlinkSync(secret, join(sweep, "link-out.txt"));
  mkdirSync(join(sweep, "sub"));
  symlinkSync(root, join(sweep, "sub", "up"));
  server = await startDashboard({ dir: sweep, port: 0, pollMs: 60_000 });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("resolveInside()", () => {
  it("accepts plain paths under the root and refuses every way out", () => {
    expect(resolveInside(sweep, "sweep.json")).toBe(join(sweep, "sweep.json"));
    for (const bad of ["../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt", "%252e%252e/secret.txt",
      "runs/../../secret.txt", "..\\secret.txt", "/etc/passwd", "%2fetc%2fpasswd", "link-out.txt", "sub/up/secret.txt", "a%00b", "%zz"]) {
      expect(resolveInside(sweep, bad), bad).toBeNull();
    }
  });
});

describe("fisherlab serve: access and safety", () => {
  it("binds 127.0.0.1 and prints a token URL", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.tokenUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{48}$`));
  });

  it("refuses requests without the token or with a wrong one", async () => {
    expect((await get("/api/runs")).status).toBe(403);
    expect((await get("/api/runs", { cookie: "fisherlab_token=0000" })).status).toBe(403);
    expect((await get("/?token=abc")).status).toBe(403);
  });

  it("the token URL sets an HttpOnly SameSite cookie and redirects to the page without the token", async () => {
    const res = await get(`/?token=${server.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe("/");
    expect(String(res.headers["set-cookie"])).toContain(`fisherlab_token=${server.token}; HttpOnly; SameSite=Strict`);
    const page = await get("/", auth());
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it("refuses a foreign Host header (DNS rebinding) even with the token", async () => {
    expect((await get("/api/runs", { ...auth(), host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it("is read-only: methods other than GET and HEAD get 405", async () => {
    for (const m of ["POST", "PUT", "DELETE", "PATCH"]) expect((await get("/api/runs", auth(), m)).status, m).toBe(405);
  });

  it("serves files under DIR and refuses traversal, encoded traversal and symlinks out of DIR", async () => {
    const ok = await get("/files/sweep.json", auth());
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).name).toBe("synthetic");
    for (const bad of ["/files/../secret.txt", "/files/..%2fsecret.txt", "/files/%2e%2e/secret.txt", "/files/%2e%2e%2fsecret.txt",
      "/files/%252e%252e%252fsecret.txt", "/files/runs/..%2f..%2fsecret.txt", "/files/link-out.txt", "/files/sub/up/secret.txt",
      "/assets/..%2f..%2f..%2fpackage.json", "/dist/..%2f..%2fpackage.json", "/vendor/zod/..%2f..%2fpackage.json"]) {
      const res = await get(bad, auth());
      expect(res.status, bad).toBe(404);
      expect(res.body).not.toContain("outside DIR");
    }
  });

  it("lists every run of the sweep with its config, metric summaries and Fisher measurements", async () => {
    const { rows } = JSON.parse((await get("/api/runs", auth())).body) as { rows: { id: string; status: string; config: Record<string, unknown>; metrics: Record<string, number>; fisher: string[] }[] };
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.status).toBe("finished");
      expect(r.config["loss.name"]).toMatch(/angle_diff|sq_diff|sqrt_diff/);
      expect(r.metrics.epochs).toBe(5);
      expect(r.metrics["val_loss.min"]).toBeLessThanOrEqual(r.metrics["val_loss.last"]);
      expect(r.fisher).toEqual(["derivative:output"]);
    }
  });
});

describe("fisherlab serve: one-line errors", () => {
  it("a directory that is not a run, sweep or adaptation run", async () => {
    const empty = join(root, "empty");
    mkdirSync(empty);
    await expect(startDashboard({ dir: empty, port: 0 })).rejects.toThrow(/^fisherlab serve: .*empty is neither a sweep \(sweep\.json\), a run .* nor an adaptation run .*; pass the --out directory/);
    await expect(startDashboard({ dir: join(root, "missing"), port: 0 })).rejects.toThrow(/does not exist; pass the --out directory/);
  });

  it("a port in use", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startDashboard({ dir: sweep, port })).rejects.toThrow(`fisherlab serve: port ${port} on 127.0.0.1 is in use; pass --port with another number (or --port 0 for a free one)`);
    } finally {
      blocker.close();
    }
  });
});
