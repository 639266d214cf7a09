import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { readCsv } from "../io/index.js";
import { ITERATIONS_FILE, METRICS_FILE, requireDirKind } from "../rundir/index.js";
import { assetPaths, type AssetPaths } from "./assetPaths.js";
import { fisherGroups } from "./fisherGroups.js";
import { LiveUpdates } from "./liveUpdates.js";
import { RunIndex } from "./runIndex.js";
import { resolveInside } from "./safePath.js";
import { newToken, tokenCookie, tokenState } from "./token.js";

export interface ServeOptions {
  /** The run, sweep or adaptation directory to show. */
  dir: string;
  /** Interface to bind; default 127.0.0.1 (this machine only). */
  host?: string;
  /** Port; default 8080; 0 picks a free one. */
  port?: number;
  /** How often DIR is re-scanned for live updates, ms; default 1000. */
  pollMs?: number;
  /** Access token; default a fresh random one. */
  token?: string;
}

export interface DashboardServer {
  /** The page's address without the token. */
  url: string;
  /** The address to open: sets the access cookie, then redirects to `url`. */
  tokenUrl: string;
  host: string;
  port: number;
  token: string;
  live: LiveUpdates;
  close(): Promise<void>;
}

/**
 * The Content-Security-Policy of every response: everything from this server only. Scripts may
 * compile WebAssembly ('wasm-unsafe-eval': the playground's engine) but never evaluate strings;
 * no inline scripts or styles; images also from blob:/data: (plot export); nothing may frame the page.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data: blob:; " +
  "style-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".csv": "text/csv; charset=utf-8",
  ".yaml": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
};

/** Bare module names the compiled engine imports, served from node_modules (browsers need URLs). */
const BARE_IMPORTS = /(from\s*|import\s*)(["'])zod\2/g;

function send(res: ServerResponse, status: number, body: string | Buffer, type = "text/plain; charset=utf-8", extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body), ...extra });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function sendFile(res: ServerResponse, path: string | null, transform?: (text: string) => string): void {
  if (path === null || !existsSync(path) || !statSync(path).isFile()) { send(res, 404, "not found\n"); return; }
  const type = TYPES[extname(path)] ?? "application/octet-stream";
  const body = transform ? Buffer.from(transform(readFileSync(path, "utf8"))) : readFileSync(path);
  send(res, 200, body, type);
}

function json(res: ServerResponse, value: unknown): void {
  send(res, 200, JSON.stringify(value), "application/json");
}

const list = (v: string | null): string[] => (v ? v.split(",").map((s) => decodeURIComponent(s)).filter((s) => s.length > 0) : []);
const numberOrNull = (v: string | null): number | null => (v === null || v === "" || !Number.isFinite(Number(v)) ? null : Number(v));

