import { describe, expect, it, vi } from 'vitest';
import { requestLanes } from '../../../src/translate/deepl/request-lanes.js';

/** Lets a freed slot be taken: the lanes choose a turn of the event loop after it opens. */
async function settled(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A task that records when it starts and ends when told to. */
function gated() {
  const started: string[] = [];
  const open = new Map<string, () => void>();
  let inFlight = 0;
  let most = 0;
  const task = (name: string) => {
    started.push(name);
    most = Math.max(most, ++inFlight);
    return new Promise<string>((resolve) =>
      open.set(name, () => {
        inFlight--;
        resolve(name);
      }),
    );
  };
  const finish = async (name: string) => {
    open.get(name)!();
    await settled();
  };
  return { task, started, finish, most: () => most };
}

describe('request lanes', () => {
  it('keep the concurrency and start finishing work before first requests queued earlier', async () => {
    const lanes = requestLanes(2);
    const g = gated();
    const results = ['a1', 'a2', 'b1', 'b2'].map((name) => lanes.run('first', g.task, name));
    await settled();
    expect(g.started).toEqual(['a1', 'a2']);
    // Language a's first requests are answered: its second pass goes before language b's first requests.
    await g.finish('a1');
    const second = lanes.run('finishing', g.task, 'a-second');
    await g.finish('a2');
    expect(g.started).toEqual(['a1', 'a2', 'b1', 'a-second']);
    await g.finish('b1');
    await g.finish('a-second');
    await g.finish('b2');
    expect(await Promise.all([...results, second])).toEqual(['a1', 'a2', 'b1', 'b2', 'a-second']);
    expect(g.most()).toBe(2);
  });

  it('start the next request before an answer reaches its caller, so reading it never holds the next one back', async () => {
    const lanes = requestLanes(1);
    const g = gated();
    const order: string[] = [];
    const first = lanes.run('first', g.task, 'a').then(() => order.push('a read'));
    const second = lanes.run('first', (name: string) => (order.push(`${name} sent`), g.task(name)), 'b');
    await settled();
    await g.finish('a');
    expect(order).toEqual(['b sent', 'a read']);
    await g.finish('b');
    await Promise.all([first, second]);
  });

  it('read an answer first when told to, so the finishing work it queues takes the slot it freed', async () => {
    const lanes = requestLanes(1);
    const g = gated();
    const a = lanes.run('first', g.task, 'a', () => true).then(() => lanes.run('finishing', g.task, 'a-second'));
    const b = lanes.run('first', g.task, 'b');
    await settled();
    await g.finish('a');
    expect(g.started).toEqual(['a', 'a-second']);
    await g.finish('a-second');
    await g.finish('b');
    expect(await Promise.all([a, b])).toEqual(['a-second', 'b']);
  });

  it('start a request in a free slot at once, not a turn of the event loop later', async () => {
    const lanes = requestLanes(2);
    const g = gated();
    const a = lanes.run('first', g.task, 'a');
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(g.started).toEqual(['a']);
    await g.finish('a');
    expect(await a).toBe('a');
  });

  it('pass a failure to its own caller only', async () => {
    const lanes = requestLanes(1);
    const failed = lanes.run('first', () => Promise.reject(new Error('429')), undefined);
    const next = lanes.run('finishing', (x: number) => Promise.resolve(x * 2), 21);
    await expect(failed).rejects.toThrow('429');
    expect(await next).toBe(42);
  });

  it('hold every request until the end of the longest hold (a 429\'s Retry-After), and let a stop end the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const lanes = requestLanes(2);
      let cleared = false;
      void lanes.clear().then(() => (cleared = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(cleared).toBe(true);

      lanes.hold(5000);
      lanes.hold(1000);
      cleared = false;
      void lanes.clear().then(() => (cleared = true));
      await vi.advanceTimersByTimeAsync(2000);
      // Held again meanwhile, for longer: the wait lasts until then.
      lanes.hold(4000);
      await vi.advanceTimersByTimeAsync(3999);
      expect(cleared).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(cleared).toBe(true);

      lanes.hold(5000);
      const stop = new AbortController();
      let ended = false;
      void lanes.clear(stop.signal).then(() => (ended = true));
      stop.abort();
      await vi.advanceTimersByTimeAsync(0);
      expect(ended).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
