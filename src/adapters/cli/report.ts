import { words } from './parse.js';
import type { LogEntry } from '../../store/types.js';

export interface UnansweredGroup {
  text: string;
  count: number;
  lastSeen: string;
  platforms: string[];
  guess: string;
}


/** Groups logged unanswered messages by their words, most frequent first, so maintainers see what to teach. */
export function groupUnanswered(entries: readonly LogEntry[]): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup>();
  for (const entry of entries) {
    const text = String(entry.text ?? '');
    const key = words(text);
    const at = String(entry.at ?? '');
    const group = groups.get(key) ?? { text, count: 0, lastSeen: at, platforms: [], guess: String(entry.intent ?? '') };
    group.count += 1;
    if (at > group.lastSeen) group.lastSeen = at;
    const platform = String(entry.platform ?? '');
    if (platform && !group.platforms.includes(platform)) group.platforms.push(platform);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
}

export interface FeedbackSummary {
  topic: string;
  helpful: number;
  notHelpful: number;
}

export function summariseFeedback(entries: readonly LogEntry[]): FeedbackSummary[] {
  const topics = new Map<string, FeedbackSummary>();
  for (const entry of entries) {
    const topic = String(entry.topic ?? '');
    const summary = topics.get(topic) ?? { topic, helpful: 0, notHelpful: 0 };
    if (entry.helpful === true) summary.helpful += 1;
    else summary.notHelpful += 1;
    topics.set(topic, summary);
  }
  return [...topics.values()].sort((a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful || a.topic.localeCompare(b.topic));
}

export function formatUnanswered(groups: readonly UnansweredGroup[]): string {
  if (groups.length === 0) return 'No unanswered messages logged.';
  const rows = groups.map((g) => `${String(g.count).padStart(5)}  ${g.lastSeen.slice(0, 16).padEnd(16)}  ${(g.guess || '-').padEnd(22)}  ${g.text}`);
  return [`${'count'.padStart(5)}  ${'last seen'.padEnd(16)}  ${'closest intent'.padEnd(22)}  text`, ...rows].join('\n');
}

export function formatFeedback(rows: readonly FeedbackSummary[]): string {
  if (rows.length === 0) return 'No feedback recorded.';
  const lines = rows.map((r) => `${r.topic.padEnd(28)}  ${String(r.helpful).padStart(7)}  ${String(r.notHelpful).padStart(11)}`);
  return [`${'topic'.padEnd(28)}  ${'helpful'.padStart(7)}  ${'not helpful'.padStart(11)}`, ...lines].join('\n');
}
