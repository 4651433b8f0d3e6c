import { SublocError, type ErrorCode } from '../errors.js';
import { hideSecrets } from './location.js';

/** Where a Postgres memory is, for messages: never its password. */
export interface PostgresPlace {
  /** The URL without its password (`publicLocation`). */
  location: string;
  /** The URL as given: only to hide its secrets from a driver's message. */
  url: string;
  host: string;
  port: number;
  database: string;
  user: string;
}

/** The SQLSTATE of a server's error, or the Node code of a network error. */
function codeOf(cause: unknown): string | undefined {
  return (cause as { code?: string } | undefined)?.code;
}

function messageOf(cause: unknown, place: PostgresPlace): string {
  return hideSecrets((cause as Error | undefined)?.message ?? String(cause), place.url);
}

/** What went wrong and what to check, for a failure to reach, log in to or read the database. */
function why(cause: unknown, place: PostgresPlace): string {
  const { host, port, database, user } = place;
  const server = `${host}:${port}`;
  const said = messageOf(cause, place);
  switch (codeOf(cause)) {
    case 'ECONNREFUSED':
      return `nothing listens at ${server} (connection refused); expected a running Postgres server there: check that it is started and accepts TCP connections on that address (\`pg_isready -h ${host} -p ${port}\`), and the host and port in --memory or SUBLOC_MEMORY`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${host} is not known (${said}); expected the name or address of the Postgres server: check the host in --memory or SUBLOC_MEMORY`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `the server at ${server} did not answer (${said}); check the network between this machine and it, and that it runs`;
    case '28P01':
    case '28000':
      return `the server at ${server} refused the login of user \`${user}\` to database \`${database}\` (${said}); check the user name and password in the URL (the password is never shown), PGPASSWORD or ~/.pgpass, and the server's pg_hba.conf`;
    case '3D000':
      return `the database \`${database}\` does not exist on ${server}; create it first (\`createdb -h ${host} -p ${port} -U ${user} ${database}\`, as a role that may create databases), or name another database in --memory or SUBLOC_MEMORY`;
    case '53300':
      return `the server at ${server} has no connection left (${said}); expected a free connection slot: close idle clients or raise max_connections, then run again`;
    case '57P01':
    case '57P03':
      return `the server at ${server} is shutting down or starting up (${said}); run again once it accepts connections`;
    default:
      return /timeout/i.test(said) ? `no connection to ${server} within the time allowed (${said}); check that the server runs and that the network lets this machine reach it` : said;
  }
}

/**
 * The server could not be reached, or went away, or is restarting: the same
 * request may work a while later, where a refused login or a missing
 * database needs a person. Node's network codes, SQLSTATE class 08
 * (connection exception), 53300 (no connection slot) and 57P01-57P03
 * (shutting down, crashed, starting up); the driver's own "Connection
 * terminated" and timeouts carry no code.
 */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', '53300', '57P01', '57P02', '57P03']);

function unreachable(cause: unknown): boolean {
  const code = codeOf(cause);
  if (code !== undefined) return UNREACHABLE.has(code) || code.startsWith('08');
  return /connection terminated|timeout/i.test((cause as Error | undefined)?.message ?? '');
}

/**
 * A failure to open or read the memory, naming the server and database, never
 * the password: `MEMORY_UNREACHABLE` when the server could not be reached (a
 * catalog job tries again), else `MEMORY_UNREADABLE` (or `code`).
 */
export function unreadable(place: PostgresPlace, cause: unknown, code: ErrorCode = 'MEMORY_UNREADABLE'): SublocError {
  return new SublocError(code === 'MEMORY_UNREADABLE' && unreachable(cause) ? 'MEMORY_UNREACHABLE' : code, `cannot use the Postgres database \`${place.database}\` at ${place.host}:${place.port} (${place.location}) as the translation memory: ${why(cause, place)}`, { cause: scrubbed(cause, place), file: place.location });
}

/** A failed write: `MEMORY_WRITE_FAILED`, saying what was not done and, in `outcome`, what that left. */
export function writeFailed(place: PostgresPlace, what: string, cause: unknown, outcome = ''): SublocError {
  return new SublocError('MEMORY_WRITE_FAILED', `could not ${what} in the translation memory ${place.location}: ${why(cause, place)}${outcome === '' ? '' : `; ${outcome}`}`, { cause: scrubbed(cause, place), file: place.location });
}

/** A failed schema step, with what the role lacks when that is why. */
export function migrationFailed(place: PostgresPlace, version: number, cause: unknown): SublocError {
  const code = codeOf(cause);
  const said = messageOf(cause, place);
  const { host, port, database, user } = place;
  const psql = (sql: string) => `\`psql -h ${host} -p ${port} -d ${database} -c '${sql}'\``;
  const reason =
    code === '42501' ? `the role \`${user}\` may not create the memory's tables (${said}); expected a role that owns the database or has CREATE on its schema: ask its owner to run ${psql(`GRANT CREATE ON SCHEMA public TO ${user}`)}, or use another role`
    : why(cause, place);
  return new SublocError('MEMORY_UNREADABLE', `cannot set up the translation memory in the Postgres database \`${database}\` at ${host}:${port} (${place.location}), schema step ${version}: ${reason}`, { cause: scrubbed(cause, place), file: place.location });
}

/** The driver's error with the URL's secrets taken out of its message: a `cause` may be printed or logged. */
function scrubbed(cause: unknown, place: PostgresPlace): unknown {
  if (cause instanceof Error) cause.message = hideSecrets(cause.message, place.url);
  return cause;
}
