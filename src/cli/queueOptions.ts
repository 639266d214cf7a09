import { UsageError, type OptionSpec, type ParsedArgs } from "./args.js";
import { DEFAULT_QUEUE_NAME, resolveToken, TOKEN_ENV } from "../queue/index.js";

/** Options every queue command takes (`sweep --queue`, `worker`), declared once. */
export const QUEUE_OPTIONS: Record<string, OptionSpec> = {
  queue: { type: "string", help: "redis://HOST:PORT of the BullMQ queue (rediss:// for TLS); see docs/distributed.md" },
  token: { type: "string", help: `shared secret of the coordinator and its workers (default: $${TOKEN_ENV})` },
  "queue-name": { type: "string", help: `queue name, one sweep per name at a time (default ${DEFAULT_QUEUE_NAME})` },
};

export interface QueueArgs {
  queue: string;
  token: string;
  queueName: string | undefined;
}

/** The queue options of a command, with the token from --token or the environment (UsageError naming the fix). */
export function queueArgs(command: string, args: ParsedArgs): QueueArgs {
  const queue = args.options.queue as string | undefined;
  if (!queue) throw new UsageError(`fisherlab ${command}: --queue is required (redis://HOST:PORT)`);
  try {
    return { queue, token: resolveToken(`fisherlab ${command}`, args.options.token as string | undefined), queueName: args.options["queue-name"] as string | undefined };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
