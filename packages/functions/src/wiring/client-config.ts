/** The SDK settings every client shares, in the region Lambda runs the function in. */
export async function clientConfig() {
  const { sdkClientConfig } = await import('@access-broker/aws/sdk-client-config');
  return sdkClientConfig({ region: lambdaRegion() });
}

/** The region Lambda runs the function in (the runtime sets AWS_REGION; the stack does not). */
function lambdaRegion(): string {
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('missing environment: AWS_REGION (set by the Lambda runtime)');
  return region;
}
