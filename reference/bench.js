#!/usr/bin/env node
// bench.js times the pinned reference, twitter-text@3.1.0's parseTweet, for
// tweetlen's side-by-side comparison (bench/compare; see bench/README.md).
// It uses only the packages pinned in package.json.
//
// In-process timing (no startup, no I/O in the timed part):
//
//   node bench.js CONFIG FILE [ROUNDS]
//
// CONFIG is v1, v2 or v3; FILE holds JSON Lines {"id":…,"text":"…"}. The
// script loads every text, runs one untimed warm-up pass (so V8 has
// optimised parseTweet), then times ROUNDS passes (default 1) over all texts
// with process.hrtime.bigint and prints one JSON object on stdout:
//
//   {"config":"v1","texts":N,"bytes":B,"rounds":[{"ns":…,"textsPerSec":…}],
//    "textsPerSec":<median>,"nsPerText":<median>,
//    "check":{"weightedLength":Σ,"valid":count,"validRangeEnd":Σ},
//    "node":"v20…"}
//
// "check" sums parseTweet's results over the texts so that the caller can
// confirm both implementations computed the same thing (and keeps V8 from
// discarding the calls). "bytes" counts UTF-8 bytes.
//
// Whole-process mode (what a user of a node script would run):
//
//   node bench.js --whole CONFIG FILE|-
//
// reads the JSON Lines file (or stdin for "-") line by line, parses each
// line, runs parseTweet and writes {"id":…, <parseTweet's seven fields>} as
// one JSON line per input line to stdout, in order.
'use strict';
const fs = require('fs');
const readline = require('readline');
const twttr = require('twitter-text');

const configs = { v1: twttr.configs.version1, v2: twttr.configs.version2, v3: twttr.configs.version3 };

function usage(msg) {
  process.stderr.write(`bench.js: ${msg}\nusage: node bench.js CONFIG FILE [ROUNDS]\n       node bench.js --whole CONFIG FILE|-\n`);
  process.exit(2);
}

function configOf(name) {
  const cfg = configs[name];
  if (!cfg) usage(`unknown config ${JSON.stringify(name)}; want v1, v2 or v3`);
  return cfg;
}

function whole(name, file) {
  const cfg = configOf(name);
  const input = file === '-' ? process.stdin : fs.createReadStream(file);
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const chunks = [];
  let n = 0;
  rl.on('line', (line) => {
    n++;
    let out;
    try {
      const rec = JSON.parse(line);
      out = Object.assign({ id: rec.id }, twttr.parseTweet(String(rec.text), cfg));
    } catch (e) {
      out = { line: n, error: String(e.message) };
    }
    chunks.push(JSON.stringify(out));
    if (chunks.length >= 1024) {
      process.stdout.write(chunks.join('\n') + '\n');
      chunks.length = 0;
    }
  });
  rl.on('close', () => {
    if (chunks.length) process.stdout.write(chunks.join('\n') + '\n');
  });
}

function inProcess(name, file, rounds) {
  const cfg = configOf(name);
  const texts = [];
  let bytes = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const t = String(JSON.parse(line).text);
    texts.push(t);
    bytes += Buffer.byteLength(t, 'utf8');
  }
  if (texts.length === 0) usage(`${file}: no texts`);

  const pass = () => {
    let weightedLength = 0, valid = 0, validRangeEnd = 0;
    for (let i = 0; i < texts.length; i++) {
      const r = twttr.parseTweet(texts[i], cfg);
      weightedLength += r.weightedLength;
      validRangeEnd += r.validRangeEnd;
      if (r.valid) valid++;
    }
    return { weightedLength, valid, validRangeEnd };
  };

  const check = pass(); // warm-up
  const results = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    const c = pass();
    const ns = Number(process.hrtime.bigint() - t0);
    if (c.weightedLength !== check.weightedLength) throw new Error('parseTweet is not deterministic');
    results.push({ ns, textsPerSec: texts.length / (ns / 1e9) });
  }
  const sorted = results.map((r) => r.ns).sort((a, b) => a - b);
  const med = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  process.stdout.write(JSON.stringify({
    config: name,
    texts: texts.length,
    bytes,
    rounds: results,
    textsPerSec: texts.length / (med / 1e9),
    nsPerText: med / texts.length,
    check,
    node: process.version,
  }) + '\n');
}

const args = process.argv.slice(2);
if (args[0] === '--whole') {
  if (args.length !== 3) usage('--whole wants CONFIG and FILE');
  whole(args[1], args[2]);
} else {
  if (args.length < 2 || args.length > 3) usage('want CONFIG FILE [ROUNDS]');
  const rounds = args.length === 3 ? Number(args[2]) : 1;
  if (!Number.isInteger(rounds) || rounds < 1) usage(`bad ROUNDS ${args[2]}`);
  inProcess(args[0], args[1], rounds);
}
