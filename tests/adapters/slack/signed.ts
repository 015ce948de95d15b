import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Slack's request signing: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret. */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; defaults to now (Bolt checks it against its own clock). */
  timestampSec?: number;
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  retryNum?: number;
}

export interface Sent {
  status: number;
  text: string;
}

export async function sendSigned(url: string, body: string, contentType: string, options: SendOptions): Promise<Sent> {
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': options.signature ?? slackSignature(options.secret, timestampSec, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

/** Events API: JSON body. */
export const eventBody = (payload: unknown): { body: string; contentType: string } => ({ body: JSON.stringify(payload), contentType: 'application/json' });

/** Slash commands: a form. */
export const commandBody = (fields: Record<string, string>): { body: string; contentType: string } => ({
  body: new URLSearchParams(fields).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

/** Interactivity: a form with one `payload` field holding JSON. */
export const actionBody = (payload: unknown): { body: string; contentType: string } => ({
  body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  contentType: 'application/x-www-form-urlencoded',
});

const fixtureDir = fileURLToPath(new URL('../../fixtures/slack/', import.meta.url));

/** A fresh deep copy of tests/fixtures/slack/<name>.json. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(`${fixtureDir}${name}.json`, 'utf8')) as T;
}
