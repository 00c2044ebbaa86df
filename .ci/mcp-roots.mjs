// mcp-roots.mjs: export_app's outputDir against the client's MCP roots, with the
// official TypeScript SDK client (what Claude Code and Cursor are built on).
// The server sends roots/list on the SSE stream of the tools/call itself and
// takes the client's answer off before mcp-go sees it (tools/ask.go).
//   1. a client that declares roots and answers roots/list gets a relative
//      outputDir under its root (and the server really asked it);
//   2. a client that declares no roots is told to pass an absolute path.
// Usage: node mcp-roots.mjs URL   (run from a directory whose node_modules holds
// @modelcontextprotocol/sdk; e2e-mcp.sh copies it into the mcp-peers cache)
// Exit 0 when both hold, 1 otherwise.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const url = new URL(process.argv[2] ?? '');
const description = "second factor at login: recognise the user's face, then a liveness check";
let failed = false;
const fail = (what, why) => { failed = true; console.log(`FAIL ${what}: ${why}`); };
const pass = (what, detail) => console.log(`pass ${what}${detail ? `: ${detail}` : ''}`);
const text = (res) => (res.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');

async function connect(capabilities) {
  const client = new Client({ name: 'facesign-roots-e2e', version: '1' }, { capabilities });
  await client.connect(new StreamableHTTPClientTransport(url));
  return client;
}

const root = mkdtempSync(join(tmpdir(), 'facesign-roots-'));
try {
  // 1. roots shared
  const client = await connect({ roots: { listChanged: true } });
  let asked = 0;
  client.setRequestHandler(ListRootsRequestSchema, async () => {
    asked++;
    return { roots: [{ uri: pathToFileURL(root).href, name: 'workspace' }] };
  });
  const res = await client.callTool({ name: 'export_app', arguments: { description, outputDir: 'verify-app' } }, undefined, { timeout: 60000 });
  const want = join(root, 'verify-app');
  if (res.isError) fail('roots: relative outputDir', text(res));
  else if (res.structuredContent?.dir !== want) fail('roots: relative outputDir', `dir ${res.structuredContent?.dir}, want ${want}`);
  else if (!existsSync(join(want, 'flow.json'))) fail('roots: relative outputDir', `no flow.json in ${want}`);
  else if (asked !== 1) fail('roots: relative outputDir', `roots/list answered ${asked} times, want 1`);
  else pass('roots: relative outputDir', `written under the client's root (${res.structuredContent.files?.length ?? '?'} files)`);
  await client.close();

  // 2. no roots
  const bare = await connect({});
  const res2 = await bare.callTool({ name: 'export_app', arguments: { description, outputDir: 'verify-app-2' } }, undefined, { timeout: 60000 });
  if (!res2.isError || !/relative.*shares no workspace roots.*absolute path/s.test(text(res2))) {
    fail('no roots: relative outputDir refused', text(res2) || 'not an error');
  } else pass('no roots: relative outputDir refused', 'told to pass an absolute path');
  await bare.close();
} catch (e) {
  fail('roots', e?.stack ?? String(e));
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
