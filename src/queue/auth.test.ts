import { describe, expect, it } from "vitest";
import { resolveToken, sign, verify } from "./auth.js";
import { openJob, signJob, type QueuedJob } from "./protocol.js";
import { parseRedisUrl } from "./redisTarget.js";

describe("resolveToken()", () => {
  it("takes --token over FISHERLAB_TOKEN, and names the fix when missing or short", () => {
    expect(resolveToken("fisherlab worker", "a".repeat(16), { FISHERLAB_TOKEN: "b".repeat(16) })).toBe("a".repeat(16));
    expect(resolveToken("fisherlab worker", undefined, { FISHERLAB_TOKEN: "b".repeat(16) })).toBe("b".repeat(16));
    expect(() => resolveToken("fisherlab worker", undefined, {})).toThrow("fisherlab worker: --token (or FISHERLAB_TOKEN) is required with --queue");
    expect(() => resolveToken("fisherlab sweep", "short", {})).toThrow("fisherlab sweep: --token (or FISHERLAB_TOKEN) must be at least 16 characters, got 5");
  });
});

describe("sign() / verify() and job messages", () => {
  it("verify() accepts only the same token and the same parts", () => {
    const s = sign("token-one-0123456789", "a", "b");
    expect(verify("token-one-0123456789", s, "a", "b")).toBe(true);
    expect(verify("token-two-0123456789", s, "a", "b")).toBe(false);
    expect(verify("token-one-0123456789", s, "a", "c")).toBe(false);
    expect(verify("token-one-0123456789", undefined, "a", "b")).toBe(false);
    expect(verify("token-one-0123456789", "zz", "a", "b")).toBe(false);
  });

  it("openJob() returns the signed job, and null for another token or an edited payload", () => {
    const queued = { sweep: "s", version: "1.0.0", lineage: ["p"], job: { run_id: "x", kind: "train", parent: null } } as unknown as QueuedJob;
    const message = signJob("token-one-0123456789", queued);
    expect(openJob("token-one-0123456789", message)).toEqual(queued);
    expect(openJob("token-two-0123456789", message)).toBeNull();
    expect(openJob("token-one-0123456789", { ...message, payload: message.payload.replace('"x"', '"y"') })).toBeNull();
    expect(openJob("token-one-0123456789", undefined)).toBeNull();
  });
});

describe("parseRedisUrl()", () => {
  it("reads host, port, db, credentials and TLS, and hides the password in messages", () => {
    const t = parseRedisUrl("rediss://user:s3cret@redis.lab:6380/2");
    expect(t.options).toMatchObject({ host: "redis.lab", port: 6380, db: 2, username: "user", password: "s3cret", tls: {} });
    expect(t.display).toBe("rediss://user:***@redis.lab:6380/2");
    expect(parseRedisUrl("redis://127.0.0.1").options).toMatchObject({ host: "127.0.0.1", port: 6379, db: 0, tls: undefined });
  });

  it("names the option and the expected form for a bad URL", () => {
    expect(() => parseRedisUrl("localhost:6379")).toThrow('--queue must start with redis:// (or rediss:// for TLS), got "localhost:6379"');
    expect(() => parseRedisUrl("not a url")).toThrow('--queue must be a Redis URL like redis://127.0.0.1:6379, got "not a url"');
    expect(() => parseRedisUrl("redis://h:1/x")).toThrow('--queue: the database number after the / must be an integer >= 0, got "x"');
  });
});
