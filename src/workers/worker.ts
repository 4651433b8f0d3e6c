import { dirname } from 'node:path';
import { Queue, RateLimitError, WaitingChildrenError, WaitingError, Worker, type Job } from 'bullmq';
import { SublocError } from '../errors.js';
import type { Redis } from 'ioredis';
import { finishCatalogFilm, localizeCatalogLanguage } from '../pipeline/catalog-job.js';
import { resolveLocalizeOptions, type LocalizeOptions } from '../pipeline/options.js';
import { totals, type RunReport } from '../pipeline/report.js';
import { STALLS_ALLOWED, classify, failureReason, refusalIn } from './failure.js';
import { memoryIdentity } from '../memory/location.js';
import { FILM_JOB, KEYS, QUEUE, type CatalogJobData } from './keys.js';
import { redisGate } from './limits.js';
import { redisClaims } from './unit-claims.js';

export interface WorkerOptions {
  /** Jobs this process runs at once. @default 1 */
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal, in ms: a worker killed
   * mid-job loses its job to another this long after (BullMQ's stalled-job
   * check runs as often). @default 30000
   */
  lockDuration: number;
  /** Where `DEEPL_AUTH_KEY`, `DEEPL_SERVER_URL` and `SUBLOC_MEMORY` are read. */
  env: Readonly<Record<string, string | undefined>>;
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  /** `refused`: of a film, the languages its `run.json` lists as refused (each said failed when its job ended); empty for a language. */
  | { type: 'done'; title: string; language: string | undefined; billedCharacters: number; refused: readonly string[] }
  | { type: 'failed'; title: string; language: string | undefined; reason: string; final: boolean }
  | { type: 'paused'; reason: string }
  /** This worker's own setup failed a job (its DeepL key, its memory login): the job went back to the queue, the worker stops. */
  | { type: 'stopping'; reason: string }
  /** BullMQ could not reach Redis or run a command there; it tries again by itself. */
  | { type: 'error'; message: string }
  /** Redis answers again after an error. */
  | { type: 'reconnected' };

/** After DeepL still answered 429: every worker leaves DeepL alone this long. */
const TOO_MANY_REQUESTS_PAUSE_MS = 30_000;

/**
 * The film's config as its jobs read it; a film's job never asks DeepL, so it
 * needs no key. A worker whose memory (its `SUBLOC_MEMORY`, or none where the
 * catalog has one) is not the one the film was enqueued with would bill the
 * film again into a memory of its own and write tracks without the reviewed
 * work: it refuses the job.
 */
async function filmOptions(data: CatalogJobData, env: WorkerOptions['env'], dryRun: boolean): Promise<LocalizeOptions> {
  const options = await resolveLocalizeOptions({ config: data.config, ...(dryRun ? { dryRun } : {}) }, dirname(data.config), env);
  const mine = memoryIdentity(options.memory, env);
  if (data.memory !== undefined && mine !== data.memory) {
    throw new SublocError(
      'MEMORY_MISMATCH',
      `this worker's translation memory is ${mine}, but ${data.title} was enqueued with ${data.memory}: set SUBLOC_MEMORY on this machine as on the one that ran \`catalog enqueue\` (or drop it on both and give the memory in the film's config)`,
    );
  }
  return options;
}

/** Pauses the whole queue with its reason, for `catalog status` and until `catalog resume`. */
async function pauseCatalog(queue: Queue, redis: Redis, reason: string): Promise<void> {
  await redis.set(KEYS.pausedReason, reason);
  await queue.pause();
}

/**
 * A catalog worker: takes film x language jobs from the queue and runs each
 * through the same stages as `localize` (pipeline/catalog-job.ts), with
 * DeepL's rate and budget held in Redis. Runs until `signal` aborts, then
 * lets its running jobs finish.
 */
export async function runWorker(redis: Redis, options: WorkerOptions, signal: AbortSignal): Promise<void> {
  const { env, onEvent = () => {} } = options;
  const queue = new Queue(QUEUE, { connection: redis });
  /** Why this worker stopped taking jobs on its own: its setup, not a job, was at fault. */
  let ownFault: string | undefined;
  const stopOwn = new AbortController();

  /** What a failed job does next (see `classify`): always throws, BullMQ's way of being told. */
  const failed = async (job: Job<CatalogJobData>, token: string | undefined, error: unknown): Promise<never> => {
    const failure = classify(error);
    if (failure.kind === 'quota') {
      // The queue pauses, not the job: it goes back to wait, and runs on from the memory after `catalog resume`.
      await pauseCatalog(queue, redis, failure.message);
      onEvent({ type: 'paused', reason: failure.message });
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (failure.kind === 'worker') {
      // Not the job's fault: it goes back to wait for a worker set up right, and this one takes no more.
      if (ownFault === undefined) {
        ownFault = failure.message;
        onEvent({ type: 'stopping', reason: failure.message });
        stopOwn.abort();
      }
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (failure.kind === 'rate') {
      await queue.rateLimit(TOO_MANY_REQUESTS_PAUSE_MS);
      throw new RateLimitError();
    }
    throw failure.error;
  };

  const runLanguage = async (job: Job<CatalogJobData>, token: string | undefined): Promise<RunReport> => {
    const { target } = job.data;
    try {
      const run = await filmOptions(job.data, env, false);
      const report = await localizeCatalogLanguage(run, target!, { env, deeplGate: redisGate(redis, job.id!), claims: redisClaims(redis, { owner: `job ${job.id!}` }), owner: `job ${job.id!}` });
      return withEarlierAttempts(report, Number((await redis.hget(KEYS.billed, job.id!)) ?? 0));
    } catch (error) {
      return failed(job, token, error);
    }
  };

  const runFilm = async (job: Job<CatalogJobData>, token: string | undefined): Promise<RunReport> => {
    // Run again by `catalog enqueue` with a language it tried again (one refused): written once that language is done.
    if (token !== undefined && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    let options: LocalizeOptions;
    try {
      options = await filmOptions(job.data, env, true);
    } catch (error) {
      return failed(job, token, error);
    }
    const reports = Object.values(await job.getChildrenValues<RunReport>());
    return finishCatalogFilm(options, reports);
  };

  const worker = new Worker<CatalogJobData, RunReport>(QUEUE, (job, token) => (job.name === FILM_JOB ? runFilm(job, token) : runLanguage(job, token)), {
    connection: redis,
    concurrency: options.concurrency,
    lockDuration: options.lockDuration,
    stalledInterval: options.lockDuration,
    maxStalledCount: STALLS_ALLOWED,
    autorun: false,
  });
  worker.on('completed', (job, report) => {
    const refusal = refusalIn(report);
    // A language refused: its failure, as final as a failed job's until `catalog enqueue` runs it again.
    if (job.name !== FILM_JOB && refusal !== undefined) onEvent({ type: 'failed', title: job.data.title, language: job.data.target, reason: refusal.reason, final: true });
    else onEvent({ type: 'done', title: job.data.title, language: job.data.target, billedCharacters: report.totals.billedCharacters, refused: (report.refused ?? []).map((r) => r.language) });
  });
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    onEvent({ type: 'failed', title: job.data.title, language: job.data.target, reason: failureReason(error.message), final });
  });
  // Without a listener an 'error' event would end the process with a stack trace; BullMQ reconnects by itself.
  worker.on('error', (error) => onEvent({ type: 'error', message: error.message }));
  queue.on('error', (error) => onEvent({ type: 'error', message: error.message }));
  // Connected before the worker started: a 'ready' now is a reconnection.
  const reconnected = () => onEvent({ type: 'reconnected' });
  redis.on('ready', reconnected);
  const stopped = new Promise<void>((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    stopOwn.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const running = worker.run();
  await stopped;
  await worker.close();
  await running;
  await queue.close();
  redis.off('ready', reconnected);
  if (ownFault !== undefined) throw new SublocError('WORKER_STOPPED', `this worker stopped: ${ownFault}; the job it failed went back to the queue for the other workers: fix this machine's setup, then start the worker again`);
}

/**
 * The job's report with what every attempt billed (the gate counts them all under the job's id): the last attempt
 * alone found its earlier attempts' drafts in the memory, and would report a language DeepL drafted as billing nothing.
 */
function withEarlierAttempts(report: RunReport, billedByJob: number): RunReport {
  const thisAttempt = report.totals.billedCharacters;
  if (billedByJob <= thisAttempt) return report;
  const languages = report.languages.map((l) => ({ ...l, billedCharacters: l.billedCharacters + billedByJob - thisAttempt, earlierAttempts: { billedCharacters: billedByJob - thisAttempt } }));
  return { ...report, languages, totals: totals(languages) };
}
