import { withDeliveryLock } from '../../src/pipeline/deliver-lock.js';

/** Three deliveries into `folder` started at once: how many were inside the lock together at most. */
export async function mostInsideAtOnce(folder: string): Promise<number> {
  let inside = 0;
  let most = 0;
  const work = async () => {
    most = Math.max(most, ++inside);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inside--;
  };
  await Promise.all([withDeliveryLock(folder, work), withDeliveryLock(folder, work), withDeliveryLock(folder, work)]);
  return most;
}
