import { DEFAULT_QUEUE_NAME, resolveToken, TOKEN_ENV } from "../../queue/index.js";
import { UsageError } from "../usageError.js";
import { stringOption, type ParsedArgs } from "./optionTable.js";

/** Options every queue command takes (`sweep --queue`, `worker`), declared once. */
export const QUEUE = {
  queue: stringOption("redis://HOST:PORT of the BullMQ queue (rediss:// for TLS); see docs/distributed.md"),
  token: stringOption(`shared secret of the coordinator and its workers (default: $${TOKEN_ENV})`),
  "queue-name": stringOption(`queue name, one sweep per name at a time (default ${DEFAULT_QUEUE_NAME})`),
} as const;

export interface QueueArgs {
  queue: string;
  token: string;
  queueName: string | undefined;
}

/** The queue options of a command, with the token from --token or the environment (UsageError naming the fix). */
export function queueArgs(args: ParsedArgs<typeof QUEUE>): QueueArgs {
  const { queue, token, "queue-name": queueName } = args.values;
  if (!queue) throw new UsageError(`fisherlab ${args.command}: --queue is required (redis://HOST:PORT)`);
  try {
    return { queue, token: resolveToken(`fisherlab ${args.command}`, token), queueName };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
