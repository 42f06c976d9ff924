// Every snippet of snippets/caios.json, expanded with its default placeholders as VS Code inserts
// it, must be a program (or a statement of a flow) that `caios check --deny-warnings` accepts.
//   node snippets.mjs CAIOS STDLIB WORKDIR
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [caios, stdlib, work] = process.argv.slice(2);
if (!caios || !stdlib || !work) {
  console.error("usage: snippets.mjs CAIOS STDLIB WORKDIR");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const snippets = JSON.parse(readFileSync(join(here, "..", "snippets", "caios.json"), "utf8"));

// Expands a snippet body (TextMate snippet syntax as VS Code reads it): `${N:default}` becomes its
// default (expanded in turn), `$N` and `${N}` the default given to tabstop N elsewhere, `\$` a `$`.
export function expand(body) {
  const defaults = new Map();
  // First pass: the defaults of every tabstop, innermost first, so mirrors can be filled.
  const collect = (text) => {
    const re = /\$\{(\d+):/g;
    let m;
    while ((m = re.exec(text))) {
      let depth = 1;
      let i = re.lastIndex;
      for (; i < text.length && depth > 0; ++i) {
        if (text[i] === "\\") { ++i; continue; }
        if (text.startsWith("${", i)) { ++depth; ++i; } else if (text[i] === "}") --depth;
      }
      const inner = text.slice(re.lastIndex, i - 1);
      if (!defaults.has(m[1])) defaults.set(m[1], inner);
      collect(inner);
    }
  };
  collect(body);
  const render = (text, seen = new Set()) => {
    let out = "";
    for (let i = 0; i < text.length; ++i) {
      if (text[i] === "\\" && i + 1 < text.length) { out += text[++i]; continue; }
      if (text[i] !== "$") { out += text[i]; continue; }
      let m = /^\$\{(\d+):/.exec(text.slice(i));
      if (m) {
        let depth = 1;
        let j = i + m[0].length;
        for (; j < text.length && depth > 0; ++j) {
          if (text[j] === "\\") { ++j; continue; }
          if (text.startsWith("${", j)) { ++depth; ++j; } else if (text[j] === "}") --depth;
        }
        out += render(text.slice(i + m[0].length, j - 1), seen);
        i = j - 1;
        continue;
      }
      m = /^\$(?:(\d+)|\{(\d+)\})/.exec(text.slice(i));
      if (m) {
        const n = m[1] ?? m[2];
        if (defaults.has(n) && !seen.has(n)) out += render(defaults.get(n), new Set([...seen, n]));
        i += m[0].length - 1;
        continue;
      }
      throw new Error(`unsupported snippet syntax at ${JSON.stringify(text.slice(i, i + 12))}`);
    }
    return out;
  };
  return render(body);
}

// A snippet that starts with a declaration is a program's top level; any other is a statement,
// checked inside a flow.
const declaration = /^(app|type|table|bucket|queue|topic|stream|events|connection|function|flow|api|schedule|policy|on)\b/;
// What the top-level snippets refer to by their default names (`start process`).
const context = `flow process(input: json) -> json {\n  return input\n}\n`;

rmSync(work, { recursive: true, force: true });
let failures = 0;
let count = 0;
for (const [name, snippet] of Object.entries(snippets)) {
  ++count;
  const body = expand(Array.isArray(snippet.body) ? snippet.body.join("\n") : snippet.body);
  let program;
  if (/^app\b/.test(body)) program = body + "\n";
  else if (declaration.test(body)) {
    const defines = /^flow process\b/.test(body);
    program = `app snippets\n\n${defines ? "" : context}\n${body}\n`;
  } else {
    program = `app snippets\n\nflow snippet(input: json) -> json {\n${body}\nreturn input\n}\n`;
  }
  const dir = join(work, name.replace(/[^A-Za-z0-9]+/g, "_"));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "main.caios");
  writeFileSync(file, program);
  // A function's code folder must exist (E0520); a user's project has it, the test makes it.
  for (const m of program.matchAll(/\bcode\s+"([^"]+)"/g)) mkdirSync(join(dir, m[1]), { recursive: true });
  const r = spawnSync(caios, ["check", "--color", "never", "--deny-warnings", "--stdlib", stdlib, dir],
    { encoding: "utf8" });
  if (r.status !== 0) {
    ++failures;
    console.error(`snippet "${name}" does not check (exit ${r.status}):\n${program}\n${r.stdout}${r.stderr}`);
  }
}
if (count === 0) {
  console.error("no snippets found");
  process.exit(1);
}
console.log(`${count - failures}/${count} snippets check`);
process.exit(failures ? 1 : 0);
