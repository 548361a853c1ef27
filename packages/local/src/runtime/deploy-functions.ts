import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsAuthority, type LocalAws, serviceRole } from '@access-broker/local-aws';
import { lambdaBundle } from '../lambda/lambda-bundles';
import type { LocalLambda } from '../lambda/local-lambda';
import type { DeployedFunction } from './local-deployment';

/**
 * Each function as the stack deploys it: its own role with the statements its declaration gives it, its
 * bundle, the config copied next to it, its logs, and the environment Lambda sets plus the stack's.
 */
export async function deployFunctions(
  lambda: LocalLambda,
  functions: readonly DeployedFunction[],
  options: {
    home: string;
    aws: LocalAws;
    authority: AwsAuthority;
    roleArn: (fn: DeployedFunction) => string;
    deployedConfig: unknown;
    /** What every function sees besides its own variables and credentials (region, local endpoints). */
    environment: Record<string, string>;
  },
) {
  const { home, aws, authority } = options;
  const logs = join(home, 'logs');
  mkdirSync(logs, { recursive: true, mode: 0o700 });
  for (const fn of functions) {
    const roleArn = options.roleArn(fn);
    const { role, session } = serviceRole(aws.state, {
      accountId: roleArn.split(':')[4]!,
      roleName: roleArn.split('/').pop()!,
      service: 'lambda.amazonaws.com',
      statements: fn.statements,
    });
    authority.markStable(role.arn);
    // The task root holds what the stack copies next to the bundle: the config.
    const taskRoot = join(home, 'lambda', fn.name);
    mkdirSync(taskRoot, { recursive: true, mode: 0o700 });
    writeFileSync(join(taskRoot, 'config.json'), JSON.stringify(options.deployedConfig), { mode: 0o600 });
    lambda.deploy({
      name: fn.functionName,
      arn: fn.arn,
      bundle: await lambdaBundle(fn.entryFile, fn.install),
      handlerExport: 'handler',
      timeoutMs: 30_000,
      log: functionLog(join(logs, `${fn.name}.log`)),
      environment: {
        ...fn.environment,
        // What Lambda itself sets…
        AWS_ACCESS_KEY_ID: session.accessKeyId,
        AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
        AWS_SESSION_TOKEN: session.sessionToken,
        AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
        LAMBDA_TASK_ROOT: taskRoot,
        TZ: 'UTC',
        // …and the rest every function shares.
        ...options.environment,
      },
    });
  }
  aws.state.save();
}

/**
 * A function's log file (its CloudWatch Logs). A write it cannot make (a full disk) loses those lines and is
 * said once on stderr; it must never take the runtime down, as an unhandled stream error would.
 */
function functionLog(file: string) {
  const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  let said = false;
  stream.on('error', (error) => {
    if (!said) process.stderr.write(`cannot write ${file}: ${error.message}; its log lines are lost\n`);
    said = true;
  });
  return stream;
}
