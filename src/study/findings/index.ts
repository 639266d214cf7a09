// The study's findings, sorted by id (the order of the original study's README).
import type { Finding } from "../finding.js";
import { encodingFinding } from "./encoding.js";
import { nonlinearityFinding } from "./nonlinearity.js";
import { roughnessFinding } from "./roughness.js";
import { specialisationFinding } from "./specialisation.js";
import { trainTestFinding } from "./trainTest.js";

export const FINDINGS: Finding[] = [
  roughnessFinding,
  specialisationFinding,
  nonlinearityFinding,
  encodingFinding,
  trainTestFinding,
].sort((a, b) => a.id - b.id);
