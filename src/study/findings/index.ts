// The study's findings, sorted by id (the order of the original study's README).
import type { Finding } from "../finding.js";
import { diffusionFinding } from "./diffusion.js";
import { encodingFinding } from "./encoding.js";
import { lossExponentFinding } from "./lossExponent.js";
import { nonlinearityFinding } from "./nonlinearity.js";
import { optimizerStateFinding } from "./optimizerState.js";
import { residueFinding } from "./residue.js";
import { roughnessFinding } from "./roughness.js";
import { specialisationFinding } from "./specialisation.js";
import { trainTestFinding } from "./trainTest.js";

export const FINDINGS: Finding[] = [
  roughnessFinding,
  diffusionFinding,
  residueFinding,
  specialisationFinding,
  nonlinearityFinding,
  encodingFinding,
  trainTestFinding,
  lossExponentFinding,
  optimizerStateFinding,
].sort((a, b) => a.id - b.id);
