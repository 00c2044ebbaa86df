// check.mjs renders Mermaid files with the real mermaid library in headless
// Chromium and fails on anything a user's renderer would choke on or show wrong.
//
// Usage: node check.mjs FILE...   (FILE is a .mmd diagram, or a .json whose
// "mermaid" field holds one, as `facesign-mcp flow build --json` prints)
// Env:   CHROMIUM (default /usr/bin/chromium)
//
// For each diagram it checks, in a real browser page with mermaid's default
// (strict) configuration:
//   - mermaid.parse accepts it and mermaid.render produces an SVG, with no page
//     error or console error on the way;
//   - the text is in flowbuild's layout (one node or edge per line), and the SVG
//     has exactly one node per declared node and one edge per declared edge, so a
//     label that leaked out of its quotes cannot add or drop a node unnoticed;
//   - every node and edge label reads, once drawn, as the text flowbuild meant:
//     its #name; / #code; entities decoded and <b>/<i>/<br/> taken as markup, so
//     an entity Mermaid does not decode (or markup it strips) shows up as a diff.
// Exit status: 0 when every file passes, 1 otherwise, 2 on a usage or setup error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE...');
  process.exit(2);
}

// flowbuild's lines: `    n3{{"label"}}:::missing` and `    n1 -->|"label"| n2`.
const nodeLine = /^ {4}([A-Za-z]\w*)(\(\[|\[\/|\{\{|\[|\{)"(.*)"(\]\)|\/\]|\}\}|\]|\})(?::::\w+)?$/s;
const edgeLine = /^ {4}([A-Za-z]\w*) -->(?:\|"(.*)"\|)? ([A-Za-z]\w*)$/s;
const named = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };

// shown is what a label should read once drawn: entities decoded, markup dropped,
// no whitespace (line breaks from <br/> and wrapping are the renderer's business).
function shown(label) {
  return label
    .replace(/<br\s*\/?>|<\/?[bi]>/g, '')
    .replace(/#(?:(\d+)|([a-z]+));/g, (m, code, name) => (code ? String.fromCodePoint(Number(code)) : (named[name] ?? m)))
    .replace(/\s+/g, '');
}

const otherLine = /^(flowchart TD| {4}(classDef|class|linkStyle) .*|)$/;

// expectations reads a diagram in flowbuild's layout. A line in no known form is
// reported rather than skipped, so that a change of layout in mermaid.go cannot
// quietly turn the label checks off.
function expectations(text) {
  const nodes = new Map();
  const edges = [];
  const strange = [];
  for (const [n, line] of text.split('\n').entries()) {
    let m = nodeLine.exec(line);
    if (m) {
      nodes.set(m[1], shown(m[3]));
      continue;
    }
    m = edgeLine.exec(line);
    if (m) edges.push({ from: m[1], to: m[3], label: m[2] === undefined ? null : shown(m[2]) });
    else if (!otherLine.test(line)) strange.push(`line ${n + 1} is not in flowbuild's layout (see nodeLine and edgeLine in check.mjs): ${JSON.stringify(line)}`);
  }
  return { nodes: [...nodes], edges, strange };
}

function load(file) {
  const raw = readFileSync(file, 'utf8');
  if (!file.endsWith('.json')) return raw;
  const doc = JSON.parse(raw);
  if (typeof doc.mermaid !== 'string' || doc.mermaid === '') throw new Error('no "mermaid" string in the JSON');
  return doc.mermaid;
}

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
let browser;
try {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
} catch (err) {
  console.error(`mermaid-check: cannot start ${executablePath}: ${err.message}`);
  process.exit(2);
}

let failed = 0;
// Same text, same drawing: many intents build identical flows, so each distinct
// diagram is drawn once and its verdict shared.
const seen = new Map();
try {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`console error: ${msg.text()}`);
  });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  await page.evaluate(() => {
    // The defaults a plain page gets (securityLevel strict, htmlLabels on), minus startOnLoad.
    window.mermaid.initialize({ startOnLoad: false });
  });
  const { version } = require('mermaid/package.json');
  console.log(`mermaid-check: mermaid ${version} in ${await browser.version()}, ${files.length} file(s)`);

  for (const [i, file] of files.entries()) {
    let problems = [];
    let text;
    try {
      text = load(file);
    } catch (err) {
      problems.push(`cannot read: ${err.message}`);
    }
    if (text !== undefined && seen.has(text)) {
      problems = seen.get(text);
    } else if (text !== undefined) {
      seen.set(text, problems);
      pageErrors.length = 0;
      const want = expectations(text);
      const got = await page.evaluate(
        async ({ id, text }) => {
          const out = document.getElementById('out');
          out.innerHTML = '';
          try {
            await window.mermaid.parse(text);
          } catch (err) {
            return { error: `parse: ${String(err.message ?? err)}` };
          }
          let svg;
          try {
            ({ svg } = await window.mermaid.render(id, text));
          } catch (err) {
            return { error: `render: ${String(err.message ?? err)}` };
          }
          out.innerHTML = svg;
          const root = out.querySelector('svg');
          if (!root) return { error: 'render produced no <svg>' };
          if (/Syntax error in text/.test(root.textContent)) return { error: 'render drew the syntax-error diagram' };
          const squash = (s) => (s ?? '').replace(/\s+/g, '');
          const nodes = {};
          for (const g of root.querySelectorAll('g.node')) {
            const m = /^(?:.*-)?flowchart-(.+)-\d+$/.exec(g.id);
            nodes[m ? m[1] : g.id] = squash(g.textContent);
          }
          const edgePaths = root.querySelectorAll('path.flowchart-link').length;
          const edgeLabels = [...root.querySelectorAll('g.edgeLabel')].map((g) => squash(g.textContent));
          return { nodes, edgePaths, edgeLabels };
        },
        { id: `d${i}`, text },
      );
      problems.push(...want.strange);
      if (got.error) {
        problems.push(got.error);
      } else {
        const drawn = Object.keys(got.nodes);
        if (drawn.length !== want.nodes.length) {
          problems.push(`${want.nodes.length} node(s) declared, ${drawn.length} drawn (${drawn.join(', ')})`);
        }
        for (const [id, label] of want.nodes) {
          if (!(id in got.nodes)) problems.push(`node ${id} not drawn`);
          else if (got.nodes[id] !== label) problems.push(`node ${id} reads ${JSON.stringify(got.nodes[id])}, want ${JSON.stringify(label)}`);
        }
        if (got.edgePaths !== want.edges.length) {
          problems.push(`${want.edges.length} edge(s) declared, ${got.edgePaths} drawn`);
        }
        // Labelled edges' labels, in declaration order (Mermaid may or may not keep an empty group for the others).
        const labels = want.edges.map((e) => e.label ?? '').filter((l) => l !== '');
        if (JSON.stringify(got.edgeLabels.filter((l) => l !== '')) !== JSON.stringify(labels)) {
          problems.push(`edge labels read ${JSON.stringify(got.edgeLabels)}, want ${JSON.stringify(labels)}`);
        }
      }
      problems.push(...pageErrors);
    }
    if (problems.length > 0) {
      failed++;
      console.log(`FAIL ${file}`);
      for (const p of problems) console.log(`     ${p.split('\n').join('\n     ')}`);
    } else if (process.env.MERMAID_CHECK_VERBOSE) {
      console.log(`ok   ${basename(file)}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`mermaid-check: ${seen.size} distinct diagram(s) drawn`);
console.log(`mermaid-check: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
