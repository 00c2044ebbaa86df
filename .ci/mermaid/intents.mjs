// intents.mjs runs `facesign-mcp flow build --json` for every intent of
// flowbuild/testdata/intents.json and writes each answer (whose "mermaid" field
// check.mjs renders) into OUTDIR: every build description as given and with each
// --on-failure choice (they change the flow's failure branches), and every edit
// case's base and its change applied with --base.
//
// Usage: node intents.mjs BINARY INTENTS.json OUTDIR
// Exits 1 when a build fails or prints no Mermaid: the diagram is then missing.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [bin, intentsFile, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node intents.mjs BINARY INTENTS.json OUTDIR');
  process.exit(2);
}
const intents = JSON.parse(readFileSync(intentsFile, 'utf8'));
const onFailure = ['end politely', 'offer retry', 'hand to a human'];

let written = 0;
function build(name, args) {
  let out;
  try {
    out = execFileSync(bin, ['flow', 'build', '--json', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (err) {
    throw new Error(`${name}: flow build ${JSON.stringify(args)} failed: ${(err.stderr || err.message).trim()}`);
  }
  if (typeof JSON.parse(out).mermaid !== 'string') throw new Error(`${name}: flow build printed no mermaid`);
  const file = join(outDir, `intent-${name}.json`);
  writeFileSync(file, out);
  written++;
  return file;
}

try {
  for (const c of intents.build ?? []) {
    build(c.id, [c.description]);
    onFailure.forEach((f, i) => build(`${c.id}-onfailure${i + 1}`, ['--on-failure', f, c.description]));
  }
  for (const c of intents.edit ?? []) {
    const base = build(`${c.id}-base`, [c.base]);
    build(c.id, ['--base', base, c.change]);
  }
} catch (err) {
  console.error(`intents: ${err.message}`);
  process.exit(1);
}
if ((intents.build ?? []).length === 0 || (intents.edit ?? []).length === 0) {
  console.error(`intents: ${intentsFile} has no build or no edit cases; has its layout changed?`);
  process.exit(1);
}
console.log(`intents: ${written} flow build answers from ${intents.build.length} build and ${intents.edit.length} edit cases`);
