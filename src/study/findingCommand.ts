/** The command that reproduces one finding: the study's command restricted to it (without --only / --docs). */
export function findingCommand(command: string, id: number): string {
  return `${command.replace(/ --only [^ ]+/, "").replace(/ --docs [^ ]+/, "")} --only ${id}`;
}
