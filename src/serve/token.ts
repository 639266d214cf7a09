import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The cookie that carries the access token after the first visit of the token URL. */
export const TOKEN_COOKIE = "fisherlab_token";

/**
 * A fresh access token: 24 bytes from the OS's cryptographic generator, hex. Deliberately not
 * seeded (unlike every scientific random draw in fisherlab): a token must not be predictable.
 */
export function newToken(): string {
  return randomBytes(24).toString("hex");
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given), b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** How a request presents the token: in the URL (`?token=`, first visit), in the cookie, or not at all. */
export function tokenState(req: IncomingMessage, url: URL, expected: string): "url" | "cookie" | "missing" {
  const inUrl = url.searchParams.get("token");
  if (inUrl !== null && sameToken(inUrl, expected)) return "url";
  const inCookie = cookieValue(req, TOKEN_COOKIE);
  if (inCookie !== undefined && sameToken(inCookie, expected)) return "cookie";
  return "missing";
}

/** The Set-Cookie header that lets the page's later requests (scripts, fetch, events, workers) in. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
