import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SublocError } from '../errors.js';
import { unavailable, type Unavailable } from '../memory/unavailable.js';
import type { ReviewSession } from '../pipeline/review-session.js';
import type { ApiError } from './api.js';
import { PAGE_DIR, pageFiles } from './assets.js';
import { routes } from './routes.js';
import { guard, isLoopback, isWildcard, newToken, SECURITY_HEADERS } from './security.js';

export interface StudioOptions {
  session: ReviewSession;
  /** @default 127.0.0.1 */
  host?: string;
  /** 0 takes a free port. @default 0 */
  port?: number;
  /** An MP4 or WebM file served at `/video`. */
  video?: string | undefined;
  /** The page's folder. @default src/studio/page, or dist/studio/page once built */
  pageDir?: URL;
  /**
   * Told of an error no handler answered: a memory that cannot take a save
   * now (moved, its disk full, locked), answered 503 saying so, or a bug,
   * answered 500 without details.
   */
  onError?: (error: unknown) => void;
}

export interface Studio {
  /** `http://<host>:<port>/`. */
  url: string;
  port: number;
  /** Required on every request when the studio listens beyond this machine. */
  token?: string;
  /** Stops accepting, lets the requests under way finish, then closes the session (and its memory). */
  close(): Promise<void>;
}

/** What the page says of a memory that cannot take a save now: a reviewer on another machine never sees the console. */
const UNAVAILABLE: Readonly<Record<Unavailable, string>> = {
  moved: 'the memory file this studio saves into was moved or removed while the studio ran (its console says where it was); nothing of this change was saved, and your edit is kept in this page: ask whoever runs the studio to move the memory back',
  full: "the disk of the studio's memory is full; nothing of this change was saved, and your edit is kept in this page: free some space on that disk",
  locked: "another program holds the studio's memory locked (a database browser with an edit open, an import); nothing of this change was saved yet, and your edit is kept in this page",
};

/** How long requests under way get to finish on close. */
const CLOSE_GRACE_MS = 2000;

/** `host:port` as a `Host` header and a URL write it (an IPv6 address in brackets). */
function authority(host: string, port: number): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/**
 * The review studio: an HTTP server in front of a review session, serving
 * its page, the page's assets, the named video and the JSON API (api.ts).
 * Loopback by default; another address needs the token it returns.
 */
export async function startStudio(options: StudioOptions): Promise<Studio> {
  const host = options.host ?? '127.0.0.1';
  const pageDir = options.pageDir ?? PAGE_DIR;
  const token = isLoopback(host) ? undefined : newToken();
  // Filled once the port is known; nothing is answered before.
  const hosts = new Set<string>();
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  app.use('*', guard({ hosts: isWildcard(host) ? undefined : hosts, token }));
  app.route('/', routes({ session: options.session, page: pageFiles(pageDir), video: options.video }));
  app.onError((error, c) => {
    options.onError?.(error);
    const why = unavailable(error);
    if (why !== undefined) return c.json({ error: 'unavailable', message: UNAVAILABLE[why] } satisfies ApiError, 503);
    return c.json({ error: 'internal', message: 'the studio failed on this request; see its console' } satisfies ApiError, 500);
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (cause: NodeJS.ErrnoException) =>
      reject(new SublocError('STUDIO_START_FAILED', `cannot listen on ${authority(host, options.port ?? 0)}: ${cause.code === 'EADDRINUSE' ? 'the port is in use; pass another --port, or --port 0 for a free one' : cause.message}`, { cause })),
    );
  });
  const { port } = server.address() as AddressInfo;
  hosts.add(authority(host, port).toLowerCase());
  if (isLoopback(host)) hosts.add(authority('localhost', port));

  let closing: Promise<void> | undefined;
  const studio: Studio = {
    url: `http://${authority(host, port)}/`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold the close open; those with a request under way finish it first,
        // but a video the browser streams has no end: cut after a grace period (a save under way finishes in the session).
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }).then(() => options.session.close());
      return closing;
    },
  };
  if (token !== undefined) studio.token = token;
  return studio;
}