/** Start `fisherlab serve`: validates DIR, binds, and resolves once listening (one-line errors otherwise). */
export async function startDashboard(options: ServeOptions): Promise<DashboardServer> {
  const kind = requireDirKind("fisherlab serve", options.dir);
  const host = options.host ?? "127.0.0.1", port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`fisherlab serve: --port must be an integer in 0..65535, got ${port}`);
  const token = options.token ?? newToken();
  const index = new RunIndex(options.dir, kind);
  const live = new LiveUpdates(index, options.pollMs ?? 1000);
  const paths = assetPaths();
  let bound = port;

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, 500, `fisherlab serve: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  });

  const loopback = host === "127.0.0.1" || host === "localhost" || host === "::1";
  function handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "no-store");
    res.setHeader("cross-origin-resource-policy", "same-origin");
    if (req.method !== "GET" && req.method !== "HEAD") { send(res, 405, "fisherlab serve is read-only: GET and HEAD only\n", undefined, { allow: "GET, HEAD" }); return; }
    // DNS rebinding: a page on another site must not reach a loopback server through its own name
    if (loopback) {
      const allowed = [`127.0.0.1:${bound}`, `localhost:${bound}`, `[::1]:${bound}`];
      if (!allowed.includes(String(req.headers.host))) { send(res, 403, "fisherlab serve: unexpected Host header; open the URL that fisherlab serve printed\n"); return; }
    }
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const state = tokenState(req, url, token);
    if (state === "missing") { send(res, 403, "fisherlab serve: missing or wrong token; open the URL with ?token=… that fisherlab serve printed\n"); return; }
    if (state === "url") {
      res.setHeader("set-cookie", tokenCookie(token));
      url.searchParams.delete("token");
      // pages: drop the token from the address bar (and from history) once the cookie is set
      if (url.pathname === "/" || url.pathname === "/playground") { send(res, 302, "", undefined, { location: url.pathname + url.search + url.hash }); return; }
    }
    route(url, res);
  }

  function route(url: URL, res: ServerResponse): void {
    const p = url.pathname;
    if (p === "/") return sendFile(res, join(paths.assets, "index.html"));
    if (p === "/favicon.ico") { send(res, 204, ""); return; }
    if (p === "/playground") return sendFile(res, join(paths.assets, "playground.html"));
    if (p.startsWith("/assets/")) return sendFile(res, resolveInside(paths.assets, p.slice("/assets/".length)));
    if (p.startsWith("/vendor/")) return vendor(p.slice("/vendor/".length), res, paths);
    if (p.startsWith("/dist/")) {
      const file = resolveInside(paths.dist, p.slice("/dist/".length));
      return sendFile(res, file && file.endsWith(".js") ? file : null, (t) => t.replace(BARE_IMPORTS, "$1$2/vendor/zod/index.js$2"));
    }
    if (p.startsWith("/build/")) {
      const file = resolveInside(paths.build, p.slice("/build/".length));
      return sendFile(res, file && (file.endsWith(".wasm") || file.endsWith(".js")) ? file : null);
    }
    if (p.startsWith("/files/")) return sendFile(res, resolveInside(index.dir, p.slice("/files/".length)));
    if (p === "/api/info") return json(res, { kind, name: index.name, dir: index.dir, sweepKeys: index.sweepKeys, version: live.version });
    if (p === "/api/runs") return json(res, { version: live.version, rows: live.rows });
    if (p === "/api/events") return live.subscribe(res);
    if (p === "/api/metrics") return json(res, metrics(list(url.searchParams.get("ids"))));
    if (p === "/api/fisher") {
      const [method, layer] = (url.searchParams.get("measure") ?? "derivative:output").split(":");
      return json(res, fisherGroups(index, {
        ids: list(url.searchParams.get("ids")), groupBy: list(url.searchParams.get("group")), method, layer: layer ?? "output",
        pLow: numberOrNull(url.searchParams.get("plow")), pHigh: numberOrNull(url.searchParams.get("phigh")),
      }));
    }
    if (p === "/api/adapt") return json(res, adaptIterations());
    send(res, 404, "not found\n");
  }

  function metrics(ids: string[]): Record<string, Record<string, number[]>> {
    const out: Record<string, Record<string, number[]>> = {};
    for (const id of ids) {
      const dir = index.runDir(id);
      if (!dir || !existsSync(join(dir, METRICS_FILE))) continue;
      const rows = readCsv(join(dir, METRICS_FILE));
      const cols: Record<string, number[]> = {};
      for (const k of Object.keys(rows[0] ?? {})) cols[k] = rows.map((r) => Number(r[k]));
      out[id] = cols;
    }
    return out;
  }

  function adaptIterations(): { iteration: number; theta: number[]; density: number[]; fisher: number[] }[] {
    const file = join(index.dir, ITERATIONS_FILE);
    if (kind !== "adapt" || !existsSync(file)) return [];
    const by = new Map<number, { iteration: number; theta: number[]; density: number[]; fisher: number[] }>();
    for (const r of readCsv(file)) {
      const k = Number(r.iteration);
      const it = by.get(k) ?? { iteration: k, theta: [], density: [], fisher: [] };
      it.theta.push(Number(r.theta)); it.density.push(Number(r.density)); it.fisher.push(Number(r.fisher_smoothed));
      by.set(k, it);
    }
    return [...by.values()];
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new Error(`fisherlab serve: port ${port} on ${host} is in use; pass --port with another number (or --port 0 for a free one)`));
      else if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") reject(new Error(`fisherlab serve: cannot bind --host ${host} (${err.code}); pass an address of this machine, e.g. 127.0.0.1`));
      else if (err.code === "EACCES") reject(new Error(`fisherlab serve: not allowed to bind port ${port}; pass --port 1024 or higher`));
      else reject(err);
    });
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address();
  bound = typeof address === "object" && address ? address.port : port;
  live.start();
  const shown = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  const base = `http://${shown}:${bound}/`;
  return {
    url: base, tokenUrl: `${base}?token=${token}`, host, port: bound, token, live,
    close: () => new Promise<void>((done) => { live.stop(); server.closeAllConnections(); server.close(() => done()); }),
  };
}

function vendor(name: string, res: ServerResponse, paths: AssetPaths): void {
  if (name in paths.vendorFiles) return sendFile(res, paths.vendorFiles[name]);
  const slash = name.indexOf("/");
  const pkg = slash > 0 ? name.slice(0, slash) : "";
  if (pkg in paths.vendorDirs) {
    const file = resolveInside(paths.vendorDirs[pkg], name.slice(slash + 1));
    return sendFile(res, file && file.endsWith(".js") ? file : null);
  }
  send(res, 404, "not found\n");
}
