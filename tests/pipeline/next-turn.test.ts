import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { nextTurn } from '../../src/pipeline/next-turn.js';

/**
 * A loopback server on a thread of its own: it answers `b` when told and then
 * raises a flag, so the test knows the answer is in the socket while its own
 * thread is still busy (as DeepL's answers arrive while a stage runs).
 */
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const flag = new Int32Array(workerData);
const sockets = [];
const server = net.createServer((s) => { sockets.push(s); if (sockets.length === 2) parentPort.postMessage('both'); }).listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => {
  if (m === 'answer') sockets[1].write('x', () => { Atomics.store(flag, 0, 1); });
  else sockets[0].write('x');
});
`;

let worker: Worker | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await worker?.terminate();
});

it('lets what arrived during a stage in, and the immediates it queued, before the next stage', async () => {
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  worker = new Worker(SERVER, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve) => worker!.once('message', resolve));
  const a = connect(port, '127.0.0.1');
  await new Promise((resolve) => a.once('connect', resolve));
  const both = new Promise((resolve) => worker!.once('message', resolve));
  const b = connect(port, '127.0.0.1');
  sockets.push(a, b);
  await both;

  const log: string[] = [];
  // b's answer queues its follow-up in an immediate, as the request lanes send the next request.
  b.on('data', () => {
    log.push('answer');
    setImmediate(() => log.push('next request'));
  });
  const done = new Promise<void>((resolve) => {
    a.once('data', async () => {
      worker!.postMessage('answer');
      // A stage that holds the event loop until the answer is in the socket.
      const until = Date.now() + 10_000;
      while (Atomics.load(flag, 0) === 0 && Date.now() < until);
      log.push('stage');
      await nextTurn();
      log.push('next stage');
      resolve();
    });
  });
  worker.postMessage('first');
  await done;
  expect(log).toEqual(['stage', 'answer', 'next request', 'next stage']);
});
