import type { Job } from "../experiments/index.js";
import { sign, verify } from "./auth.js";

/**
 * What the coordinator and its workers say to each other through Redis. Every message is signed
 * with the shared token (auth.ts), so a party without it can neither pose as the coordinator nor
 * inject jobs; the token itself is never stored in Redis.
 */
export const DEFAULT_QUEUE_NAME = "fisherlab";

/** Redis key of the live coordinator's record (expires unless refreshed: a dead coordinator disappears). */
export const coordinatorKey = (queueName: string) => `fisherlab:${queueName}:coordinator`;
/** Redis key naming the sweep whose jobs the queue holds (jobs of an earlier sweep are cleared). */
export const sweepKey = (queueName: string) => `fisherlab:${queueName}:sweep`;
/** seconds a coordinator record lives without a refresh */
export const RECORD_TTL_SECONDS = 15;

/** Published by the coordinator: where its file endpoint is, which sweep and version it runs. */
export interface CoordinatorRecord {
  /** the file endpoint's base URL, e.g. http://10.0.0.5:7070 */
  url: string;
  version: string;
  /** id of the sweep (its output directory on its host) */
  sweep: string;
  host: string;
  pid: number;
  out: string;
  /** BullMQ lock duration and stalled-check interval the workers use: a lost worker's job is handed on after about this long */
  stall_seconds: number;
  /** sign(token, "coordinator", url, version, sweep) */
  proof: string;
}

export function recordProofParts(r: Pick<CoordinatorRecord, "url" | "version" | "sweep">): string[] {
  return ["coordinator", r.url, r.version, r.sweep];
}

/** One job as the queue carries it: the expanded job with its config, seed and stage lineage. */
export interface QueuedJob {
  sweep: string;
  /** fisherlab version of the coordinator that enqueued it; a worker of another version refuses it */
  version: string;
  /** run_ids from the first stage down to this job's parent */
  lineage: string[];
  job: Job;
}

/** The BullMQ job data: the JSON text of a QueuedJob and its signature (the text is signed as sent). */
export interface JobMessage {
  payload: string;
  signature: string;
}

export function signJob(token: string, queued: QueuedJob): JobMessage {
  const payload = JSON.stringify(queued);
  return { payload, signature: sign(token, "job", payload) };
}

/** The job of a message, or null when its signature does not verify with `token`. */
export function openJob(token: string, message: Partial<JobMessage> | undefined): QueuedJob | null {
  if (!message || typeof message.payload !== "string" || !verify(token, message.signature, "job", message.payload)) return null;
  return JSON.parse(message.payload) as QueuedJob;
}
