import { describe, expect, it } from "vitest";
import { FISHER_METHODS, LOSS_NAMES } from "./choices.js";
import { LOSS_NAMES as NN_LOSS_NAMES } from "../nn/index.js";
import { NETWORK_METHODS } from "../fisher/index.js";

describe("config vocabularies", () => {
  it("LOSS_NAMES equals the loss registry of src/nn (a config name always builds a loss)", () => {
    expect([...LOSS_NAMES].sort()).toEqual([...NN_LOSS_NAMES].sort());
  });
  it("FISHER_METHODS equals src/fisher's NETWORK_METHODS (a configured measurement always runs)", () => {
    expect([...FISHER_METHODS].sort()).toEqual([...NETWORK_METHODS].sort());
  });
});
