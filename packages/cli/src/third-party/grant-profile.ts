import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What the third party was handed for a grant: the `[profile access-broker-<id>]` of its AWS config. */
export interface GrantProfile {
  roleArn: string;
  externalId?: string;
  region?: string;
  sourceProfile?: string;
  /** When the grant's access ends, as the profile the broker handed over says (a session may not outlast it). */
  endsAt?: string;
}

/** Reads one profile of the AWS config file ($AWS_CONFIG_FILE, else ~/.aws/config), as the AWS CLI would. */
export function grantProfile(name: string): GrantProfile | undefined {
  let text: string;
  try {
    text = readFileSync(process.env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  let current: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    // The broker writes the grant's end as a comment (the AWS CLI would refuse a key it does not know).
    const end = /^#\s*access-broker: access ends (\S+)\s*$/.exec(raw.trim());
    if (end && current === name) values.ends_at = end[1]!;
    const line = raw.replace(/[#;].*$/, '').trim();
    const section = /^\[(?:profile\s+)?([^\]]+)\]$/.exec(line);
    if (section) {
      current = section[1]!.trim();
      continue;
    }
    const pair = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (pair && current === name) values[pair[1]!] = pair[2]!.trim();
  }
  if (!values.role_arn) return undefined;
  return {
    roleArn: values.role_arn,
    ...(values.external_id ? { externalId: values.external_id } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values.source_profile ? { sourceProfile: values.source_profile } : {}),
    ...(values.ends_at ? { endsAt: values.ends_at } : {}),
  };
}
