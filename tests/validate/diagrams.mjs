#!/usr/bin/env node
// diagrams.mjs — the diagrams of `caios graph`, judged by the tools that draw them and against
// the state machines AWS runs:
//   - every Mermaid file parses with Mermaid's own parser (the one GitHub renders with), and
//     its nodes, labels, frames and edges are exactly those of the DOT file of the same diagram;
//   - every DOT file renders with Graphviz's `dot` without a warning;
//   - every flow's diagram has a node per state of the flow's ASL (matched by the tooltip that
//     carries the deployed state name) and an edge per transition (Next, Choices, Default,
//     Catch as a dashed edge, a Parallel's branches, a Map's item processor), nothing more;
//   - each sample's README shows the current `caios graph --format markdown` between its
//     `<!-- caios graph begin … -->` and `<!-- caios graph end -->` markers
//     (CAIOS_UPDATE_GOLDEN=1 rewrites them).
//
//   node tests/validate/diagrams.mjs CAIOS OUT_DIR
//
// Exit 1 on any problem; 77 when node_modules or `dot` is missing (skipped unless CI is set).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [caios, outDir] = process.argv.slice(2);
if (!caios || !outDir) {
  console.error('usage: diagrams.mjs CAIOS OUT_DIR');
  process.exit(2);
}
const skip = (why) => {
  console.error(`diagrams: ${why}`);
  process.exit(process.env.CI ? 1 : 77);
};
if (!fs.existsSync(path.join(repo, 'node_modules/mermaid'))) skip('node_modules missing (run `npm ci`)');
if (spawnSync('dot', ['-V']).error) skip('Graphviz `dot` is missing (scripts/setup.sh installs it)');

// Mermaid in Node: its sanitiser needs a DOM, which parsing does not; turn it off (the test
// compares the parsed text, it renders nothing).
const { default: DOMPurify } = await import('dompurify');
Object.assign(DOMPurify, { addHook() {}, removeHook() {}, removeHooks() {}, sanitize: (s) => s });
const { default: mermaid } = await import('mermaid');

let failures = 0;
const fail = (where, what) => {
  failures++;
  console.error(`${where}: ${what}`);
};

