import type { Finding, FindingFigure } from "./finding.js";

/** findings/<file>: `<id>-<slug>-<figure>.svg`, one name for the HTML, the Markdown and the --docs copy. */
export function figureFileName(finding: Finding, figure: FindingFigure): string {
  return `${finding.id}-${finding.slug}-${figure.name}.svg`;
}
