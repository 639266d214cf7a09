import { describe, expect, it } from "vitest";
import { UsageError } from "../usageError.js";
import { HELP, out, set } from "./common.js";
import { flagOption, stringOption } from "./optionTable.js";
import { parseOptions } from "./parseOptions.js";
import { seed, seedValue } from "./seed.js";
import { workerCount, workers } from "./workers.js";

const table = { ...out("file"), ...set("override"), ...seed(), ...workers(), loc: stringOption("a number"), force: flagOption("overwrite"), ...HELP } as const;

describe("parseOptions()", () => {
  it("reads --key value, --key=value, flags, repeatable options and positionals", () => {
    const a = parseOptions("demo", ["x.yaml", "--out", "a.csv", "--set=a=1", "--force", "--set", "b=2", "y"], table);
    expect(a.values).toEqual({ out: "a.csv", set: ["a=1", "b=2"], force: true });
    expect(a.positionals).toEqual(["x.yaml", "y"]);
    expect(a.command).toBe("demo");
  });

  it("takes a value that starts with a dash (a negative number) and -h for --help", () => {
    expect(parseOptions("demo", ["--loc", "-1.5", "-h"], table).values).toEqual({ loc: "-1.5", help: true });
  });

  it("treats everything after -- as positional", () => {
    expect(parseOptions("demo", ["--", "--force"], table)).toMatchObject({ values: {}, positionals: ["--force"] });
  });

  it("refuses an unknown option naming the known ones, a flag with a value and a missing value", () => {
    expect(() => parseOptions("demo", ["--metod", "x"], table)).toThrow(UsageError);
    expect(() => parseOptions("demo", ["--metod", "x"], table)).toThrow(/^fisherlab demo: unknown option --metod; known options: --out, --set, /);
    expect(() => parseOptions("demo", ["-x"], table)).toThrow(/unknown option -x;/);
    expect(() => parseOptions("demo", ["--force=yes"], table)).toThrow("fisherlab demo: --force is a flag and takes no value");
    expect(() => parseOptions("demo", ["--out"], table)).toThrow("fisherlab demo: --out needs a value (file)");
  });

  it("does not mutate argv", () => {
    const argv = ["--out", "a"];
    parseOptions("demo", argv, table);
    expect(argv).toEqual(["--out", "a"]);
  });
});

describe("the shared checks of --seed and --workers", () => {
  it("seedValue() takes a non-negative integer, the fallback when absent", () => {
    expect(seedValue(parseOptions("demo", [], table), 7)).toBe(7);
    expect(seedValue(parseOptions("demo", ["--seed", "3"], table), 7)).toBe(3);
    expect(() => seedValue(parseOptions("demo", ["--seed", "-1"], table), 0)).toThrow('fisherlab demo: --seed must be a non-negative integer, got "-1"');
    expect(() => seedValue(parseOptions("demo", ["--seed", "1.5"], table), 0)).toThrow(UsageError);
  });

  it("workerCount() takes an integer ≥ min (0 runs the jobs in this process unless min says otherwise)", () => {
    expect(workerCount(parseOptions("demo", ["--workers", "0"], table))).toBe(0);
    expect(workerCount(parseOptions("demo", [], table), { fallback: 1, min: 1 })).toBe(1);
    expect(() => workerCount(parseOptions("demo", ["--workers", "two"], table))).toThrow('fisherlab demo: --workers must be an integer ≥ 0 (0 runs the jobs in this process), got "two"');
    expect(() => workerCount(parseOptions("demo", ["--workers", "0"], table), { min: 1 })).toThrow("--workers must be an integer ≥ 1");
  });
});
