import type Database from 'better-sqlite3';

type Row = { value: string; version: number; expires_at: number | null };

/** Every statement the SQLite store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    selectRecord: db.prepare<[string, string], Row>('SELECT value, version, expires_at FROM records WHERE ns = ? AND key = ?'),
    deleteExpiredRecord: db.prepare('DELETE FROM records WHERE ns = ? AND key = ? AND expires_at IS NOT NULL AND expires_at <= ?'),
    // Creating succeeds when no row exists or the existing one has expired; one statement, so atomic.
    insertRecord: db.prepare(`
      INSERT INTO records (ns, key, value, version, expires_at) VALUES (@ns, @key, @value, 1, @expiresAt)
      ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, version = 1, expires_at = excluded.expires_at
      WHERE records.expires_at IS NOT NULL AND records.expires_at <= @now`),
    updateRecord: db.prepare(`
      UPDATE records SET value = @value, version = version + 1, expires_at = @expiresAt
      WHERE ns = @ns AND key = @key AND version = @expected AND (expires_at IS NULL OR expires_at > @now)`),
    deleteRecord: db.prepare('DELETE FROM records WHERE ns = ? AND key = ?'),
    insertClaim: db.prepare(`
      INSERT INTO claims (key, expires_at) VALUES (@key, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
      WHERE claims.expires_at IS NOT NULL AND claims.expires_at <= @now`),
    insertEntry: db.prepare('INSERT INTO logs (log, entry, at) VALUES (?, ?, ?)'),
    trimLog: db.prepare(`
      DELETE FROM logs WHERE log = @log AND id <= (
        SELECT id FROM logs WHERE log = @log ORDER BY id DESC LIMIT 1 OFFSET @cap)`),
    selectNewest: db.prepare<[string, number], { entry: string }>(
      'SELECT entry FROM (SELECT id, entry FROM logs WHERE log = ? ORDER BY id DESC LIMIT ?) ORDER BY id',
    ),
    ping: db.prepare('SELECT 1'),
    sweep: db.transaction((at: number) => {
      db.prepare('DELETE FROM records WHERE expires_at IS NOT NULL AND expires_at <= ?').run(at);
      db.prepare('DELETE FROM claims WHERE expires_at IS NOT NULL AND expires_at <= ?').run(at);
    }),
  };
}
