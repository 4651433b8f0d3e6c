import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FlowProducer, Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { SublocError } from '../errors.js';
import { loadGlossary } from '../glossary/index.js';
import { memoryIdentity } from '../memory/location.js';
import { resolveLocalizeOptions, type LocalizeOptions } from '../pipeline/options.js';
import type { RunReport } from '../pipeline/report.js';
import { runSource } from '../pipeline/run-source.js';
import { refusalIn } from './failure.js';
import { FILM_JOB, LANGUAGE_JOB, QUEUE, filmJobId, languageJobId, type CatalogJobData } from './keys.js';

export interface EnqueuedFilm {
  config: string;
  title: string;
  targets: string[];
  /** `added`: new jobs for this content; `unchanged`: the same film was enqueued before (its failed languages are tried again). */
  outcome: 'added' | 'unchanged';
  /** Languages whose failed (or refused) job was tried again. */
  retried: string[];
  /** Whether the film's own job, which writes `run.json` once every language is done, had failed (or listed a refused language) and was tried again. */
  reportRetried: boolean;
}

/** Attempts of a language job: DeepL 5xx and dropped connections past deepl-node's own retries get two more, after 10 s and 20 s. */
const LANGUAGE_ATTEMPTS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } } as const;

async function bytesOf(path: string, what: string, config: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new SublocError('INPUT_UNREADABLE', `${config}: cannot read the ${what} ${path} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}); expected a file every worker can read at that path`, { cause, file: config });
  }
}

/**
 * A failed job back in the queue, its attempts counted afresh (BullMQ keeps them: one that used its three would fail
 * for good at once); so too a job that completed with a refused language (see `refusalIn`).
 */
async function retryFailed(job: Job<CatalogJobData, RunReport | null>): Promise<boolean> {
  const state = await job.getState();
  if (state !== 'failed' && !(state === 'completed' && refusalIn(job.returnvalue) !== undefined)) return false;
  await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
  return true;
}

/** What a film's drafts depend on: its source, its config and its glossary. Any change gives new job ids. */
async function contentHash(config: string, input: string, glossary: string | undefined): Promise<string> {
  const hash = createHash('sha256');
  for (const [path, what] of [[config, 'config'], [input, 'source track'], ...(glossary === undefined ? [] : [[glossary, 'glossary']])] as const) {
    hash.update(await bytesOf(path, what, config));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** A film read and checked, ready to be put on the queue. */
export interface PlannedFilm {
  config: string;
  options: LocalizeOptions;
  hash: string;
  /** Its memory as this machine names it (`memoryIdentity`): a worker on another gives its jobs back. */
  memory: string;
}

/**
 * Reads and checks each config as `localize` checks it, with its source
 * track and glossary, without Redis: a wrong one is refused with its file
 * named before anything of the catalog (its films, its limits) is changed. `configs` are absolute paths every
 * worker reads the same (a shared folder); a worker resolves a config from
 * its folder, as this does.
 */
export async function planFilms(configs: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<PlannedFilm[]> {
  const films: PlannedFilm[] = [];
  for (const config of configs) {
    // Checked as the workers will resolve it, but without the DeepL key: the machine that enqueues need not hold it.
    const options = await resolveLocalizeOptions({ config, dryRun: true }, dirname(config), env);
    // The files it names too, as localize reads them: a source or glossary every job would refuse changes nothing here.
    await runSource(options);
    if (options.glossary !== undefined) await loadGlossary(options.glossary, { source: options.source });
    films.push({ config, options, hash: await contentHash(config, options.input, options.glossary), memory: memoryIdentity(options.memory, env) });
  }
  return films;
}

/** Puts each film on the queue as a BullMQ flow: one job per target language, and the film's job after them (it writes `run.json`). */
export async function enqueueFilms(redis: Redis, films: readonly PlannedFilm[]): Promise<EnqueuedFilm[]> {
  const flows = new FlowProducer({ connection: redis });
  const queue = new Queue(QUEUE, { connection: redis });
  try {
    const enqueued: EnqueuedFilm[] = [];
    for (const { config, options, hash, memory } of films) {
      const { title, targets } = options;
      const id = filmJobId(title, hash);
      const known = await queue.getJob(id);
      if (known !== undefined) {
        const retried: string[] = [];
        for (const target of targets) {
          const job = await queue.getJob(languageJobId(title, target, hash));
          if (job !== undefined && (await retryFailed(job))) retried.push(target);
        }
        // The film's job fails only once every language is done, and one that listed a refused language runs again after it
        // (see runFilm): nothing else would ever write its run.json anew.
        enqueued.push({ config, title, targets, outcome: 'unchanged', retried, reportRetried: await retryFailed(known) });
        continue;
      }
      const data = (target?: string): CatalogJobData => ({ config, title, memory, ...(target === undefined ? {} : { target }) });
      await flows.add({
        name: FILM_JOB,
        queueName: QUEUE,
        data: data(),
        opts: { jobId: id },
        children: targets.map((target) => ({ name: LANGUAGE_JOB, queueName: QUEUE, data: data(target), opts: { jobId: languageJobId(title, target, hash), ...LANGUAGE_ATTEMPTS } })),
      });
      enqueued.push({ config, title, targets, outcome: 'added', retried: [], reportRetried: false });
    }
    return enqueued;
  } finally {
    await flows.close();
    await queue.close();
  }
}
