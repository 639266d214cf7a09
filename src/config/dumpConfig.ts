import YAML from "yaml";

/**
 * YAML text of a resolved config. Lists of scalars are written inline (`hidden: [60, 20]`) so
 * the file reads like the documentation; long numeric lists (tabulated densities) stay block.
 */
export function dumpConfig(config: unknown): string {
  const doc = new YAML.Document(config);
  YAML.visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => YAML.isScalar(item)) && node.items.length <= 16) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
