import { Redis, type RedisOptions } from "ioredis";

/** A Redis server named by a redis:// or rediss:// (TLS) URL, with its password kept out of messages. */
export interface RedisTarget {
  /** the URL as given */
  url: string;
  /** the URL with any password replaced by *** (for messages and logs) */
  display: string;
  /** ioredis/BullMQ connection options; maxRetriesPerRequest null so commands wait out an outage */
  options: RedisOptions;
}

/** Parse `--queue redis://[user:password@]host[:port][/db]` (rediss:// for TLS). */
export function parseRedisUrl(url: string, field = "--queue"): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`${field} must be a Redis URL like redis://127.0.0.1:6379, got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") {
    throw new Error(`${field} must start with redis:// (or rediss:// for TLS), got ${JSON.stringify(url.replace(/\/\/[^@/]*@/, "//***@"))}`);
  }
  if (!u.hostname) throw new Error(`${field} names no host: ${JSON.stringify(url)}; use redis://HOST:PORT`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`${field}: the database number after the / must be an integer >= 0, got ${JSON.stringify(u.pathname.slice(1))}`);
  const display = u.password ? url.replace(`:${u.password}@`, ":***@") : url;
  const options: RedisOptions = {
    host: u.hostname.replace(/^\[|\]$/g, ""), port: u.port ? Number(u.port) : 6379, db,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === "rediss:" ? {} : undefined,
    maxRetriesPerRequest: null,
  };
  return { url, display, options };
}

/** The reason of a connection error in a few words (ECONNREFUSED, NOAUTH …). */
export function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { errors?: unknown[] };
  if (e?.code) return e.code;
  if (Array.isArray(e?.errors) && e.errors.length > 0) return reasonOf(e.errors[0]);
  return err instanceof Error ? err.message : String(err);
}

/**
 * Connect once, without retrying, and PING: resolves when the server answers, rejects with the
 * reason otherwise. Used to fail fast (coordinator) or to retry with a visible backoff (worker).
 */
export async function probeRedis(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new Redis({ ...target.options, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, enableOfflineQueue: false });
  let cause: unknown = null;
  client.on("error", (err) => { cause ??= err; }); // the socket's error is more telling than connect()'s "Connection is closed"
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw cause ?? err;
  } finally {
    client.disconnect();
  }
}

/** A client that reconnects forever (ioredis backoff) and waits out outages instead of failing commands. */
export function connectRedis(target: RedisTarget): Redis {
  return new Redis({ ...target.options, retryStrategy: (times) => Math.min(times * 200, 2000) });
}
