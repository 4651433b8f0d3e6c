import { SublocError } from '../../errors.js';
import type { WorkerEvent } from '../../workers/worker.js';
import type { Command } from '../command.js';
import { t } from '../i18n.js';
import { EXIT } from '../io.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { note } from '../style.js';

/** A whole number option within bounds, else a usage error naming it. */
function wholeNumber(value: unknown, option: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min || n > max) throw new SublocError('USAGE', t('worker.error.number', { option, value: String(value), min, max }));
  return n;
}

export const worker: Command = {
  name: 'worker',
  options: {
    redis: SHARED_OPTIONS.redis,
    concurrency: { type: 'string', value: '<n>', description: () => t('worker.option.concurrency'), default: '1' },
    'lock-duration': { type: 'string', value: '<ms>', description: () => t('worker.option.lockDuration'), default: '30000' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', t('error.optionsOnly', { argument: positionals[0] ?? '', command: 'worker' }));
    const concurrency = wholeNumber(values['concurrency'], '--concurrency', 1, 64, 1);
    const lockDuration = wholeNumber(values['lock-duration'], '--lock-duration', 1000, 3_600_000, 30_000);
    const [{ connectRedis, redisUrl, shownUrl }, { runWorker }] = await Promise.all([import('../../workers/redis.js'), import('../../workers/worker.js')]);
    const url = redisUrl(typeof values['redis'] === 'string' ? values['redis'] : undefined, io.env);
    const redis = await connectRedis(url);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let troubled = false;
    const onEvent = (event: WorkerEvent) => {
      if (event.type === 'error') {
        // Said once until Redis answers again: BullMQ reports every failed reconnection attempt, each of its connections.
        if (!troubled) io.stderr(`subloc worker: ${t('worker.queueError', { url: shownUrl(url), message: event.message })}\n`);
        troubled = true;
        return;
      }
      if (event.type === 'reconnected') {
        if (troubled) io.stderr(`subloc worker: ${t('worker.queueBack', { url: shownUrl(url) })}\n`);
        troubled = false;
        return;
      }
      if (event.type === 'stopping') {
        io.stderr(`subloc worker: ${t('worker.stopping', { reason: event.reason })}\n`);
        return;
      }
      const track = event.type === 'paused' ? '' : event.language === undefined ? event.title : `${event.title} ${event.language}`;
      if (event.type === 'done' && event.language === undefined && event.refused.length > 0) note(io, `subloc worker: ${t('worker.filmRefused', { track, languages: event.refused.join(', ') })}`);
      else if (event.type === 'done') note(io, `subloc worker: ${event.language === undefined ? t('worker.filmDone', { track }) : t('worker.done', { track, n: event.billedCharacters })}`);
      // Said even under --quiet: a failure is what the person watching a worker must see.
      else if (event.type === 'failed') io.stderr(`subloc worker: ${event.final ? t('worker.failed', { track, reason: event.reason }) : t('worker.failedRetry', { track, reason: event.reason })}\n`);
      else io.stderr(`subloc worker: ${t('worker.paused', { reason: event.reason })}\n`);
    };
    note(io, `subloc worker: ${t('worker.started', { url: shownUrl(url), concurrency })}`);
    try {
      await runWorker(redis, { concurrency, lockDuration, env: io.env, onEvent }, stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      redis.disconnect();
    }
    return EXIT.ok;
  },
};
