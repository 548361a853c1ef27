import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticate } from './authenticate';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

describe('static tokens', () => {
  // Rotation: the old and the new token both work while both hashes are listed; removing one ends it.
  const during = [
    { id: 'jira', tokenSha256: [hash('old-token'), hash('new-token')], scopes: ['requests:create' as const] },
  ];
  const after = [{ id: 'jira', tokenSha256: [hash('new-token')], scopes: ['requests:create' as const] }];

  it('accepts every listed hash of a client while a token is rotated', async () => {
    for (const token of ['old-token', 'new-token'])
      await expect(
        authenticate({ apiClients: during }, `Bearer ${token}`, 'requests:create'),
      ).resolves.toEqual({
        actor: 'jira',
        scopes: ['requests:create'],
      });
  });

  it('refuses the old token once its hash is removed, and any token lacking the scope', async () => {
    await expect(authenticate({ apiClients: after }, 'Bearer old-token', 'requests:create')).rejects.toThrow(
      /unknown token/,
    );
    await expect(authenticate({ apiClients: after }, 'Bearer new-token', 'requests:approve')).rejects.toThrow(
      /jira lacks the requests:approve scope/,
    );
    await expect(authenticate({ apiClients: after }, 'Basic new-token', 'requests:create')).rejects.toThrow(
      /send Authorization: Bearer/,
    );
  });
});
