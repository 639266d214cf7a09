// Parameter rules as data: every function's options are a zod schema, and one helper turns
// violations into the one-line messages (function, option, rule, value received, fix).
export { checkOptions } from "./checkOptions.js";
export { describeIssues, type Violation } from "./describeIssues.js";
export { param, paramRules, knownKeys, isFiniteNumber, type Rule } from "./rule.js";
export { showValue, pathText } from "./showValue.js";
