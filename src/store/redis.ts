import { Redis } from 'ioredis';
import { RunwiseError } from '../errors.js';
import type { LogEntry, LogName, RecordNamespace, Store, Versioned } from './types.js';
import { LOG_CAP, checkLimit, checkTtl, checkVersion, closedError, encodeEntry, encodeValue, type StoreOptions } from './shared.js';

const CONNECT_TIMEOUT_MS = 3_000;
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * Compare-and-set in one server-side step: KEYS[1] record hash; ARGV value JSON, expected version, ttl ms (0 = none).
 * A missing (or expired, which Redis already removed) record has version 0.
 */
const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'ver')
if current == false then current = 0 else current = tonumber(current) end
if current ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'ver', current + 1)
local ttl = tonumber(ARGV[3])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) else redis.call('PERSIST', KEYS[1]) end
return 1
`;

interface CasClient {
  runwiseCas(key: string, value: string, expected: string, ttl: string): Promise<number>;
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//***@');
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function connect(url: string, safeUrl: string): Promise<Redis> {
  let ready = false;
  let lastError: unknown;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Fail fast instead of queueing commands while disconnected; the caller sees store_unavailable.
    enableOfflineQueue: false,
    // Give up on the first failure while starting, so a wrong STATE_URL is reported instead of retried forever;
    // once running, ride out short outages with a capped backoff.
    retryStrategy: (times) => (ready ? Math.min(times * 200, 2_000) : null),
  });
  client.on('error', (error: unknown) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS * 2} ms`)), CONNECT_TIMEOUT_MS * 2);
  });
  try {
    await Promise.race([client.connect(), timeout]);
    // ioredis only reports a failed SELECT (e.g. /99 on a 16-database server) as an event and carries on in db 0.
    await Promise.race([client.select(client.options.db ?? 0), timeout]);
    ready = true;
    return client;
  } catch (error) {
    client.disconnect();
    // connect() rejects with a generic "Connection is closed"; the error event carries the cause (ECONNREFUSED, auth...).
    const cause = lastError ?? error;
    throw new RunwiseError('store_unavailable', `cannot reach Redis at ${safeUrl} (STATE_URL): ${reason(cause)}`, { cause });
  } finally {
    clearTimeout(timer);
  }
}

/** Shared store for several bot instances; TTLs follow the Redis server's clock, not `now`. */
export async function createRedisStore(url: string, opts: StoreOptions & { keyPrefix?: string } = {}): Promise<Store> {
  const logCap = opts.logCap ?? LOG_CAP;
  const safeUrl = redactRedisUrl(url);
  const prefix = opts.keyPrefix ?? 'runwise:';
  const client = await connect(url, safeUrl);
  client.defineCommand('runwiseCas', { numberOfKeys: 1, lua: CAS_SCRIPT });
  const cas = client as unknown as CasClient;

  const recordKey = (ns: RecordNamespace, key: string) => `${prefix}rec:${ns}:${key}`;
  const claimKey = (key: string) => `${prefix}claim:${key}`;
  const logKey = (log: LogName) => `${prefix}log:${log}`;

  let closing: Promise<void> | undefined;
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (closing) throw closedError('Redis');
    try {
      return await fn();
    } catch (error) {
      if (error instanceof RunwiseError) throw error;
      throw new RunwiseError('store_unavailable', `Redis at ${safeUrl}: ${reason(error)}`, { cause: error });
    }
  };

  return {
    kind: 'redis',

    get<T>(ns: RecordNamespace, key: string): Promise<Versioned<T> | null> {
      return guarded(async () => {
        const [value, version] = await client.hmget(recordKey(ns, key), 'v', 'ver');
        if (value == null || version == null) return null;
        return { value: JSON.parse(value) as T, version: Number(version) };
      });
    },

    put<T>(ns: RecordNamespace, key: string, value: T, expectedVersion: number, ttlMs?: number): Promise<boolean> {
      return guarded(async () => {
        const expected = checkVersion(expectedVersion);
        const ttl = checkTtl(ttlMs) ?? 0;
        const text = encodeValue(value);
        return (await cas.runwiseCas(recordKey(ns, key), text, String(expected), String(ttl))) === 1;
      });
    },

    delete(ns: RecordNamespace, key: string): Promise<void> {
      return guarded(async () => {
        await client.del(recordKey(ns, key));
      });
    },

    claim(key: string, ttlMs?: number): Promise<boolean> {
      return guarded(async () => {
        const ttl = checkTtl(ttlMs);
        const result =
          ttl === undefined ? await client.set(claimKey(key), '1', 'NX') : await client.set(claimKey(key), '1', 'PX', ttl, 'NX');
        return result === 'OK';
      });
    },

    append(log: LogName, entry: LogEntry): Promise<void> {
      return guarded(async () => {
        const text = encodeEntry(entry);
        const results = await client.multi().rpush(logKey(log), text).ltrim(logKey(log), -logCap, -1).exec();
        const failed = results?.find(([error]) => error);
        if (!results || failed) throw failed?.[0] ?? new Error('append was aborted');
      });
    },

    read(log: LogName, limit?: number): Promise<LogEntry[]> {
      return guarded(async () => {
        const max = checkLimit(limit);
        if (max === 0) return [];
        const texts = await client.lrange(logKey(log), max === undefined ? 0 : -max, -1);
        return texts.map((text) => JSON.parse(text) as LogEntry);
      });
    },

    ping(): Promise<void> {
      return guarded(async () => {
        await client.ping();
      });
    },

    // Every write is its own command; durability per write follows the server's appendfsync.
    group: (work) => work(),

    close(): Promise<void> {
      closing ??= client.quit().then(
        () => undefined,
        () => client.disconnect(),
      );
      return closing;
    },
  };
}
