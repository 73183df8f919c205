/**
 * The audit chain: each event's hash is SHA-256 over the previous event's hash and the event's own content in a
 * canonical form (keys sorted), so that changing, removing or reordering any event breaks every link after it.
 */
import { createHash } from 'node:crypto';

/** The hash that the first event in the chain links to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  occurredAt: string; // ISO timestamp, milliseconds, UTC
  actorUserId: number | null;
  actorLabel: string;
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: string;
  partnershipId: number | null;
  before: unknown;
  after: unknown;
}

/** JSON with object keys sorted at every depth, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of one event, given the hash of the event before it. */
export function chainHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface StoredEvent extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; events: number; lastHash: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks the chain in order and names the first event whose link or content does not match. */
export function verifyChain(events: Iterable<StoredEvent>): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const e of events) {
    count += 1;
    if (e.prevHash !== prev) {
      return {
        ok: false,
        events: count,
        brokenAt: e.seq,
        reason: 'its link to the previous event does not match (an event before it was removed or altered)',
      };
    }
    const content: AuditContent = {
      occurredAt: e.occurredAt,
      actorUserId: e.actorUserId,
      actorLabel: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      partnershipId: e.partnershipId,
      before: e.before,
      after: e.after,
    };
    const expected = chainHash(prev, content);
    if (expected !== e.hash) {
      return {
        ok: false,
        events: count,
        brokenAt: e.seq,
        reason: 'its content does not match its hash (the row was altered)',
      };
    }
    prev = e.hash;
  }
  return { ok: true, events: count, lastHash: prev };
}

/** The fields that changed between two versions of a record, for the history view. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; before: unknown; after: unknown }[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((k) => canonicalJson(b[k]) !== canonicalJson(a[k]))
    .map((k) => ({ field: k, before: b[k], after: a[k] }));
}

export interface HistoryLine {
  seq: number;
  occurredAt: Date;
  actorLabel: string;
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: string;
  changes: { field: string; before: string; after: string }[];
}

const IGNORED_FIELDS = new Set(['created_at', 'uploaded_at', 'id', 'partnership_id']);
const show = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : canonicalJson(v);

/** Events made readable: for each, the fields it set or changed, with their values before and after. */
export function describeHistory(
  entries: readonly {
    seq: number;
    occurredAt: Date;
    actorLabel: string;
    action: 'create' | 'update' | 'delete';
    entityType: string;
    entityId: string;
    before: unknown;
    after: unknown;
  }[],
): HistoryLine[] {
  return entries.map((e) => ({
    seq: e.seq,
    occurredAt: e.occurredAt,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    changes: changedFields(e.before, e.after)
      .filter((c) => !IGNORED_FIELDS.has(c.field))
      .map((c) => ({ field: c.field, before: show(c.before), after: show(c.after) })),
  }));
}
