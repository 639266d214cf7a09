import { describe, expect, it } from "vitest";
import { analyzeNonlinearity } from "./nonlinearity.js";
import type { RoughnessRow } from "./roughness.js";

/** Rows with roughness = level + a fixed spread pattern (4 networks per activation), floor 0.01. */
const rows = (levels: Record<string, number>): RoughnessRow[] =>
  Object.entries(levels).flatMap(([activation, level]) => [-0.01, 0, 0.005, 0.01].map((d) => ({ activation, roughness: level + d, floor: 0.01 })));

describe("analyzeNonlinearity()", () => {
  it("is reproduced when relu and leaky_relu are rougher than celu and tanh, beyond the interval and in order", () => {
    const r = analyzeNonlinearity(rows({ celu: 0.05, tanh: 0.06, relu: 0.2, leaky_relu: 0.18 }));
    expect(r.verdict).toBe("reproduced");
    const diff = r.statistics.find((s) => s.name.startsWith("roughness, non-smooth"))!;
    expect(diff.value).toBeCloseTo((0.2 + 0.18) / 2 - (0.05 + 0.06) / 2, 12); // the ±d pattern has the same mean in every group
    expect(diff.lo).toBeGreaterThan(0);
  });

  it("is not reproduced when every activation is equally rough", () => {
    expect(analyzeNonlinearity(rows({ celu: 0.1, tanh: 0.1, relu: 0.1, leaky_relu: 0.1 })).verdict).toBe("not reproduced");
  });

  it("is mixed when non-smooth ones are rougher on average but one smooth activation is rougher than a non-smooth one", () => {
    expect(analyzeNonlinearity(rows({ celu: 0.05, tanh: 0.25, relu: 0.3, leaky_relu: 0.2 })).verdict).toBe("mixed");
  });
});
