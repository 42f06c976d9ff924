#!/usr/bin/env node
// DynamoDB marshalling of recursive item types (docs/language.md, section 16): builds a program
// whose tables hold a recursive and two mutually recursive record types, evaluates the JSONata
// of its putItem `Item` and getItem result with the reference `jsonata` package, and compares
// with attribute values written here by hand from DynamoDB's AttributeValue format (never
// copied from the compiler's output); the item read back must be the value written.
//
//   node tests/exec/dynamodb_marshal.mjs CAIOS SCRATCH
//
// Exit 1 on a mismatch, 77 when node_modules is missing (skipped unless CI is set).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

if (!fs.existsSync(new URL('../../node_modules/jsonata', import.meta.url))) {
  console.error('dynamodb_marshal: node_modules missing (run `npm ci`)');
  process.exit(process.env.CI ? 1 : 77);
}
const { default: jsonata } = await import('jsonata');

const [caios, scratch] = process.argv.slice(2);
if (!caios || !scratch) {
  console.error('usage: dynamodb_marshal.mjs CAIOS SCRATCH');
  process.exit(2);
}

const program = `app marshal
type Tree { id: string, label?: string, size: int, kids: [Tree] }
type Dept { name: string, head?: Person, teams: [Dept] }
type Person { id: string, dept: Dept? }
table Trees: Tree { key id: string }
table People: Person { key id: string }
flow trees(tree: Tree) -> Tree? {
  Trees.put(tree)
  return Trees.get({ id: tree.id })
}
flow people(person: Person) -> Person? {
  People.put(person)
  return People.get({ id: person.id })
}
`;

// Each case: the flow, its parameter, the value, and the DynamoDB item it must become.
const cases = [
  {
    flow: 'trees',
    param: 'tree',
    value: {
      id: 'root', label: 'top', size: 2,
      kids: [
        { id: 'a', size: 1, kids: [{ id: 'a1', label: 'deep', size: 0, kids: [] }] },
        { id: 'b', size: 0, kids: [] },
      ],
    },
    item: {
      id: { S: 'root' }, label: { S: 'top' }, size: { N: '2' },
      kids: { L: [
        { M: { id: { S: 'a' }, size: { N: '1' }, kids: { L: [
          { M: { id: { S: 'a1' }, label: { S: 'deep' }, size: { N: '0' }, kids: { L: [] } } },
        ] } } },
        { M: { id: { S: 'b' }, size: { N: '0' }, kids: { L: [] } } },
      ] },
    },
  },
  {
    flow: 'people',
    param: 'person',
    value: {
      id: 'p1',
      dept: { name: 'eng', head: { id: 'p0', dept: null }, teams: [{ name: 'core', teams: [] }] },
    },
    item: {
      id: { S: 'p1' },
      dept: { M: {
        name: { S: 'eng' },
        head: { M: { id: { S: 'p0' }, dept: { NULL: true } } },
        teams: { L: [{ M: { name: { S: 'core' }, teams: { L: [] } } }] },
      } },
    },
  },
];

fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
const source = path.join(scratch, 'marshal.caios');
fs.writeFileSync(source, program);
const out = path.join(scratch, 'out');
try {
  execFileSync(caios, ['build', source, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  console.error(`caios build failed on ${source}:\n${e.stderr}`);
  process.exit(1);
}

const plain = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const expr = (text) => jsonata(text.replace(/^\{%\s*/, '').replace(/\s*%\}$/, ''));
const failures = [];
for (const c of cases) {
  const asl = JSON.parse(fs.readFileSync(path.join(out, 'statemachines', `${c.flow}.asl.json`), 'utf8'));
  const tasks = Object.values(asl.States).filter((s) => s.Type === 'Task');
  const put = tasks.find((s) => s.Resource.endsWith(':putItem'));
  const get = tasks.find((s) => s.Resource.endsWith(':getItem'));
  if (!put || !get) {
    failures.push(`${c.flow}: no putItem/getItem task`);
    continue;
  }
  const item = plain(await expr(put.Arguments.Item).evaluate({}, { [c.param]: c.value }));
  if (!isDeepStrictEqual(item, c.item)) {
    failures.push(`${c.flow}: putItem Item\n  expected ${JSON.stringify(c.item)}\n  got      ${JSON.stringify(item)}`);
  }
  // The read side: whatever the state does with the result (Assign or Output), the value it
  // computes from `$states.result` must be the value written.
  const read = get.Assign ? Object.values(get.Assign)[0] : get.Output;
  const back = plain(await expr(read).evaluate({}, { states: { result: { Item: c.item } } }));
  if (!isDeepStrictEqual(back, c.value)) {
    failures.push(`${c.flow}: getItem result\n  expected ${JSON.stringify(c.value)}\n  got      ${JSON.stringify(back)}`);
  }
}
for (const f of failures) console.error(`FAIL ${f}\n`);
console.log(`dynamodb marshal: ${cases.length} cases, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
