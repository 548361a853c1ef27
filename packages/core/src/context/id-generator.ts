export interface IdGenerator {
  newId(): string;
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Time-ordered ids (ULID layout, lower-case Crockford base32: 10 characters of milliseconds, 16 random), so
 * listings sort by creation and role names stay short.
 */
export const ulidGenerator: IdGenerator = {
  newId() {
    let time = Date.now();
    let id = '';
    for (let i = 0; i < 10; i++) {
      id = CROCKFORD[time % 32] + id;
      time = Math.floor(time / 32);
    }
    const random = new Uint8Array(16);
    globalThis.crypto.getRandomValues(random);
    for (const byte of random) id += CROCKFORD[byte % 32];
    return id;
  },
};
