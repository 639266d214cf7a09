import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The shared secret of a distributed sweep: the coordinator and every worker hold the same token
 * (--token or FISHERLAB_TOKEN). It never travels itself: queue messages, the coordinator's record
 * and every request to the file endpoint carry an HMAC-SHA256 made with it (docs/distributed.md).
 */
export const TOKEN_ENV = "FISHERLAB_TOKEN";
export const MIN_TOKEN_LENGTH = 16;

export function resolveToken(command: string, option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const token = option ?? env[TOKEN_ENV];
  if (token === undefined || token === "") {
    throw new Error(`${command}: --token (or ${TOKEN_ENV}) is required with --queue, the same secret on every machine; make one with: openssl rand -hex 16`);
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`${command}: --token (or ${TOKEN_ENV}) must be at least ${MIN_TOKEN_LENGTH} characters, got ${token.length}; make one with: openssl rand -hex 16`);
  }
  return token;
}

/** HMAC-SHA256 (hex) of the parts joined by newlines. */
export function sign(token: string, ...parts: string[]): string {
  return createHmac("sha256", token).update(parts.join("\n")).digest("hex");
}

/** Constant-time check of a signature made by sign(). */
export function verify(token: string, signature: string | undefined, ...parts: string[]): boolean {
  if (typeof signature !== "string" || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sign(token, ...parts), "hex"), Buffer.from(signature, "hex"));
}

export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
