// Evaluates JSONata expressions for the local cloud's Step Functions interpreter with the
// reference `jsonata` package (docs/testing.md). One request per line on standard input,
// {"id": N, "expr": "..."}; one answer per line on standard output, in order:
// {"id": N, "value": ...} (no "value" when the result is undefined) or
// {"id": N, "error": "CODE", "message": "..."}.
//   node jsonata_bridge.mjs FILE_URL_OF_jsonata.js
import readline from 'node:readline';

const { default: jsonata } = await import(process.argv[2]);

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const { id, expr } = JSON.parse(line);
  let answer;
  try {
    const value = await jsonata(expr).evaluate({});
    answer = value === undefined ? { id } : { id, value };
  } catch (e) {
    answer = { id, error: String(e.code ?? 'UNKNOWN'), message: String(e.message ?? e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
