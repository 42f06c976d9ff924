// Validates `caios check --diagnostics sarif` output against the SARIF 2.1.0 JSON schema (the
// copy shipped in @microsoft/sarif-multitool-linux, checked with ajv), for every golden case
// and a missing file. Run from the repo root with CAIOS=path/to/caios; `npm ci` first.
// Exits 77 (CTest: skipped) when the npm packages are not installed, unless CI is set.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve("package.json"));
const schemaPath = "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json";
if (!existsSync(schemaPath) || !existsSync("node_modules/ajv")) {
  console.error("SARIF schema check needs the npm test dependencies: run `npm ci` at the repo root");
  process.exit(process.env.CI ? 1 : 77);
}
const Ajv2020 = require("ajv/dist/2020").default;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

const caios = process.env.CAIOS;
if (!caios) throw new Error("set CAIOS to the caios executable");

const inputs = [["tests/golden/no_such_file.caios"]];
for (const dir of ["tests/golden", "tests/golden/valid"]) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name === "valid") continue;
    if (name.endsWith(".caios") || statSync(p).isDirectory()) inputs.push([p]);
  }
}

let failed = 0;
let results = 0;
for (const args of inputs) {
  let stdout;
  try {
    stdout = execFileSync(caios, ["check", "--diagnostics", "sarif", ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    if (e.status !== 1 && e.status !== 2) throw e;
    stdout = e.stdout;
  }
  const log = JSON.parse(stdout);
  const problems = [];
  if (!validate(log)) problems.push(...validate.errors.map((e) => `${e.instancePath} ${e.message}`));
  const run = log.runs[0];
  for (const r of run.results) {
    if (run.tool.driver.rules[r.ruleIndex]?.id !== r.ruleId) problems.push(`ruleIndex of ${r.ruleId}`);
  }
  results += run.results.length;
  if (problems.length > 0) {
    failed++;
    console.error(`${args.join(" ")}:\n  ${problems.slice(0, 10).join("\n  ")}`);
  }
}
console.log(`SARIF schema: ${inputs.length} logs with ${results} results checked`);
console.log(`${inputs.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
