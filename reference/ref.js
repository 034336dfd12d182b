#!/usr/bin/env node
// ref.js runs the pinned reference implementations over JSON Lines.
//
// Usage: node ref.js MODE < in.jsonl > out.jsonl
//
// Each input line is an object {"id": any, "text": string}. Each output line
// echoes "id" and adds, depending on MODE:
//   parse  "v1", "v2", "v3": twitter-text@3.1.0 parseTweet results per config
//   urls   "urls": extractUrlsWithIndices (indices in UTF-16 code units)
//   emoji  "emoji": twemoji-parser@11.0.2 parse (indices in UTF-16 code units)
//   nfc    "nfc": String.prototype.normalize('NFC') of node's ICU (the NFC
//          that twitter-text applies)
//   all    every field above
// Output order is input order. A line that is not valid JSON is answered with
// {"line": N, "error": "..."} so callers can line results up.
'use strict';
const readline = require('readline');
const twttr = require('twitter-text');
const twemoji = require('twemoji-parser');

const mode = process.argv[2] || 'parse';
const modes = new Set(['parse', 'urls', 'emoji', 'nfc', 'all']);
if (!modes.has(mode)) {
  process.stderr.write(`ref.js: unknown mode ${mode}; want one of ${[...modes].join(', ')}\n`);
  process.exit(2);
}
const configs = twttr.configs;

function answer(text) {
  const out = {};
  if (mode === 'parse' || mode === 'all') {
    out.v1 = twttr.parseTweet(text, configs.version1);
    out.v2 = twttr.parseTweet(text, configs.version2);
    out.v3 = twttr.parseTweet(text, configs.version3);
  }
  if (mode === 'urls' || mode === 'all') {
    out.urls = twttr.extractUrlsWithIndices(text).map((u) => ({ url: u.url, indices: u.indices }));
  }
  if (mode === 'emoji' || mode === 'all') {
    out.emoji = twemoji.parse(text).map((e) => ({ text: e.text, indices: e.indices }));
  }
  if (mode === 'nfc' || mode === 'all') {
    out.nfc = text.normalize('NFC');
  }
  return out;
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
  const out = Object.assign({ id: rec.id }, answer(String(rec.text)));
  chunks.push(JSON.stringify(out));
  if (chunks.length >= 1024) {
    process.stdout.write(chunks.join('\n') + '\n');
    chunks.length = 0;
  }
});
rl.on('close', () => {
  if (chunks.length) process.stdout.write(chunks.join('\n') + '\n');
});
