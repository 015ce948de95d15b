/**
 * npm run check:stale: lists dated claims (knowledge entries' `dated`, facts' `asOf`) checked more than
 * 6 months ago, and exits non-zero when any was checked more than 12 months ago.
 * Today is read here (or given as `--today=YYYY-MM`); the logic in src/core/knowledge/dated.ts takes it as input.
 */
import { join } from 'node:path';
import { datedItems, monthYear, staleness } from '../src/core/knowledge/dated.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { projectRoot } from '../src/paths.js';

const WARN_AFTER = 6;
const FAIL_AFTER = 12;

function today(): Date {
  const arg = process.argv.find((a) => a.startsWith('--today='))?.slice('--today='.length);
  if (!arg) return new Date();
  if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(arg)) {
    process.stderr.write(`--today must be YYYY-MM, got "${arg}"\n`);
    process.exit(2);
  }
  return new Date(`${arg}-01T00:00:00Z`);
}

try {
  const kb = loadKnowledge(join(projectRoot(), 'data'));
  const items = datedItems(kb);
  const { stale, expired } = staleness(items, today(), WARN_AFTER, FAIL_AFTER);
  const rows = stale.map((i) => `${i.months > FAIL_AFTER ? 'EXPIRED' : 'stale  '}  ${String(i.months).padStart(3)} mo  ${monthYear(i.asOf).padEnd(14)}  ${i.where} (${i.claim}; ${i.sources.join(', ')})`);
  process.stdout.write(
    `${items.length} dated claims; ${stale.length} checked more than ${WARN_AFTER} months ago, ${expired.length} more than ${FAIL_AFTER}\n` +
      (rows.length ? `${rows.join('\n')}\n` : ''),
  );
  if (expired.length > 0) {
    process.stderr.write(`re-check the ${expired.length} expired claim(s) against their sources and update asOf (see README: Keeping the knowledge current)\n`);
    process.exit(1);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
