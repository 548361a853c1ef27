// The public surface of @access-broker/functions: everything else is private to the package.

export { esbuildOptions, esbuildPlugins } from './catalog/bundling';
export {
  BUNDLED_CONFIG_FILE,
  functionEnvironment,
  functionStatements,
  schedulerRoleStatements,
} from './catalog/capabilities';
export type { BrokerResources, PolicyStatementJson } from './catalog/capabilities';
export {
  declarationOf,
  FUNCTION_NAMES,
  functionRoleName,
  FUNCTIONS,
  provisioningFunctions,
} from './catalog/function-catalog';
export type { FunctionDeclaration, FunctionName, Trigger } from './catalog/function-catalog';
export { busEventsPattern, grantSessionPattern } from './events/rule-patterns';
export { HTTP_ROUTES, routeNamed } from './http/route-table';
export { gatewayVerifiesJwt } from './identity/gateway-authorizer';
export { signSlackBody } from './slack/slack-signature';
export {
  approvalWorkflowDefinition,
  substituteFunctionArns,
  WORKFLOW_TASKS,
} from './workflow/approval-workflow';
