// Tokenizes every sample and stdlib module with VS Code's own TextMate engine (vscode-textmate +
// vscode-oniguruma) and the extension's grammar, and checks the scopes against the tokens of the
// caios lexer (grammar/CaiosLexer.g4): every comment is a comment, every string a string, every
// duration a duration, every keyword the lexer reserves a keyword, and nothing else a keyword.
//   node grammar.mjs FILE_OR_DIR...       (exit 77 when the npm packages are not installed)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extension = join(here, "..");
const repo = join(extension, "..", "..");
const require = createRequire(join(extension, "package.json"));
let vsctm, oniguruma;
try {
  vsctm = require("vscode-textmate");
  oniguruma = require("vscode-oniguruma");
} catch {
  console.error("vscode-textmate or vscode-oniguruma missing: run `npm ci` in editors/vscode");
  process.exit(process.env.CI ? 1 : 77);
}

// ---- The lexer's vocabulary and a scanner that follows its rules (grammar/CaiosLexer.g4).
const lexer = readFileSync(join(repo, "grammar", "CaiosLexer.g4"), "utf8");
function section(title) {
  const start = lexer.indexOf(title);
  const end = lexer.indexOf("\n\n", start);
  return [...lexer.slice(start, end).matchAll(/^[A-Z_]+:\s*'([a-z_]+)';/gm)].map((m) => m[1]);
}
const reserved = new Set(section("// Reserved keywords"));
const contextual = new Set(section("// Contextual keywords"));
if (reserved.size < 20 || contextual.size < 5) throw new Error("cannot read the lexer's keywords");

// Tokens as [kind, start, end) offsets: comment, string, duration, number, word, other.
function scan(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (/\s/.test(c)) { ++i; continue; }
    if (text.startsWith("//", i)) {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") ++i;
      tokens.push(["comment", start, i]);
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      tokens.push(["comment", start, i]);
    } else if (c === '"') {
      ++i;
      while (i < text.length && text[i] !== '"' && text[i] !== "\n") {
        if (text[i] === "\\") i += 2;
        else if (text.startsWith("${", i)) {
          i += 2;
          while (i < text.length && text[i] !== "}" && text[i] !== "\n") {
            if (text[i] === '"') {
              ++i;
              while (i < text.length && !'"\n}'.includes(text[i])) ++i;
            }
            ++i;
          }
          ++i;
        } else ++i;
      }
      ++i;
      tokens.push(["string", start, i]);
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(?:(ms|s|m|h|d)(?![A-Za-z_0-9])|\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)?/.exec(text.slice(i));
      i += m[0].length;
      tokens.push([m[1] ? "duration" : "number", start, i]);
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z_0-9]/.test(text[i])) ++i;
      tokens.push(["word", start, i]);
    } else {
      ++i;
      tokens.push(["other", start, i]);
    }
  }
  return tokens;
}

// ---- The TextMate engine with the extension's grammar.
const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);
const registry = new vsctm.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) => {
    if (scopeName !== "source.caios") return null;
    const path = join(extension, "syntaxes", "caios.tmLanguage.json");
    return vsctm.parseRawGrammar(readFileSync(path, "utf8"), path);
  },
});
const grammar = await registry.loadGrammar("source.caios");

// The scopes of every character of `text`, by offset.
function scopesOf(text) {
  const scopes = new Array(text.length).fill(null);
  let state = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split("\n")) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      for (let k = t.startIndex; k < Math.min(t.endIndex, line.length); ++k) scopes[offset + k] = t.scopes;
    }
    state = r.ruleStack;
    offset += line.length + 1;
  }
  return scopes;
}

function files(path) {
  if (!existsSync(path)) return [];  // a dangling link
  if (statSync(path).isDirectory()) return readdirSync(path).sort().flatMap((e) => files(join(path, e)));
  return path.endsWith(".caios") ? [path] : [];
}

const inputs = process.argv.slice(2).flatMap(files);
if (inputs.length === 0) {
  console.error("usage: grammar.mjs FILE_OR_DIR... (no .caios file found)");
  process.exit(2);
}
const problems = [];
const counts = { comment: 0, string: 0, duration: 0, keyword: 0 };
const isKeyword = (scopes) => scopes.some((s) => /^(keyword\.(?!operator\.(?!word))|constant\.language|storage\.type)/.test(s));
for (const file of inputs) {
  const text = readFileSync(file, "utf8").replace(/\r\n?/g, "\n");
  const scopes = scopesOf(text);
  const where = (offset) => {
    const before = text.slice(0, offset).split("\n");
    return `${file}:${before.length}:${before.at(-1).length + 1}`;
  };
  const expect = (start, end, test, what) => {
    for (let k = start; k < end; ++k) {
      if (/\s/.test(text[k]) && !scopes[k]) continue;
      if (!scopes[k] || !test(scopes[k])) {
        problems.push(`${where(k)}: \`${text.slice(start, end).slice(0, 40)}\` should be ${what}, ` +
          `has ${scopes[k] ? scopes[k].join(" ") : "no scope"}`);
        return;
      }
    }
  };
  const keywordAt = new Array(text.length).fill(false);
  const tokens = scan(text);
  tokens.forEach(([kind, start, end], n) => {
    const prev = tokens[n - 1];
    const next = tokens[n + 1];
    if (kind === "comment") {
      ++counts.comment;
      expect(start, end, (s) => s.some((x) => x.startsWith("comment.")), "a comment");
    } else if (kind === "string") {
      ++counts.string;
      expect(start, end, (s) => s.some((x) => x.startsWith("string.")), "a string");
    } else if (kind === "duration") {
      ++counts.duration;
      expect(start, end, (s) => s.includes("constant.numeric.duration.caios"), "a duration");
    } else if (kind === "word") {
      const word = text.slice(start, end);
      // After `.` every word is a name (a field or an operation), keywords included.
      const afterDot = prev && text.slice(prev[1], prev[2]) === ".";
      const nextText = next ? text.slice(next[1], next[2]) : "";
      const used = reserved.has(word) ||
        (contextual.has(word) && nextText !== "(" && !(nextText === "=" && text[next[2]] !== "="));
      if (used && !afterDot) {
        ++counts.keyword;
        for (let k = start; k < end; ++k) keywordAt[k] = true;
        expect(start, end, isKeyword, "a keyword");
      }
    }
  });
  // Nothing but the lexer's keywords is a keyword: `format` is not `for`, `intake` not `in`.
  for (let k = 0; k < text.length; ++k) {
    if (!keywordAt[k] && scopes[k] && isKeyword(scopes[k]) && /[A-Za-z_]/.test(text[k])) {
      problems.push(`${where(k)}: \`${/[A-Za-z_0-9]*/.exec(text.slice(k))[0]}\` is not a keyword ` +
        `of the lexer but has ${scopes[k].join(" ")}`);
      while (k < text.length && /[A-Za-z_0-9]/.test(text[k])) ++k;
    }
  }
}
for (const p of problems.slice(0, 50)) console.error(p);
if (problems.length) {
  console.error(`${problems.length} problem(s)`);
  process.exit(1);
}
if (Object.values(counts).some((n) => n === 0)) {
  console.error(`the inputs lack some kind of token: ${JSON.stringify(counts)}`);
  process.exit(1);
}
console.log(`${inputs.length} files: ${JSON.stringify(counts)} scoped as the lexer reads them`);