function run(args) {
  const r = spawnSync(caios, args, { encoding: 'utf8', cwd: repo });
  if (r.status !== 0) throw new Error(`caios ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- reading both notations

const kEntities = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };
// Mermaid keeps entity codes as placeholders until it renders; decode them as it does.
function mermaidText(text) {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => kEntities[name] ?? `&${name};`)
    .replace(/<br\s*\/?>/g, '\n');
}

async function readMermaid(text) {
  await mermaid.parse(text);  // throws on a syntax error
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db;
  const nodes = new Map();
  for (const v of db.getVertices().values()) nodes.set(v.id, mermaidText(v.text ?? ''));
  const edges = db.getEdges().map((e) =>
    [e.start, e.end, mermaidText(e.text ?? ''), e.stroke === 'dotted'].join('\u0001'));
  // A frame lists the frames inside it among its nodes; DOT lists only nodes.
  const frames = db.getSubGraphs().map(
    (s) => `${mermaidText(s.title)}:${[...s.nodes].filter((n) => nodes.has(n)).sort()}`);
  return { nodes, edges: edges.sort(), frames: frames.sort() };
}

const kDotString = '"((?:[^"\\\\]|\\\\.)*)"';
function dotText(s) {
  return s.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
}
function readDot(text) {
  const nodes = new Map();
  const tooltips = new Map();
  const edges = [];
  const frames = [];
  const stack = [];
  for (const line of text.split('\n')) {
    let m;
    if ((m = line.match(/^\s*subgraph cluster_(\w+) \{$/))) {
      stack.push({ label: '', nodes: [] });
    } else if ((m = line.match(new RegExp(`^\\s*label=${kDotString};$`))) && stack.length) {
      stack.at(-1).label = dotText(m[1]);
    } else if (line.match(/^\s*\}$/) && stack.length) {
      const f = stack.pop();
      frames.push(`${f.label}:${f.nodes.sort()}`);
    } else if ((m = line.match(new RegExp(`^\\s*(\\w+) \\[label=${kDotString}(.*)\\];$`)))) {
      nodes.set(m[1], dotText(m[2]));
      const t = m[3].match(new RegExp(`tooltip=${kDotString}`));
      if (t) tooltips.set(m[1], dotText(t[1]));
      if (stack.length) stack.at(-1).nodes.push(m[1]);
    } else if ((m = line.match(/^\s*(\w+) -> (\w+)(?: \[(.*)\])?;$/))) {
      const attrs = m[3] ?? '';
      const label = attrs.match(new RegExp(`label=${kDotString}`));
      edges.push([m[1], m[2], label ? dotText(label[1]) : '', /style=dashed/.test(attrs)].join('\u0001'));
    }
  }
  return { nodes, tooltips, edges: edges.sort(), frames: frames.sort() };
}

// ---------------------------------------------------------------- the ASL's transitions

// The JSONPath target binds a caught error with a Pass state of its own between the task and
// the handler (`X (bind e)`), which the program and the diagram do not have: an edge into one
// goes on to its Next.
const isBinding = (name, s) => s.Type === 'Pass' && /\(bind \w+\)$/.test(name);
// `run f(x)` of a flow is a one-branch Parallel around the `.sync:2` task that re-raises the
// child's error (backends/aws/asl/child_errors.h): the program and the diagram have the task
// alone, under the Parallel's name.
const isChildRun = (s) => {
  if (s.Type !== 'Parallel' || s.Branches?.length !== 1) return false;
  const task = s.Branches[0].States[s.Branches[0].StartAt];
  return task?.Type === 'Task' && /:startExecution\.sync:2$/.test(task.Resource ?? '');
};
function aslGraph(definition) {
  const states = new Set();
  const edges = new Set();
  const visit = (machine) => {
    const through = (target) => {
      const s = machine.States[target];
      return s && isBinding(target, s) ? s.Next : target;
    };
    for (const [name, s] of Object.entries(machine.States)) {
      if (isBinding(name, s)) continue;
      states.add(name);
      if (s.Next) edges.add(`${name} -> ${s.Next}`);
      for (const c of s.Choices ?? []) edges.add(`${name} -> ${c.Next}`);
      if (s.Default) edges.add(`${name} -> ${s.Default}`);
      for (const c of s.Catch ?? []) edges.add(`${name} -x ${through(c.Next)}`);
      for (const b of isChildRun(s) ? [] : s.Branches ?? []) {
        edges.add(`${name} -> ${b.StartAt}`);
        visit(b);
      }
      const processor = s.ItemProcessor ?? s.Iterator;
      if (processor) {
        edges.add(`${name} -> ${processor.StartAt}`);
        visit(processor);
      }
    }
  };
  visit(definition);
  edges.add(`(start) -> ${definition.StartAt}`);
  return { states, edges };
}

// The same from the DOT: a join node stands for its parallel or loop (`jN` for `sN`); edges to
// the end or a join (a region's end, `End: true`) have no ASL counterpart.
function diagramGraph(dot) {
  const nameOf = (id) =>
    id === 'entry' ? '(start)' : dot.tooltips.get(id.replace(/^j/, 's')) ?? null;
  const states = new Set(dot.tooltips.values());
  const edges = new Set();
  for (const e of dot.edges) {
    const [from, to, , dashed] = e.split('\u0001');
    if (to === 'exit' || to.startsWith('j')) continue;
    edges.add(`${nameOf(from)} ${dashed === 'true' ? '-x' : '->'} ${nameOf(to)}`);
  }
  return { states, edges };
}

const difference = (a, b) => [...a].filter((x) => !b.has(x));

// ---------------------------------------------------------------- each input

const inputs = fs
  .readdirSync(path.join(repo, 'samples'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => `samples/${e.name}`)
  .concat(['tests/golden/valid/rules_flows.caios', 'tests/graph/labels.caios']);

fs.rmSync(outDir, { recursive: true, force: true });
let diagrams = 0, flows = 0;
for (const input of inputs) {
  const name = path.basename(input, '.caios');
  const out = path.join(outDir, name);
  try {
    run(['graph', input, '--format', 'mermaid', '-o', path.join(out, 'mermaid')]);
    run(['graph', input, '--format', 'dot', '-o', path.join(out, 'dot')]);
    run(['build', input, '-o', path.join(out, 'build')]);
  } catch (e) {
    fail(input, e.message);
    continue;
  }
  for (const mmd of walk(path.join(out, 'mermaid')).filter((f) => f.endsWith('.mmd')).sort()) {
    const rel = path.relative(path.join(out, 'mermaid'), mmd).replace(/\.mmd$/, '');
    const where = `${input} ${rel}`;
    const dotFile = path.join(out, 'dot', `${rel}.dot`);
    diagrams++;
    let m;
    try {
      m = await readMermaid(fs.readFileSync(mmd, 'utf8'));
    } catch (e) {
      fail(where, `Mermaid does not parse it: ${String(e.message ?? e).split('\n')[0]}`);
      continue;
    }
    const d = readDot(fs.readFileSync(dotFile, 'utf8'));
    const render = spawnSync('dot', ['-Tsvg', '-o', '/dev/null', dotFile], { encoding: 'utf8' });
    if (render.status !== 0 || render.stderr.trim()) {
      fail(where, `dot: exit ${render.status} ${render.stderr.trim()}`);
    }
    // Both notations say the same.
    for (const [id, label] of d.nodes) {
      if (m.nodes.get(id) !== label) {
        fail(where, `node ${id}: Mermaid shows ${JSON.stringify(m.nodes.get(id))}, DOT ${JSON.stringify(label)}`);
      }
    }
    if (m.nodes.size !== d.nodes.size) fail(where, `${m.nodes.size} Mermaid nodes, ${d.nodes.size} DOT nodes`);
    if (JSON.stringify(m.edges) !== JSON.stringify(d.edges)) {
      fail(where, `the edges differ:\n  Mermaid ${JSON.stringify(m.edges)}\n  DOT     ${JSON.stringify(d.edges)}`);
    }
    if (JSON.stringify(m.frames) !== JSON.stringify(d.frames)) {
      fail(where, `the frames differ: Mermaid ${JSON.stringify(m.frames)}, DOT ${JSON.stringify(d.frames)}`);
    }
    // A flow's diagram is its state machine.
    if (rel.startsWith('flows/')) {
      flows++;
      const asl = aslGraph(JSON.parse(fs.readFileSync(
        path.join(out, 'build', 'statemachines', `${rel.slice('flows/'.length)}.asl.json`), 'utf8')));
      const drawn = diagramGraph(d);
      for (const s of difference(asl.states, drawn.states)) fail(where, `state ${JSON.stringify(s)} is not drawn`);
      for (const s of difference(drawn.states, asl.states)) fail(where, `node ${JSON.stringify(s)} is no state`);
      for (const e of difference(asl.edges, drawn.edges)) fail(where, `transition ${e} is not drawn`);
      for (const e of difference(drawn.edges, asl.edges)) fail(where, `edge ${e} is no transition`);
    }
  }
}

// The hostile labels arrive intact: the strings of tests/graph/labels.caios, not markup.
{
  const mmd = path.join(outDir, 'labels', 'mermaid', 'flows', 'tricky.mmd');
  if (fs.existsSync(mmd)) {
    const m = await readMermaid(fs.readFileSync(mmd, 'utf8'));
    const labels = [...m.nodes.values(), ...m.edges.map((e) => e.split('\u0001')[2])].join('\n');
    for (const text of ['click s1 \\"javascript:', '<b>bold</b> & `code` | pipe', 'back\\\\N slash']) {
      if (!labels.includes(text)) fail('tests/graph/labels.caios', `no label shows ${JSON.stringify(text)}`);
    }
  } else {
    fail('tests/graph/labels.caios', 'no diagram of flow `tricky`');
  }
}

// ---------------------------------------------------------------- the samples' READMEs

const kBegin = '<!-- caios graph begin';
const kEnd = '<!-- caios graph end -->';
for (const input of inputs.filter((i) => i.startsWith('samples/'))) {
  const readme = path.join(repo, input, 'README.md');
  const block =
    `${kBegin}: generated by \`caios graph ${input} --format markdown\`; ` +
    `tests/validate/diagrams.mjs keeps it current -->\n\n` +
    run(['graph', input, '--format', 'markdown']) + `\n${kEnd}`;
  const text = fs.readFileSync(readme, 'utf8');
  const begin = text.indexOf(kBegin);
  const end = text.indexOf(kEnd);
  const current = begin >= 0 && end > begin ? text.slice(begin, end + kEnd.length) : null;
  if (current === block) continue;
  if (process.env.CAIOS_UPDATE_GOLDEN) {
    const updated = current === null
      ? `${text.trimEnd()}\n\n## Diagrams\n\n${block}\n`
      : text.replace(current, () => block);
    fs.writeFileSync(readme, updated);
    console.error(`${readme}: diagrams updated`);
  } else {
    fail(readme, current === null ? 'has no diagrams (CAIOS_UPDATE_GOLDEN=1 adds them)'
                                  : 'shows outdated diagrams (CAIOS_UPDATE_GOLDEN=1 updates them)');
  }
}

console.error(`diagrams: ${diagrams} diagrams (${flows} flows) checked, ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
