import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { approvalWorkflowDefinition } from '@access-broker/functions';
import { Construct } from 'constructs';

/**
 * The Standard state machine, from the one shared ASL document: its text is deployed verbatim and the task
 * functions are filled in by DefinitionSubstitutions (`${<Task>FunctionArn}`), as in local runs.
 */
export class ApprovalStateMachine extends Construct {
  readonly stateMachineArn: string;

  constructor(
    scope: Construct,
    id: string,
    props: { taskFunctions: Record<string, IFunction>; stateMachineName: string },
  ) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const functionArns = Object.values(props.taskFunctions).map((fn) => fn.functionArn);
    role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: functionArns }));
    // Vended log delivery and X-Ray segments take no resource-level permissions (IAM: wildcard only).
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          'logs:CreateLogDelivery',
          'logs:GetLogDelivery',
          'logs:UpdateLogDelivery',
          'logs:DeleteLogDelivery',
          'logs:ListLogDeliveries',
          'logs:PutResourcePolicy',
          'logs:DescribeResourcePolicies',
          'logs:DescribeLogGroups',
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
        ],
        resources: ['*'],
      }),
    );
    const logs = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const machine = new CfnStateMachine(this, 'Resource', {
      stateMachineType: 'STANDARD',
      // Named like every broker resource, so the grant roles' boundary can deny it by name.
      stateMachineName: props.stateMachineName,
      roleArn: role.roleArn,
      definitionString: JSON.stringify(approvalWorkflowDefinition),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(props.taskFunctions).map(([task, fn]) => [`${task}FunctionArn`, fn.functionArn]),
      ),
      // Execution data stays out of the logs: payloads carry request ids and task tokens.
      loggingConfiguration: {
        level: 'ALL',
        includeExecutionData: false,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logs.logGroupArn } }],
      },
      tracingConfiguration: { enabled: true },
    });
    machine.node.addDependency(role);
    this.stateMachineArn = machine.attrArn;
  }
}
