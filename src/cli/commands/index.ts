import type { Command } from "../command.js";
import { trainCommand } from "./train.js";
import { finetuneCommand } from "./finetune.js";
import { predictCommand } from "./predict.js";
import { fisherCommand } from "./fisher.js";
import { stimuliCommand } from "./stimuli.js";
import { adaptCommand } from "./adapt.js";
import { sweepCommand } from "./sweep.js";
import { runCommand } from "./run.js";
import { reportCommand } from "./report.js";
import { workerCommand } from "./worker.js";
import { serveCommand } from "./serve.js";
import { validateCommand } from "./validate.js";
import { studyCommand } from "./study.js";

// Every command, in the order `fisherlab --help` lists them. Each lives in its own file.
export const commands: Command[] = [
  runCommand,
  stimuliCommand,
  trainCommand,
  finetuneCommand,
  predictCommand,
  fisherCommand,
  validateCommand,
  adaptCommand,
  sweepCommand,
  studyCommand,
  workerCommand,
  reportCommand,
  serveCommand,
];
