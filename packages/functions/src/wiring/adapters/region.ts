/** The region Lambda runs the function in (the runtime sets AWS_REGION; the stack does not). */
export function lambdaRegion(): string {
  const region = process.env.AWS_REGION;
  if (!region) throw new Error('missing environment: AWS_REGION (set by the Lambda runtime)');
  return region;
}
