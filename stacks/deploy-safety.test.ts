import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployProblems, exampleIdentities } from './deploy-safety';

const example = JSON.parse(readFileSync('config/production.example.json', 'utf8'));
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('deployProblems', () => {
  it('refuses the shipped example, naming every placeholder in it', () => {
    const problems = deployProblems(example, 'config/production.example.json');
    expect(fields(problems)).toEqual(
      expect.arrayContaining([
        '(file)',
        'broker.homeAccountId',
        'apiClients[0].tokenSha256',
        'people.priya.slackUserIds[0]',
        'people.priya.oidcSubjects[0]',
        'oidc.issuer',
        'oidc.cliClientId',
        'oidc.machineClients.0oaexampleservicenow (key)',
        'slack.approvalChannel',
        'security.contact[0]',
        'security.policy',
        'people.priya.displayName',
        'people.priya (key)',
      ]),
    );
    // Every value of the example that names someone or something of its own is refused where it stands.
    const flagged = new Set(problems.map((problem) => problem.reason));
    for (const value of exampleIdentities())
      expect(
        [...flagged].some((reason) => reason.includes(value) || /account id|token hash/.test(reason)),
        value,
      ).toBe(true);
    expect(exampleIdentities()).toContain('C0ACCESSAPPROVALS');
    // Settings and policy a deployment may keep are not.
    for (const kept of ['eu-west-1', 'PT15M', 'iam', 's3:GetObject', 'security', 'jira-automation'])
      expect(exampleIdentities()).not.toContain(kept);
    expect(problems.some((problem) => problem.reason.includes('replace-with-'))).toBe(true);
  });

  it('refuses a copy that still holds a placeholder, and accepts one filled in', () => {
    const copy = structuredClone(example);
    expect(deployProblems(copy, 'config/production.json').length).toBeGreaterThan(0);
    const filled = JSON.parse(
      JSON.stringify(example)
        .replaceAll('123456789012', '444455556666')
        .replaceAll('210987654321', '777788889999')
        .replaceAll('replace-with-the-spoke-stack-external-id', 'spoke-Zq8s-51kQ3x0-provisioner')
        .replace(
          /"(\w)\1{63}"/g,
          (_match, char: string) => `"${'ab'.repeat(32).replace(/a/g, char === '0' ? 'c' : 'd')}"`,
        )
        .replace(/"U0[A-Z0-9]+"/g, () => `"U0REAL${Math.random().toString(36).slice(2, 8).toUpperCase()}"`)
        .replaceAll('@example.com', '@corp.test')
        .replaceAll('example.okta.com', 'corp.okta.com')
        .replaceAll('0oaexample', '0oa7f3k2')
        .replaceAll('C0ACCESSAPPROVALS', 'C07RISKAPPROVE')
        .replaceAll('example.com/security', 'corp.test/security')
        .replace(/"(priya|marco|dana)"/g, '"$1-corp"')
        .replace(/"(Priya|Marco|Dana) \(/g, '"$1 Corp ('),
    );
    expect(deployProblems(filled, 'config/production.json')).toEqual([]);
    const withoutContact = structuredClone(filled);
    delete withoutContact.security;
    expect(fields(deployProblems(withoutContact, 'config/production.json'))).toEqual(['security.contact']);
    filled.oidc.issuer = 'http://127.0.0.1:8788';
    expect(deployProblems(filled, 'config/production.json')).toEqual([
      { field: 'oidc.issuer', reason: expect.stringMatching(/must be https to deploy/) },
    ]);
  });
});
