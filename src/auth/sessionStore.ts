/**
 * Sessions kept in the database (the `sessions` table), in the callback shape that @fastify/session expects.
 */
import type { Session } from 'fastify';
import type { Db } from '../db/connection.js';

type StoredSession = Session;

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: StoredSession | null) => void;

const DEFAULT_LIFETIME_MS = 8 * 60 * 60 * 1000;

export class DatabaseSessionStore {
  constructor(private readonly db: Db) {}

  set(sid: string, session: StoredSession, callback: Callback): void {
    const expires = session.cookie.expires
      ? new Date(session.cookie.expires)
      : new Date(Date.now() + DEFAULT_LIFETIME_MS);
    const data = JSON.stringify(session);
    this.db
      .insertInto('sessions')
      .values({ sid, data, expires_at: expires })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expires }))
      .execute()
      .then(() => callback(), callback);
  }

  get(sid: string, callback: GetCallback): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at.getTime() <= Date.now()) callback(null, null);
        else callback(null, row.data as StoredSession);
      }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback(), callback);
  }

  /** Removes expired sessions; run at start-up and now and then. */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', new Date())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
