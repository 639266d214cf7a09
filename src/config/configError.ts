import type { Violation } from "../rules/index.js";

/** One invalid field of a config: its dotted path and what is wrong with it (rule, value received, fix). */
export type ConfigIssue = Violation;

/**
 * A config that failed validation. `message` is a summary line followed by one line per invalid
 * field (each from the one phrasing of src/rules' `describeIssues`), so the CLI can print it as
 * is; `issues` keeps them for programs.
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(summary: string, issues: ConfigIssue[]) {
    super([summary, ...issues.map((i) => `  ${i.path || "(top level)"}: ${i.message}`)].join("\n"));
    this.name = "ConfigError";
    this.issues = issues;
  }
}
