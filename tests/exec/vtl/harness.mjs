// What the VTL template tests share (tests/exec/api_request_templates.mjs and
// api_response_templates.mjs): their arguments, the check for Java, Debian's Velocity and
// commons-lang and the npm `yaml` package, a fresh scratch folder, and the template of a golden
// program built by caios and read with CloudFormation's tags kept as plain values.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const jars = ['velocity.jar', 'commons-lang.jar', 'commons-collections3.jar'].map(
  (j) => `/usr/share/java/${j}`);

export const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');

// Reads `CAIOS SCRATCH` from the command line of test `name`, exits 2 without them and 77 (1
// under CI) when a tool is missing; `tools` lists the Java commands the test runs. Empties
// SCRATCH. Returns the two paths and `buildTemplate(source)`.
export async function setUp(name, tools = ['java']) {
  const [caios, scratch] = process.argv.slice(2);
  if (!caios || !scratch) {
    console.error(`usage: ${name}.mjs CAIOS SCRATCH`);
    process.exit(2);
  }
  let java = true;
  try {
    for (const tool of tools) execFileSync(tool, ['-version'], { stdio: 'ignore' });
  } catch {
    java = false;
  }
  if (!java || !jars.every((j) => fs.existsSync(j)) ||
      !fs.existsSync(new URL('../../../node_modules/yaml', import.meta.url))) {
    console.error(`${name}: needs java, Debian's velocity and libcommons-lang-java ` +
                  '(scripts/setup.sh) and node_modules (npm ci)');
    process.exit(process.env.CI ? 1 : 77);
  }
  const { parse } = await import('yaml');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });

  // Builds `source` (a path from the repository) and returns its template.
  function buildTemplate(source) {
    const out = path.join(scratch, 'out');
    execFileSync(caios, ['build', source, '-o', out],
                 { stdio: 'inherit', env: { ...process.env, CAIOS_STDLIB: 'stdlib' } });
    return parse(fs.readFileSync(path.join(out, 'template.yaml'), 'utf8'),
                 { customTags: [], logLevel: 'silent' });
  }
  return { caios, scratch, buildTemplate };
}
