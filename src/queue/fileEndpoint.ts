import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sha256, sign, verify } from "./auth.js";

/**
 * The coordinator's file endpoint: workers GET a finished run (a parent's weights) and PUT the run
 * they produced, as run bundles (runBundle.ts). Every request is signed with the shared token over
 * its method, path, time, body hash, version and sweep (headers below); a request that does not
 * verify is answered 401 before its body is read, and reaches none of the handlers.
 */
const H_TIME = "x-fisherlab-time", H_BODY = "x-fisherlab-body-sha256", H_SIG = "x-fisherlab-signature";
const H_VERSION = "x-fisherlab-version", H_SWEEP = "x-fisherlab-sweep";
/** signed requests older or newer than this are refused (limits replays; clocks must agree this well) */
const MAX_SKEW_MS = 5 * 60_000;
/** a run bundle larger than this is refused (checkpoints of the networks here are a few MB) */
export const MAX_BUNDLE_BYTES = 2 ** 31 - 1;
const RUN_PATH = /^\/v1\/runs\/([A-Za-z0-9._=+~-]+)$/;

export interface EndpointHandlers {
  /** the bundle of a finished run, or null (404) */
  get(runId: string): Buffer | null;
  /** store a run; resolves to whether it was new (false: it had landed before) */
  put(runId: string, bundle: Buffer): Promise<{ stored: boolean }>;
}

export interface EndpointOptions {
  token: string;
  version: string;
  sweep: string;
  /** address to listen on (default 127.0.0.1: this machine only) */
  bind?: string;
  /** port (default 0: any free port) */
  port?: number;
  handlers: EndpointHandlers;
}

export interface FileEndpoint {
  /** the address the server listens on, host:port */
  address: string;
  port: number;
  close(): Promise<void>;
}

/** Error with an HTTP status, sent to the client as {"error": message}. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function signatureParts(method: string, path: string, time: string, bodySha: string, version: string, sweep: string): string[] {
  return ["request", method, path, time, bodySha, version, sweep];
}

export async function startFileEndpoint(options: EndpointOptions): Promise<FileEndpoint> {
  const { token, version, sweep, handlers } = options;
  const bind = options.bind ?? "127.0.0.1";
  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) {
        res.writeHead(status, { "content-type": "application/json", connection: "close" });
        res.end(JSON.stringify({ error: message }));
      } else res.destroy();
      if (status === 401 || status === 413) req.destroy(); // do not read an unauthenticated body
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://endpoint");
    const header = (name: string) => { const v = req.headers[name]; return typeof v === "string" ? v : ""; };
    const time = header(H_TIME), bodySha = header(H_BODY);
    const method = req.method ?? "";
    const fresh = Math.abs(Date.now() - Number(time)) <= MAX_SKEW_MS;
    if (!fresh || !verify(token, header(H_SIG), ...signatureParts(method, url.pathname, time, bodySha, header(H_VERSION), header(H_SWEEP)))) {
      throw new HttpError(401, "the request is not signed with this coordinator's token (or its clock is off by more than 5 minutes); set the same FISHERLAB_TOKEN on every machine");
    }
    if (header(H_VERSION) !== version) throw new HttpError(409, `this coordinator runs fisherlab ${version}, the request came from fisherlab ${header(H_VERSION)}; install ${version} on the worker`);
    if (header(H_SWEEP) !== sweep) throw new HttpError(409, `this coordinator runs sweep ${sweep}, not ${header(H_SWEEP)}`);
    let path = url.pathname;
    try { path = decodeURIComponent(path); } catch { /* left as is: the pattern below rejects it */ }
    const m = RUN_PATH.exec(path);
    if (!m) throw new HttpError(404, `no such endpoint ${url.pathname}; use /v1/runs/<run_id>`);
    if (method === "GET") {
      const bundle = handlers.get(m[1]);
      if (!bundle) throw new HttpError(404, `run ${m[1]} has not finished on the coordinator`);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bundle.length, [H_BODY]: sha256(bundle) });
      res.end(bundle);
      return;
    }
    if (method !== "PUT") throw new HttpError(405, `method ${method} is not allowed; use GET or PUT`);
    const declared = Number(req.headers["content-length"]);
    if (!Number.isFinite(declared) || declared > MAX_BUNDLE_BYTES) throw new HttpError(413, `a run bundle must state its length and be at most ${MAX_BUNDLE_BYTES} bytes`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (sha256(body) !== bodySha) throw new HttpError(400, "the body does not match its signed SHA-256; resend it");
    const result = await handlers.put(m[1], body);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(result));
  }
  await new Promise<void>((ready, fail) => {
    server.once("error", (err: NodeJS.ErrnoException) => fail(new Error(`the file endpoint cannot listen on ${bind}:${options.port ?? 0}: ${err.code ?? err.message}; choose another --bind or --port`)));
    server.listen(options.port ?? 0, bind, () => ready());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    address: `${bind.includes(":") ? `[${bind}]` : bind}:${port}`, port,
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

export interface EndpointClient {
  get(path: string): Promise<Buffer>;
  put(path: string, body: Buffer): Promise<unknown>;
}

/** Signed requests to a coordinator's file endpoint at `base` (http://host:port). */
const UNREACHABLE = "cannot reach the coordinator's file endpoint ";

/**
 * The endpoint URL named by a job's failure reason when the job failed because that endpoint could
 * not be reached (e.g. its coordinator was killed), else null.
 */
export function unreachableEndpointOf(reason: string | undefined): string | null {
  if (!reason?.startsWith(UNREACHABLE)) return null;
  const rest = reason.slice(UNREACHABLE.length);
  const colon = rest.indexOf(": ");
  return colon < 0 ? rest : rest.slice(0, colon);
}

export function endpointClient(base: string, token: string, version: string, sweep: string): EndpointClient {
  async function request(method: "GET" | "PUT", path: string, body?: Buffer): Promise<Buffer> {
    const time = String(Date.now());
    const bodySha = sha256(body ?? Buffer.alloc(0));
    const headers: Record<string, string> = {
      [H_TIME]: time, [H_BODY]: bodySha, [H_VERSION]: version, [H_SWEEP]: sweep,
      [H_SIG]: sign(token, ...signatureParts(method, path, time, bodySha, version, sweep)),
    };
    if (body) headers["content-type"] = "application/octet-stream";
    let res: Response;
    try {
      res = await fetch(new URL(path, base), { method, headers, body });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`${UNREACHABLE}${base}: ${cause?.code ?? cause?.message ?? String(err)}`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) {
      let message = bytes.toString("utf8");
      try { message = (JSON.parse(message) as { error: string }).error; } catch { /* not JSON: keep the text */ }
      throw new Error(`${method} ${base}${path} answered ${res.status}: ${message}`);
    }
    if (method === "GET" && res.headers.get(H_BODY) !== sha256(bytes)) throw new Error(`GET ${base}${path}: the body does not match its SHA-256; the transfer was damaged, retry`);
    return bytes;
  }
  return {
    get: (path) => request("GET", path),
    put: async (path, body) => JSON.parse((await request("PUT", path, body)).toString("utf8")) as unknown,
  };
}
