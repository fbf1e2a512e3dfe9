// Validates JSON files against lessons/schema/pack.schema.json with ajv (JSON Schema 2020-12,
// formats by ajv-formats), as an editor would. Prints one line per file: "valid FILE" or
// "invalid FILE: first error". Exit 0 if all valid, 1 otherwise, 2 on usage/set-up problems.
// Usage: node ajv_validate.mjs NODE_MODULES_DIR SCHEMA FILE...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [modules, schemaPath, ...files] = process.argv.slice(2);
if (!modules || !schemaPath) {
  console.error("usage: node ajv_validate.mjs NODE_MODULES_DIR SCHEMA FILE...");
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

let allValid = true;
for (const file of files) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(`invalid ${file}: not JSON (${e.message})`);
    allValid = false;
    continue;
  }
  if (validate(data)) {
    console.log(`valid ${file}`);
  } else {
    const e = validate.errors[0];
    console.log(`invalid ${file}: ${e.instancePath || "/"} ${e.message}`);
    allValid = false;
  }
}
process.exit(allValid ? 0 : 1);
