/**
 * A process that uses a memory the way a second `subloc` would, for the
 * tests that run several at once, on a file or a postgres:// URL: `open
 * <memory>` opens it when told "go" on stdin and stores one entry; `write
 * <memory> <w>` opens it, then when told "go" stores writer w's contested
 * batch (`writerBatch`) a few entries at a time; `hold <memory>` takes the
 * run lock, says "held", and keeps it until stdin closes (or the process is
 * killed); `plan <memory> <w>` reads `PLANNED_UNIT`, then when told "go"
 * stores reviewer w's change to it planned on what it read, and says
 * "written" or "kept".
 */
import { createInterface } from 'node:readline';
import { openMemoryStore } from '../../src/memory/open.js';
import { entry, PAIR, PLANNED_UNIT, reviewerChange, writerBatch } from './entries.js';

const [action, path] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: memory-process.ts open|write|hold|plan <file or postgres:// URL> [writer]');
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

if (action === 'open') {
  process.stdout.write('ready\n');
  await lines.next();
  const memory = await openMemoryStore(path);
  await memory.put([entry({ source: [`进程 ${process.pid}`] })]);
  await memory.close();
  process.stdout.write('stored\n');
} else if (action === 'write') {
  const memory = await openMemoryStore(path);
  process.stdout.write('ready\n');
  await lines.next();
  const batch = writerBatch(Number(process.argv[4]));
  for (let i = 0; i < batch.length; i += 4) await memory.put(batch.slice(i, i + 4));
  await memory.close();
  process.stdout.write('stored\n');
} else if (action === 'hold') {
  const memory = await openMemoryStore(path);
  const lock = await memory.lockRuns({ purpose: 'memory-process.ts hold' });
  process.stdout.write('held\n');
  for await (const _ of lines);
  lock.release();
  await memory.close();
} else if (action === 'plan') {
  const memory = await openMemoryStore(path);
  const seen = await memory.exact(PLANNED_UNIT, PAIR, 'g1');
  process.stdout.write('ready\n');
  await lines.next();
  // The same time for every writer: only the planned-on check can tell them apart.
  const { written } = await memory.put([reviewerChange(`reviewer ${process.argv[4]}`)], [{ glossaryVersion: 'g1', entry: seen }]);
  await memory.close();
  process.stdout.write(written === 1 ? 'written\n' : 'kept\n');
} else {
  throw new Error(`unknown action ${action}`);
}
process.stdin.destroy();
