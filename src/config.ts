/**
 * Settings from the environment, read once. Every variable is listed in the README.
 */
import path from 'node:path';

export interface Config {
  /** PostgreSQL connection string; when unset, Concordat uses embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database, uploaded documents' fallback and backups. */
  dataDir: string;
  port: number;
  host: string;
  /** Secret for signing session cookies (at least 32 characters); generated and kept in the database if unset. */
  sessionSecret: string | undefined;
  /** Send cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Load the demo partnerships when the database is empty (`serve`). */
  loadDemo: boolean;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT ?? ''}"`);
  const secret = env.SESSION_SECRET;
  if (secret !== undefined && secret.length < 32)
    throw new Error('SESSION_SECRET must be at least 32 characters long');
  return {
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    dataDir: path.resolve(env.CONCORDAT_DATA ?? './data'),
    port,
    host: env.HOST ?? '127.0.0.1',
    sessionSecret: secret,
    secureCookies: env.SECURE_COOKIES === 'true',
    loadDemo: env.CONCORDAT_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
