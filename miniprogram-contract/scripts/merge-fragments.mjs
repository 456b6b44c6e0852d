// Merges feature fragments (openapi/<feature>.yaml: paths and components) into openapi.yaml, keeping its
// comments and order, then removes the merged fragments. Used when a feature lands; fails on any conflict.
import { readFileSync, writeFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(join(root, "..", "package.json"));
const YAML = require("yaml");

const specPath = join(root, "openapi.yaml");
const spec = YAML.parseDocument(readFileSync(specPath, "utf8"));
const dir = join(root, "openapi");
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort() : [];
for (const file of files) {
  const fragment = YAML.parse(readFileSync(join(dir, file), "utf8"));
  for (const [path, item] of Object.entries(fragment.paths ?? {})) {
    if (spec.hasIn(["paths", path])) throw new Error(`${file}: path ${path} already exists`);
    spec.setIn(["paths", path], spec.createNode(item));
  }
  for (const [kind, entries] of Object.entries(fragment.components ?? {})) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (spec.hasIn(["components", kind, name])) throw new Error(`${file}: components.${kind}.${name} already exists`);
      spec.setIn(["components", kind, name], spec.createNode(value));
    }
  }
  console.log(`merged ${file}`);
}
writeFileSync(specPath, spec.toString({ lineWidth: 0 }));
for (const file of files) rmSync(join(dir, file));
