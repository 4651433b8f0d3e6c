import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ApiError } from './api.js';

/** The cookie that carries the token after the first page load on a non-loopback address. */
export const TOKEN_COOKIE = 'subloc_studio_token';

/** Answers on every response: the page runs only its own scripts, is never framed, and leaks no address. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Whether an address is this machine's own (nothing else can reach it without a token). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A token for a non-loopback address: 256 random bits, printed once. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(status: 403 | 421, error: ApiError['error'], message: string): Response {
  return new Response(JSON.stringify({ error, message } satisfies ApiError), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

/** An address that listens on every interface: the machine is reached by any of its names, and the token guards it. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export interface Guard {
  /**
   * The `host:port` values a request may name in `Host` (the address served,
   * and `localhost` for a loopback one); undefined: any, on a wildcard address,
   * where the token is required.
   */
  hosts: ReadonlySet<string> | undefined;
  /** Required on every request when set. */
  token?: string | undefined;
}

/**
 * Refuses, before any route runs: a `Host` that is not the address served
 * (DNS rebinding: a foreign site's name resolved to this machine), a change
 * whose `Origin` is not the page's own (a foreign page posting here), and,
 * with a token, a request that does not carry it.
 */
export function guard(options: Guard): MiddlewareHandler {
  const { hosts } = options;
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (hosts !== undefined && !hosts.has(host)) {
      return refuse(421, 'misdirected', `request for host ${JSON.stringify(host)} refused; this studio answers only at ${[...hosts].join(' or ')} (a foreign name pointing here is refused, against DNS rebinding)`);
    }
    if (host === '') {
      return refuse(421, 'misdirected', 'request without a Host header refused; expected the address the studio printed');
    }
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = c.req.header('origin');
      // A browser names a foreign page's origin on every cross-origin change; on its own page's it may send none
      // (a Chromium started with --disable-web-security does not), and then says so in Sec-Fetch-Site, which no page can set.
      const ownPage = origin === undefined && c.req.header('sec-fetch-site') === 'same-origin';
      if (origin !== `http://${host}` && !ownPage) {
        return refuse(403, 'forbidden', `${method} from origin ${origin === undefined ? '(none)' : JSON.stringify(origin)} refused; changes are accepted only from the studio's own page at http://${host}`);
      }
    }
    const { token } = options;
    if (token !== undefined) {
      const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      const query = c.req.query('token');
      if (!sameSecret(bearer, token) && !sameSecret(getCookie(c, TOKEN_COOKIE), token)) {
        // The first page load carries the token in its address: kept as a cookie, then the address without it.
        if (method === 'GET' && c.req.path === '/' && sameSecret(query, token)) {
          return new Response(null, {
            status: 303,
            headers: { Location: '/', 'Set-Cookie': `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict` },
          });
        }
        return refuse(403, 'forbidden', 'this studio listens beyond this machine and needs its token: open the address it printed with ?token=…, or send Authorization: Bearer <token>');
      }
    }
    await next();
  };
}
