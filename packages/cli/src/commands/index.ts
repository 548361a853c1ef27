import type { Cli } from './cli';
import { completionCommand } from './completion';
import { consoleCommand } from './console';
import { externalAccessCommand } from './inventory/external-access';
import { activityCommand } from './evidence/activity';
import { evidenceCommand } from './evidence/evidence';
import { auditCommand } from './requests/audit';
import { awsProfileCommand } from './requests/aws-profile';
import { decideCommands } from './requests/decide';
import { extendCommand } from './requests/extend';
import { listCommand } from './requests/list';
import { profilesCommand } from './requests/profiles';
import { requestCommand } from './requests/request';
import { revokeCommand } from './requests/revoke';
import { statusCommand } from './requests/status';
import { loginCommand } from './session/login';
import { logoutCommand } from './session/logout';
import { whoamiCommand } from './session/whoami';
import { registerVendorCommand } from './vendors/register-vendor';
import { vendorsCommands } from './vendors/vendors';

export { cliOf } from './cli';

/** Every command, one file each, in the order `broker --help` lists them. */
export const COMMANDS: ((cli: Cli) => void)[] = [
  requestCommand,
  profilesCommand,
  statusCommand,
  listCommand,
  decideCommands,
  revokeCommand,
  extendCommand,
  auditCommand,
  awsProfileCommand,
  loginCommand,
  logoutCommand,
  whoamiCommand,
  vendorsCommands,
  registerVendorCommand,
  externalAccessCommand,
  consoleCommand,
  activityCommand,
  evidenceCommand,
  completionCommand,
];
