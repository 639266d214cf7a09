// Sweeps across machines: a BullMQ queue on Redis, a coordinator that owns the results, workers anywhere (docs/distributed.md).
export { runQueuedSweep, QUEUE_DEFAULTS, type QueuedSweepOptions } from "./coordinator.js";
export { runQueueWorker, WorkerRefused, type QueueWorkerOptions } from "./worker.js";
export { resolveToken, TOKEN_ENV, MIN_TOKEN_LENGTH } from "./auth.js";
export { parseRedisUrl, probeRedis, type RedisTarget } from "./redisTarget.js";
export { DEFAULT_QUEUE_NAME } from "./protocol.js";
export { packRun, unpackRun, readBundle, type BundleEntry } from "./runBundle.js";
export { startFileEndpoint, endpointClient, type FileEndpoint, type EndpointClient } from "./fileEndpoint.js";
export { storeRun } from "./storeRun.js";
