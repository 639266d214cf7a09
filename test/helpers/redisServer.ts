import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { describe, it } from "vitest";
import { Redis } from "ioredis";

/**
 * Tests that need Redis start their own redis-server on a free loopback port, without
 * persistence (--save '' --appendonly no). Without redis-server they are skipped with a notice,
 * except under CI=true, where a missing redis-server fails (.ci/run installs it).
 */
export const REDIS_SERVER = process.env.FISHERLAB_REDIS_SERVER ?? "redis-server";
export const redisAvailable = spawnSync(REDIS_SERVER, ["--version"], { encoding: "utf8" }).status === 0;

/** describe() when redis-server is present; otherwise a visible skip (or, under CI=true, a failing test). */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisAvailable) { describe(name, body); return; }
  if (process.env.CI === "true") {
    describe(name, () => it("needs redis-server (CI must install it: apt-get install -y redis-server)", () => {
      throw new Error(`${REDIS_SERVER} not found; .ci/run installs it with apt-get`);
    }));
    return;
  }
  process.stderr.write(`\nNOTICE: skipping "${name}": ${REDIS_SERVER} not found (apt-get install -y redis-server to run it)\n`);
  describe.skip(name, body);
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export interface TestRedis {
  port: number;
  url: string;
  /** stop the server (SIGTERM, nothing saved) */
  stop(): Promise<void>;
  /** start it again on the same port, empty */
  start(): Promise<void>;
}

/** A throwaway redis-server on 127.0.0.1 (started at once unless `started` is false). */
export async function startRedis(port?: number, started = true): Promise<TestRedis> {
  const p = port ?? (await freePort());
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(REDIS_SERVER, ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const client = new Redis({ host: "127.0.0.1", port: p, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on("error", () => {});
    for (let i = 0; ; i++) {
      try { await client.connect(); await client.ping(); break; } catch (err) {
        if (i > 200) throw new Error(`redis-server did not answer on port ${p}: ${String(err)}`);
        client.disconnect();
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    client.disconnect();
  };
  const stop = async () => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    await gone;
    child = null;
  };
  if (started) await start();
  return { port: p, url: `redis://127.0.0.1:${p}`, stop, start };
}
