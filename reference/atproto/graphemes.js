#!/usr/bin/env node
// graphemes.js measures texts with the pinned Bluesky SDK (@atproto/api, see
// package.json), for pkg/textlen's differential test.
//
// Usage: node graphemes.js < in.jsonl > out.jsonl
//
// Each input line is an object {"id": any, "text": string}. Each output line
// echoes "id" and adds:
//   graphemes  new RichText({text}).graphemeLength: what the SDK checks
//              against Bluesky's 300-grapheme limit. The SDK counts with
//              Intl.Segmenter when the runtime has it (node does), so this is
//              the ICU of the running node.
//   bytes      new RichText({text}).length: UTF-8 bytes (the 3000 limit).
//   ponyfill   unicode-segmenter's countGraphemes, the SDK's fallback when
//              Intl.Segmenter is missing.
// Output order is input order. A line that is not valid JSON is answered with
// {"line": N, "error": "..."}. With the argument "versions" it prints the
// versions of node, ICU and Unicode instead and exits.
import readline from 'node:readline';
import { RichText } from '@atproto/api';
import { countGraphemes } from 'unicode-segmenter/grapheme';

if (process.argv[2] === 'versions') {
  process.stdout.write(JSON.stringify({
    node: process.versions.node,
    icu: process.versions.icu,
    unicode: process.versions.unicode,
  }) + '\n');
  process.exit(0);
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let n = 0;
const chunks = [];
rl.on('line', (line) => {
  n++;
  let rec;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    chunks.push(JSON.stringify({ line: n, error: String(e.message) }));
    return;
  }
  const text = String(rec.text);
  const rt = new RichText({ text });
  chunks.push(JSON.stringify({
    id: rec.id,
    graphemes: rt.graphemeLength,
    bytes: rt.length,
    ponyfill: countGraphemes(text),
  }));
  if (chunks.length >= 1024) {
    process.stdout.write(chunks.join('\n') + '\n');
    chunks.length = 0;
  }
});
rl.on('close', () => {
  if (chunks.length) process.stdout.write(chunks.join('\n') + '\n');
});
