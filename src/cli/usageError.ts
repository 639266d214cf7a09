/** A mistake in how a command was called: one line naming the option and the fix, exit code 2. */
export class UsageError extends Error {}
