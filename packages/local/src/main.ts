import { readFile } from 'node:fs/promises';
import { ConfigError, iamDataCatalog, loadConfig } from '@access-broker/core';

const configPath =
  process.env.BROKER_CONFIG ?? new URL('../../../config/local.json', import.meta.url).pathname;

try {
  const config = await loadConfig(JSON.parse(await readFile(configPath, 'utf8')), iamDataCatalog);
  console.log(`config ${configPath} is valid: ${Object.keys(config.profiles).length} profiles`);
  console.log('The local runtime (HTTP API, workflow, local IAM/STS) is not yet available.');
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
