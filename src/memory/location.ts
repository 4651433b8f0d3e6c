/** `postgres://…` and `postgresql://…` (any letter case): a Postgres memory; anything else names an SQLite file. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** Query parameters of a connection URL that carry a secret. */
const SECRET_PARAMS = ['password', 'sslpassword'];

/** The secrets a location holds: a URL's password and password parameters, as written and decoded. */
function secretsOf(location: string): string[] {
  if (!isPostgresLocation(location)) return [];
  const secrets: string[] = [];
  // The userinfo as written, up to the last `@`: `new URL` may refuse the URL, and a password can hold `@`, or a
  // `/`, `?` or `#` its writer forgot to percent-encode (over-masking a query is the safe side).
  const userinfo = /^[a-z]+:\/\/(.*)@/i.exec(location)?.[1];
  const colon = userinfo?.indexOf(':') ?? -1;
  if (userinfo !== undefined && colon >= 0) secrets.push(userinfo.slice(colon + 1));
  for (const match of location.matchAll(/[?&](\w+)=([^&#]*)/g)) {
    if (SECRET_PARAMS.includes(match[1]!.toLowerCase())) secrets.push(match[2]!);
  }
  const decoded = secrets.map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return [...new Set([...secrets, ...decoded])].filter((s) => s !== '').sort((a, b) => b.length - a.length);
}

/** `text` with every secret of `location` replaced by `***`: for any message that may quote a driver or the URL. */
export function hideSecrets(text: string, location: string): string {
  let out = text;
  for (const secret of secretsOf(location)) out = out.split(secret).join('***');
  return out;
}

/**
 * The location as messages and reports may show it: a Postgres URL without
 * its password (nor password parameters); a file path as it is.
 */
export function publicLocation(location: string): string {
  if (!isPostgresLocation(location)) return location;
  const withoutPassword = location.replace(/^([a-z]+:\/\/)(.*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon < 0 ? userinfo : userinfo.slice(0, colon)}@`;
  });
  const withoutParams = withoutPassword.replace(/([?&])(\w+)=([^&#]*)/g, (whole, sep: string, name: string) => (SECRET_PARAMS.includes(name.toLowerCase()) ? `${sep}${name}=***` : whole));
  return hideSecrets(withoutParams, location);
}

/** Host names that are this machine: one spelling for them all. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Which memory a location names, as libpq-style defaults resolve it on this
 * machine (`env`: PGHOST, PGPORT, PGUSER, PGDATABASE): a Postgres memory by
 * its server's host and port and its database, an SQLite memory by its
 * file. Two machines that name one server by different host names (an
 * alias, an address) read as two memories: the safe side, since a worker on
 * a database of the same name elsewhere (its own `localhost`) would bill the
 * catalog's films again.
 */
export function memoryIdentity(location: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (!isPostgresLocation(location)) return `the SQLite file ${location}`;
  let url: URL | undefined;
  try {
    url = new URL(location);
  } catch {
    url = undefined;
  }
  const param = (name: string) => url?.searchParams.get(name) ?? undefined;
  const decoded = (text: string | undefined) => {
    if (text === undefined || text === '') return undefined;
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const rawHost = param('host') ?? decoded(url?.hostname) ?? env['PGHOST'] ?? 'localhost';
  const host = LOOPBACK.has(rawHost.toLowerCase()) ? 'localhost' : rawHost.toLowerCase();
  const port = decoded(url?.port) ?? param('port') ?? env['PGPORT'] ?? '5432';
  const user = decoded(url?.username) ?? env['PGUSER'] ?? env['USER'] ?? '';
  const database = decoded(url?.pathname.slice(1)) ?? env['PGDATABASE'] ?? user;
  return `the Postgres database ${database} on ${host}:${port}`;
}
