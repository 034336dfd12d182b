#!/usr/bin/env node
// record.js records the reference's answers for tweetlen's own test texts.
//
// It reads ../testdata/reference/cases.jsonl (texts written by the tweetlen
// authors), runs each through the pinned twitter-text@3.1.0 parseTweet with
// configs v1, v2 and v3, and writes ../testdata/reference/answers.jsonl, which
// pkg/tweet/reference_test.go checks tweet.Parse against without node.
//
// Re-run after editing cases.jsonl (from the repository root):
//
//   cd reference && npm ci && node record.js
//
// and commit cases.jsonl and answers.jsonl together. `node record.js --check`
// only reports whether answers.jsonl is up to date (exit 1 if not).
//
// cases.jsonl format (see testdata/reference/README.md): one JSON object per
// line; blank lines and lines starting with "//" are ignored. Fields:
//   group  label of the family of cases (e.g. "zwj", "url-trailing")
//   name   short name, unique within the group
//   text   the text, with JSON \u escapes for anything invisible
// or, instead of text, a template for systematic families:
//   parts  array of pieces, each a string or [string, count]; count is an
//          integer or "n" (repeat the string count times)
//   n      array of integers: one case per value, named name + "/" + n
// Templates are expanded identically by pkg/tweet/reference_test.go, which
// also checks that answers.jsonl matches cases.jsonl text for text.
//
// answers.jsonl: one line per case, in cases.jsonl order:
//   {"group","name","text","v1":[…],"v2":[…],"v3":[…]}
// where each result is the 7-tuple [weightedLength, valid, permillage,
// validRangeStart, validRangeEnd, displayRangeStart, displayRangeEnd] of
// parseTweet. A case made from a template stores its "parts" and its "n"
// (a number) instead of "text", so that long texts are stored only once.
// The Node.js and ICU versions used are in the first line's "recorder" object
// (NFC in the reference is String.prototype.normalize, i.e. node's ICU).
'use strict';
const fs = require('fs');
const path = require('path');
const twttr = require('twitter-text');

const dataDir = path.join(__dirname, '..', 'testdata', 'reference');
const casesFile = path.join(dataDir, 'cases.jsonl');
const answersFile = path.join(dataDir, 'answers.jsonl');

function expand(rec, lineNo) {
  const fail = (msg) => {
    throw new Error(`cases.jsonl:${lineNo}: ${msg}`);
  };
  if (typeof rec.group !== 'string' || rec.group === '') fail('missing "group"');
  if (typeof rec.name !== 'string' || rec.name === '') fail('missing "name"');
  const known = new Set(['group', 'name', 'text', 'parts', 'n', 'note']);
  for (const k of Object.keys(rec)) if (!known.has(k)) fail(`unknown field "${k}"`);
  if (typeof rec.text === 'string') {
    if (rec.parts !== undefined || rec.n !== undefined) fail('"text" excludes "parts" and "n"');
    return [{ group: rec.group, name: rec.name, text: rec.text, src: { text: rec.text } }];
  }
  if (!Array.isArray(rec.parts)) fail('want "text" or "parts"');
  const ns = rec.n === undefined ? [null] : rec.n;
  if (!Array.isArray(ns) || ns.length === 0) fail('"n" must be a non-empty array');
  return ns.map((n) => {
    let text = '';
    for (const p of rec.parts) {
      if (typeof p === 'string') {
        text += p;
        continue;
      }
      if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string') fail('bad part ' + JSON.stringify(p));
      let count = p[1];
      if (count === 'n') {
        if (n === null) fail('part uses "n" but the case has no "n"');
        count = n;
      }
      if (!Number.isInteger(count) || count < 0) fail('bad count in ' + JSON.stringify(p));
      text += p[0].repeat(count);
    }
    const src = n === null ? { parts: rec.parts } : { parts: rec.parts, n };
    return { group: rec.group, name: n === null ? rec.name : `${rec.name}/${n}`, text, src };
  });
}

function readCases() {
  const lines = fs.readFileSync(casesFile, 'utf8').split('\n');
  const cases = [];
  const seen = new Set();
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('//')) return;
    let rec;
    try {
      rec = JSON.parse(t);
    } catch (e) {
      throw new Error(`cases.jsonl:${i + 1}: ${e.message}`);
    }
    for (const c of expand(rec, i + 1)) {
      const key = c.group + '/' + c.name;
      if (seen.has(key)) throw new Error(`cases.jsonl:${i + 1}: duplicate case ${key}`);
      seen.add(key);
      if (/[\uD800-\uDFFF]/.test(c.text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
        throw new Error(`cases.jsonl:${i + 1}: ${key} has a lone surrogate (not representable in Go strings)`);
      }
      cases.push(c);
    }
  });
  return cases;
}

// FIELDS is the order of the 7-tuples in answers.jsonl.
const FIELDS = ['weightedLength', 'valid', 'permillage', 'validRangeStart', 'validRangeEnd', 'displayRangeStart', 'displayRangeEnd'];

function pick(r) {
  return FIELDS.map((f) => {
    if (!(f in r)) throw new Error(`parseTweet result has no ${f}`);
    return r[f];
  });
}

function record() {
  const cases = readCases();
  const out = [];
  cases.forEach((c, i) => {
    const line = Object.assign({ group: c.group, name: c.name }, c.src, {
      v1: pick(twttr.parseTweet(c.text, twttr.configs.version1)),
      v2: pick(twttr.parseTweet(c.text, twttr.configs.version2)),
      v3: pick(twttr.parseTweet(c.text, twttr.configs.version3)),
    });
    if (i === 0) {
      line.recorder = {
        twitterText: require('twitter-text/package.json').version,
        node: process.versions.node,
        icu: process.versions.icu,
        unicode: process.versions.unicode,
      };
    }
    out.push(JSON.stringify(line));
  });
  return { text: out.join('\n') + '\n', count: cases.length };
}

function main() {
  const check = process.argv.includes('--check');
  const { text, count } = record();
  if (check) {
    const old = fs.existsSync(answersFile) ? fs.readFileSync(answersFile, 'utf8') : '';
    // The recorder's versions may differ; the answers must not.
    const strip = (s) =>
      s.split('\n').filter((l) => l !== '').map((l) => {
        const o = JSON.parse(l);
        delete o.recorder;
        return JSON.stringify(o);
      }).join('\n');
    if (strip(old) !== strip(text)) {
      process.stderr.write(`record.js: ${answersFile} is out of date; run: cd reference && node record.js\n`);
      process.exit(1);
    }
    process.stdout.write(`record.js: ${count} answers up to date\n`);
    return;
  }
  fs.writeFileSync(answersFile, text);
  process.stdout.write(`record.js: wrote ${count} answers to ${path.relative(process.cwd(), answersFile)}\n`);
}

main();
