// Words that people (and documentation examples) put into "secret" identifiers. An External ID spelled only
// from these and digits or separators is something an attacker would try first.
export const COMMON_WORDS = [
  'access',
  'account',
  'admin',
  'administrator',
  'audit',
  'auditor',
  'aws',
  'broker',
  'change',
  'changeme',
  'client',
  'company',
  'consulting',
  'customer',
  'default',
  'demo',
  'dev',
  'example',
  'external',
  'extid',
  'id',
  'key',
  'letmein',
  'my',
  'new',
  'partner',
  'pass',
  'password',
  'prod',
  'production',
  'qwerty',
  'role',
  'sample',
  'secret',
  'secure',
  'security',
  'staging',
  'test',
  'the',
  'token',
  'trust',
  'trusted',
  'user',
  'vendor',
  'welcome',
].sort((a, b) => b.length - a.length);

/** True when the letters of `value`, ignoring digits and separators, split entirely into common words. */
export function isMadeOfCommonWords(value: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length === 0) return true;
  // Word-break by dynamic programming: reachable[i] means letters[0..i) is a sequence of common words.
  const reachable = new Array<boolean>(letters.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= letters.length; end++) {
    reachable[end] = COMMON_WORDS.some(
      (word) => word.length <= end && reachable[end - word.length] === true && letters.endsWith(word, end),
    );
  }
  return reachable[letters.length] === true;
}
