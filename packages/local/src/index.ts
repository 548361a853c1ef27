// The public surface of @access-broker/local: everything else is private to the package.

export { seedProvisioner } from './runtime/local-world';
export { signInWithBrowser } from './identity/browser-sign-in';
export { lambdaBundles } from './lambda/lambda-bundles';
export { startLocalIdentityProvider } from './identity/local-identity-provider';
export type { LocalBroker, LocalBrokerOptions } from './runtime/local-broker-types';
export { DEFAULT_CONFIG, startLocalBroker } from './runtime/local-broker';
export { catalogDeployment } from './runtime/local-deployment';
export type { DeployedFunction, LocalDeployment } from './runtime/local-deployment';
export type { LocalFaults } from './runtime/local-faults';
export { localApiClients, localSecrets } from './runtime/local-secrets';
export { localResources } from './runtime/local-topology';
export { isBrokerFunction, templateDeployment } from './runtime/template-deployment';
export type { CfnTemplate } from './runtime/template-deployment';
