import { Queue, type Job, type JobState } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunReport } from '../pipeline/report.js';
import { failureReason, refusalIn } from './failure.js';
import { FILM_JOB, KEYS, LANGUAGE_JOB, QUEUE, type CatalogJobData } from './keys.js';
import { readLimits, usedCharacters, writeLimits, type CatalogLimits, type LimitsChange } from './limits.js';

export type TrackState = 'waiting' | 'running' | 'done' | 'failed';

export interface TrackStatus {
  title: string;
  /** The film's config: two films may share a title (episodes named alike in two seasons' folders). */
  config: string;
  language: string;
  state: TrackState;
  /** Why it failed, as the job's last attempt said. */
  reason?: string;
  /** Characters DeepL billed for it, every attempt counted. */
  billedCharacters: number;
  jobId: string;
}

export interface CatalogStatus {
  paused: boolean;
  /** Why the queue paused (DeepL's quota or the catalog's budget). */
  pausedReason?: string;
  rate?: number;
  budget?: NonNullable<CatalogLimits['budget']> & { used: number; left: number };
  /** Each film (config) x language, its latest job (a changed film's new jobs replace the old ones here), by title then language. */
  tracks: TrackStatus[];
  /** Each film whose own job, writing `run.json` once its languages are done, failed (its latest job), by title. */
  failedFilms: FilmFailure[];
}

export interface FilmFailure {
  title: string;
  config: string;
  state: 'failed';
  reason: string;
  jobId: string;
}

type CatalogJob = Job<CatalogJobData, RunReport | null>;

/** The latest job of each key: a changed film's new jobs replace the old ones. */
function latestBy(jobs: readonly CatalogJob[], key: (data: CatalogJobData) => string): CatalogJob[] {
  const latest = new Map<string, CatalogJob>();
  for (const job of jobs) {
    const seen = latest.get(key(job.data));
    if (seen === undefined || job.timestamp > seen.timestamp) latest.set(key(job.data), job);
  }
  return [...latest.values()];
}

const STATES: Readonly<Partial<Record<JobState | 'unknown', TrackState>>> = { active: 'running', completed: 'done', failed: 'failed' };

export async function catalogStatus(redis: Redis): Promise<CatalogStatus> {
  const queue = new Queue(QUEUE, { connection: redis });
  try {
    const jobs = (await queue.getJobs(['waiting', 'waiting-children', 'prioritized', 'delayed', 'active', 'completed', 'failed'])) as CatalogJob[];
    const billed = await redis.hgetall(KEYS.billed);
    const tracks: TrackStatus[] = [];
    // A film is its config: two films of one title are two films.
    for (const job of latestBy(jobs.filter((j) => j.name === LANGUAGE_JOB), ({ config, target }) => `${config}\0${target}`)) {
      const { title, config, target } = job.data;
      const refusal = refusalIn(job.returnvalue);
      const state = refusal !== undefined ? 'failed' : (STATES[await job.getState()] ?? 'waiting');
      const reason = refusal?.reason ?? (state === 'failed' && job.failedReason ? failureReason(job.failedReason) : undefined);
      tracks.push({
        title,
        config,
        language: target ?? '',
        state,
        ...(reason === undefined ? {} : { reason }),
        billedCharacters: Number(billed[job.id!] ?? 0),
        jobId: job.id!,
      });
    }
    tracks.sort((a, b) => a.title.localeCompare(b.title) || a.config.localeCompare(b.config) || a.language.localeCompare(b.language));
    const failedFilms: FilmFailure[] = [];
    for (const job of latestBy(jobs.filter((j) => j.name === FILM_JOB), ({ config }) => config)) {
      if ((await job.getState()) === 'failed') failedFilms.push({ title: job.data.title, config: job.data.config, state: 'failed', reason: failureReason(job.failedReason), jobId: job.id! });
    }
    failedFilms.sort((a, b) => a.title.localeCompare(b.title) || a.config.localeCompare(b.config));
    const limits = await readLimits(redis);
    const reason = await redis.get(KEYS.pausedReason);
    const status: CatalogStatus = { paused: await queue.isPaused(), tracks, failedFilms };
    if (reason !== null) status.pausedReason = reason;
    if (limits.rate !== undefined) status.rate = limits.rate;
    if (limits.budget !== undefined) {
      const used = await usedCharacters(redis, limits.budget.period);
      status.budget = { ...limits.budget, used, left: Math.max(0, limits.budget.characters - used) };
    }
    return status;
  } finally {
    await queue.close();
  }
}

/** New limits, when given, then the queue resumed: the jobs the quota paused run on from the memory. */
export async function resumeCatalog(redis: Redis, limits: LimitsChange): Promise<void> {
  await writeLimits(redis, limits);
  const queue = new Queue(QUEUE, { connection: redis });
  try {
    await redis.del(KEYS.pausedReason);
    await queue.resume();
  } finally {
    await queue.close();
  }
}
