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

/**
 * Which memory a location names, as machines that reach it differently agree
 * on it: a Postgres memory by its database (one host may be `localhost` to
 * one machine and an address to another), an SQLite memory by its file.
 */
export function memoryIdentity(location: string): string {
  if (!isPostgresLocation(location)) return `the SQLite file ${location}`;
  let database: string;
  try {
    database = decodeURIComponent(new URL(location).pathname.slice(1));
  } catch {
    database = /^[a-z]+:\/\/[^/]*\/([^?#]*)/i.exec(location)?.[1] ?? '';
  }
  return `the Postgres database ${database === '' ? '(the user\'s default)' : database}`;
}
