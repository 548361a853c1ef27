import { AUDIT_TRAIL_ACTIONS } from './broker-resources';

/**
 * Actions that let a grant run code as someone else, or hide what it does, and whole services that manage
 * identities. Refused in custom policies whatever the config allows (custom policies are allow-listed anyway:
 * this is the second net); a profile may grant one only by listing it in `sensitiveActions` (so it carries
 * that profile's own approval rule). Actions at IAM's "Permissions management" access level (changing who may
 * do what: bucket policies, key policies…) are treated the same way.
 */
const CODE_EXECUTION_ACTIONS = [
  'lambda:CreateFunction',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:PublishLayerVersion',
  'ssm:SendCommand',
  'ssm:StartSession',
  'ssm:StartAutomationExecution',
  'ssm:CreateAssociation',
  'ssm:CreateAssociationBatch',
  'ssm:UpdateAssociation',
  'ssm:UpdateDocument',
  'ssm:CreateDocument',
  'codebuild:StartBuild',
  'codebuild:StartBuildBatch',
  'codebuild:RetryBuild',
  'codebuild:RetryBuildBatch',
  'codebuild:CreateProject',
  'codebuild:UpdateProject',
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack',
  'cloudformation:CreateChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:CreateStackSet',
  'cloudformation:UpdateStackSet',
  'ec2:RunInstances',
  'ec2:ModifyInstanceAttribute',
  'ec2:CreateLaunchTemplate',
  'ec2:CreateLaunchTemplateVersion',
  'ec2:ModifyLaunchTemplate',
  'autoscaling:UpdateAutoScalingGroup',
  'autoscaling:CreateLaunchConfiguration',
  'ec2-instance-connect:SendSSHPublicKey',
  'ecs:RunTask',
  'ecs:RegisterTaskDefinition',
  'ecs:ExecuteCommand',
  'glue:CreateDevEndpoint',
  'glue:UpdateDevEndpoint',
  'glue:CreateJob',
  'glue:UpdateJob',
  'sagemaker:CreateNotebookInstance',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
  'sagemaker:CreatePresignedDomainUrl',
  'states:CreateStateMachine',
  'states:UpdateStateMachine',
  'datapipeline:PutPipelineDefinition',
] as const;

const DEFENCE_EVASION_ACTIONS = [
  ...AUDIT_TRAIL_ACTIONS,
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'logs:PutRetentionPolicy',
  'logs:DeleteSubscriptionFilter',
  'logs:DeleteMetricFilter',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:DeleteAlarms',
  'events:DisableRule',
  'events:DeleteRule',
  'events:RemoveTargets',
  'kms:DisableKey',
  'kms:ScheduleKeyDeletion',
] as const;

/** Identity services: whoever controls them controls who can sign in. */
const SENSITIVE_SERVICES = ['sso', 'sso-directory', 'identitystore', 'identity-sync'] as const;

const SENSITIVE = new Set<string>(
  [...CODE_EXECUTION_ACTIONS, ...DEFENCE_EVASION_ACTIONS].map((action) => action.toLowerCase()),
);

/** Why an action needs a profile's explicit consent, or undefined when it does not. */
export function sensitivity(
  service: string,
  action: string,
  accessLevel: string | undefined,
): string | undefined {
  const name = `${service}:${action}`.toLowerCase();
  if ((SENSITIVE_SERVICES as readonly string[]).includes(service.toLowerCase()))
    return `the ${service} service manages identities`;
  if (SENSITIVE.has(name))
    return (DEFENCE_EVASION_ACTIONS as readonly string[]).some((a) => a.toLowerCase() === name)
      ? 'it can hide what a grant does (defence evasion)'
      : 'it runs code as someone else (code execution)';
  // iam-data lists some actions at two levels ("Permissions management, Write").
  if (accessLevel?.split(',').some((level) => level.trim() === 'Permissions management'))
    return 'it changes who may do what (permissions management)';
  return undefined;
}
