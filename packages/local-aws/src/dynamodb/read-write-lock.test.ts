import { describe, expect, it } from 'vitest';
import { ReadWriteLock } from './read-write-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the local DynamoDB read-write lock', () => {
  it('keeps a read out of a write in progress, lets reads share, and orders writes after earlier reads', async () => {
    const lock = new ReadWriteLock();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([
      lock.write(step('w1')),
      lock.read(step('r1')),
      lock.read(step('r2')),
      lock.write(step('w2')),
      lock.read(step('r3')),
    ]);
    expect(log).toEqual([
      'w1 start',
      'w1 end',
      'r1 start',
      'r2 start',
      'r1 end',
      'r2 end',
      'w2 start',
      'w2 end',
      'r3 start',
      'r3 end',
    ]);
  });
});
