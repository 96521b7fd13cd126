// Checks a conformance summary line against the targets: every operation called (less the
// skipped ones), 0 request violations, 0 decode failures, with the waivers of exclusions.txt.
// usage: node check_summary.mjs KEY EXCLUSIONS_FILE < summary line
// An "invalid_mock_answer" (a 2xx body the SDK refused where Prism itself reports that body as
// breaking the document) is listed as a note, not a failure.
// Prints the measured numbers, every exclusion/waiver with its reason and whether it was used,
// every remaining failure, and exits 1 when a target is missed.
import { readFileSync } from 'node:fs';

const [key, exclusionsFile] = process.argv.slice(2);
const summary = JSON.parse(readFileSync(0, 'utf8').trim().split('\n').pop());
const rules = [];
for (const line of readFileSync(exclusionsFile, 'utf8').split('\n')) {
  const m = line.match(/^(\S+)\s+(\S+)\s+(\S+)\s+(.*)$/);
  if (!m || line.startsWith('#') || (m[1] !== key && m[1] !== '*')) continue;
  const [, , op, kind, reason] = m;
  const [what, ...rest] = kind.split(':');
  rules.push({ op, what, pattern: rest.length ? new RegExp(rest.join(':')) : null, reason, used: 0 });
}

const waived = [];
const remaining = [];
const matches = (r, f, text) => (r.op === f.operationId || r.op === '*') && r.what === f.kind && r.pattern &&
                                r.pattern.test(text);
for (const f of summary.failures) {
  if (f.kind === 'violation' && Array.isArray(f.detail)) {
    // Violation by violation: a waiver covers only the entries it matches.
    const kept = [];
    for (const v of f.detail) {
      const rule = rules.find((r) => matches(r, f, JSON.stringify(v)));
      if (rule) {
        rule.used += 1;
        waived.push({ ...f, detail: [v], reason: rule.reason });
      } else kept.push(v);
    }
    if (kept.length) remaining.push({ ...f, detail: kept });
    continue;
  }
  const rule = rules.find((r) => matches(r, f, JSON.stringify(f.detail)));
  if (rule) {
    rule.used += 1;
    waived.push({ ...f, reason: rule.reason });
  } else remaining.push(f);
}
const count = (list, kind) => list.filter((f) => f.kind === kind)
  .reduce((n, f) => n + (kind === 'violation' && Array.isArray(f.detail) ? f.detail.length : 1), 0);
const violations = summary.request_violations - count(waived, 'violation');
const decode = summary.decode_failures - count(waived, 'decode');
const skipped = summary.excluded.length;

console.log(`${key}: operations=${summary.operations} called=${summary.called} skipped=${skipped} ` +
  `request_violations=${violations} decode_failures=${decode} waived=${waived.length} ` +
  `(raw: violations=${summary.request_violations} decode_failures=${summary.decode_failures}) ` +
  `invalid_mock_answers=${summary.invalid_mock_answers} response_violations=${summary.response_violations} ` +
  `statuses=${JSON.stringify(summary.statuses)}`);
for (const r of rules) {
  const note = r.what === 'skip' ? (summary.excluded.includes(r.op) ? 'not called' : 'UNUSED')
                                 : (r.used ? `waived ${r.used}` : 'UNUSED (no matching failure)');
  console.log(`  ${r.what} ${r.op} [${note}]: ${r.reason}`);
}
const failures = remaining.filter((f) => f.kind !== 'invalid_mock_answer');
const notes = remaining.filter((f) => f.kind === 'invalid_mock_answer');
for (const f of failures.slice(0, 80))
  console.log(`  FAILURE ${f.kind} ${f.operationId} (${f.request}) -> ${f.status}: ${JSON.stringify(f.detail).slice(0, 700)}`);
if (failures.length > 80) console.log(`  ... and ${failures.length - 80} more failure(s)`);
if (notes.length) {
  console.log(`  ${notes.length} invalid mock answer(s): 2xx bodies the SDK refused where Prism reports its own answer ` +
              `as breaking the document at that place (the document's examples/defaults do not fit its schemas), e.g.:`);
  for (const f of notes.slice(0, 5)) console.log(`    ${f.operationId} -> ${f.status}: ${f.detail}`);
}
// Error answers (e.g. Prism's 500 "SCHEMA_TOO_COMPLEX" when it cannot build a body, or its 400
// for a waived violation): the operation was called, but no body was decoded.
const errors = summary.non_2xx || [];
if (errors.length) {
  console.log(`  ${errors.length} error answer(s) (called; no body to decode):`);
  for (const e of errors) {
    let why = e.body;
    try { const b = JSON.parse(e.body); why = b.title || b.detail || e.body; } catch { /* text */ }
    console.log(`    ${e.operationId} -> ${e.status}: ${String(why).slice(0, 120)}`);
  }
}
let ok = true;
const fail = (msg) => { console.log(`FAIL: ${msg}`); ok = false; };
if (summary.called + skipped !== summary.operations)
  fail(`${summary.operations - summary.called - skipped} operation(s) not called`);
if (violations !== 0) fail(`${violations} request violation(s)`);
if (decode !== 0) fail(`${decode} decode failure(s)`);
const other = remaining.filter((f) => !['violation', 'decode', 'invalid_mock_answer'].includes(f.kind));
if (other.length) fail(`${other.length} operation(s) failed before an answer (${[...new Set(other.map((f) => f.kind))].join(', ')})`);
process.exit(ok ? 0 : 1);
