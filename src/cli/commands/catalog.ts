import { relative, resolve } from 'node:path';
import { SublocError } from '../../errors.js';
import type { CatalogStatus } from '../../workers/status.js';
import type { Command, ParsedArgs } from '../command.js';
import { t } from '../i18n.js';
import { EXIT, type CliIo } from '../io.js';
import { pickAction } from '../pick-action.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { note } from '../style.js';

interface Context {
  values: ParsedArgs['values'];
  files: string[];
  io: CliIo;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The Redis connection of one action, closed after it; BullMQ and ioredis load only when an action runs. */
async function withRedis<T>({ values, io }: Context, use: (redis: import('ioredis').Redis) => Promise<T>): Promise<T> {
  const { connectRedis, redisUrl } = await import('../../workers/redis.js');
  const redis = await connectRedis(redisUrl(str(values['redis']), io.env));
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

/** `--rate` and `--budget`, checked before Redis is asked anything. */
async function limitsOf(values: ParsedArgs['values']): Promise<import('../../workers/limits.js').LimitsChange> {
  const { parseBudget, parseRate } = await import('../../workers/limits.js');
  const rate = str(values['rate']);
  const budget = str(values['budget']);
  return { ...(rate === undefined ? {} : { rate: parseRate(rate) }), ...(budget === undefined ? {} : { budget: parseBudget(budget) }) };
}

async function enqueueAction(context: Context): Promise<number> {
  const { files, io } = context;
  if (files.length === 0) throw new SublocError('USAGE', t('catalog.error.noConfigs'));
  const limits = await limitsOf(context.values);
  const [{ enqueueFilms, planFilms }, { writeLimits }] = await Promise.all([import('../../workers/enqueue.js'), import('../../workers/limits.js')]);
  // Every config checked before the catalog is touched: a mistyped one changes neither its films nor its limits.
  const planned = await planFilms(
    files.map((f) => resolve(io.cwd, f)),
    io.env,
  );
  const films = await withRedis(context, async (redis) => {
    await writeLimits(redis, limits);
    return enqueueFilms(redis, planned);
  });
  for (const film of films) {
    const languages = film.targets.join(', ');
    if (film.outcome === 'added') note(io, `subloc catalog: ${t('catalog.added', { title: film.title, n: film.targets.length, languages })}`);
    else if (film.retried.length > 0) note(io, `subloc catalog: ${t('catalog.retried', { title: film.title, languages: film.retried.join(', ') })}`);
    else if (film.reportRetried) note(io, `subloc catalog: ${t('catalog.reportRetried', { title: film.title })}`);
    else note(io, `subloc catalog: ${t('catalog.unchanged', { title: film.title })}`);
  }
  return EXIT.ok;
}

function printStatus(io: CliIo, status: CatalogStatus): void {
  // Its own statement: i18next-parser does not see a call of `t` inside another's values.
  const reason = status.pausedReason ?? t('catalog.status.pausedByHand');
  io.stdout(`${status.paused ? t('catalog.status.paused', { reason }) : t('catalog.status.running')}\n`);
  if (status.rate !== undefined) io.stdout(`${t('catalog.status.rate', { rate: status.rate })}\n`);
  if (status.budget !== undefined) io.stdout(`${t('catalog.status.budget', { used: status.budget.used, characters: status.budget.characters, period: status.budget.period, left: status.budget.left })}\n`);
  if (status.tracks.length === 0) {
    io.stdout(`${t('catalog.status.empty')}\n`);
    return;
  }
  // A title two films share is told apart by its config.
  const configsOf = new Map<string, Set<string>>();
  for (const s of [...status.tracks, ...status.failedFilms]) configsOf.set(s.title, (configsOf.get(s.title) ?? new Set()).add(s.config));
  const name = (s: { title: string; config: string }) => ((configsOf.get(s.title)?.size ?? 0) > 1 ? `${s.title} (${relative(io.cwd, s.config) || s.config})` : s.title);
  const width = Math.max(...status.tracks.map((s) => name(s).length));
  for (const s of status.tracks) {
    const state = { waiting: t('catalog.state.waiting'), running: t('catalog.state.running'), done: t('catalog.state.done'), failed: t('catalog.state.failed') }[s.state];
    const billed = t('catalog.status.billed', { n: s.billedCharacters });
    io.stdout(`  ${name(s).padEnd(width)}  ${s.language.padEnd(7)}  ${state.padEnd(8)}  ${billed}${s.reason === undefined ? '' : `  ${s.reason}`}\n`);
  }
  for (const film of status.failedFilms) io.stdout(`  ${t('catalog.status.filmFailed', { title: name(film), reason: film.reason })}\n`);
}

async function statusAction(context: Context): Promise<number> {
  if (context.files.length > 0) throw new SublocError('USAGE', t('catalog.error.noArguments', { action: 'status', argument: context.files[0] ?? '' }));
  const { catalogStatus } = await import('../../workers/status.js');
  const status = await withRedis(context, (redis) => catalogStatus(redis));
  if (context.values['json'] === true) context.io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else printStatus(context.io, status);
  return EXIT.ok;
}

async function resumeAction(context: Context): Promise<number> {
  if (context.files.length > 0) throw new SublocError('USAGE', t('catalog.error.noArguments', { action: 'resume', argument: context.files[0] ?? '' }));
  const limits = await limitsOf(context.values);
  const { resumeCatalog } = await import('../../workers/status.js');
  await withRedis(context, (redis) => resumeCatalog(redis, limits));
  note(context.io, `subloc catalog: ${t('catalog.resumed')}`);
  return EXIT.ok;
}

const actions: Readonly<Record<string, (context: Context) => Promise<number>>> = Object.freeze({
  enqueue: enqueueAction,
  status: statusAction,
  resume: resumeAction,
});

export const catalog: Command = {
  name: 'catalog',
  options: {
    redis: SHARED_OPTIONS.redis,
    rate: { type: 'string', value: '<requests/s|none>', description: () => t('catalog.option.rate'), default: () => t('catalog.option.unlimited') },
    budget: { type: 'string', value: '<n/month|n/day|none>', description: () => t('catalog.option.budget'), default: () => t('catalog.option.unlimited') },
    json: { type: 'boolean', description: () => t('catalog.option.json') },
  },
  async run({ values, positionals }, io) {
    const [name, ...files] = positionals;
    return pickAction(actions, name)({ values, files, io });
  },
};
