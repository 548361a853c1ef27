import { describe, expect, it } from 'vitest';
import { matchesPattern } from './event-pattern';

const event = {
  source: 'aws.s3',
  'detail-type': 'AWS API Call via CloudTrail',
  detail: {
    userIdentity: { type: 'AssumedRole', arn: 'arn:aws:iam::1:role/access-broker/x' },
    tags: ['a', 'b'],
  },
};

describe('matchesPattern', () => {
  it.each([
    [{ source: [{ prefix: 'aws.' }] }, true],
    [{ source: [{ prefix: 'aws.' }], 'detail-type': ['Other', 'AWS API Call via CloudTrail'] }, true],
    [{ detail: { userIdentity: { arn: [{ wildcard: 'arn:aws:iam::*:role/access-broker/*' }] } } }, true],
    [{ detail: { tags: ['b'] } }, true],
    [{ detail: { vendor: [{ exists: false }] } }, true],
    [{ source: ['attacker.s3', { prefix: 'aws.s' }] }, true],
    [{ source: [{ prefix: 'aws.' }], 'detail-type': ['Something else'] }, false],
    [{ source: ['aws'] }, false],
    [{ detail: { userIdentity: { arn: [{ wildcard: 'arn:aws:iam::*:role/other/*' }] } } }, false],
    [{ detail: { vendor: [{ exists: true }] } }, false],
    [{ detail: { userIdentity: ['AssumedRole'] } }, false],
    [{ detail: { tags: [{ 'anything-but': 'a' }] } }, false],
    [{ detail: { $or: [{ tags: ['z'] }, { userIdentity: { type: ['AssumedRole'] } }] } }, true],
    [{ detail: { $or: [{ tags: ['z'] }, { userIdentity: { type: ['IAMUser'] } }] } }, false],
    [{ detail: { $or: 'not a list' } }, false],
  ])('%j matches: %s', (pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it('matches no source-less or prefix-spoofed event against an aws. prefix', () => {
    expect(matchesPattern({ source: [{ prefix: 'aws.' }] }, { ...event, source: 'awsX.s3' })).toBe(false);
    expect(matchesPattern({ source: [{ prefix: 'aws.' }] }, { detail: {} })).toBe(false);
  });
});
