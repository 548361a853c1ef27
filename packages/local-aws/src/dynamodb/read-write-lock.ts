const settled = () => undefined;

/**
 * A FIFO read-write lock for async work. Writes run one at a time, after every read and write queued before
 * them; reads run together, after every write queued before them. So no read sees half a transaction: DynamoDB
 * gives GetItem and Query read-committed isolation from TransactWriteItems.
 */
export class ReadWriteLock {
  private writeTail: Promise<void> = Promise.resolve();
  private readonly reads = new Set<Promise<void>>();

  read<T>(work: () => Promise<T>): Promise<T> {
    const result = this.writeTail.then(work);
    const done = result.then(settled, settled);
    this.reads.add(done);
    void done.then(() => this.reads.delete(done));
    return result;
  }

  write<T>(work: () => Promise<T>): Promise<T> {
    const result = Promise.all([this.writeTail, ...this.reads]).then(work);
    this.writeTail = result.then(settled, settled);
    return result;
  }
}
