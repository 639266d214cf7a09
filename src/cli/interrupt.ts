/**
 * Ctrl-C for long-running commands: the first SIGINT aborts the work's signal (it stops at the
 * next safe point, keeping what is on disk) and the command exits with 130, the shell's code for
 * an interrupt; a second SIGINT kills the process at once (Node's default).
 */
export async function withInterrupt(work: (signal: AbortSignal) => Promise<number>, interrupted: abstract new (...args: never[]) => Error): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await work(controller.signal);
  } catch (err) {
    if (err instanceof interrupted) { console.error(err.message); return 130; }
    throw err;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
