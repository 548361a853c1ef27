import './runtime/sdk-node-notice';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '@access-broker/core';
import { DamagedStateFile, HomeInUse } from '@access-broker/local-aws';
import { DEFAULT_CONFIG, startLocalBroker } from './runtime/local-broker';
import { faultsFromEnvironment } from './runtime/local-faults';
import { quickStart } from './runtime/quick-start';

class FaultsError extends Error {}

const home = resolve(process.env.BROKER_HOME ?? '.broker');
const port = Number(process.env.BROKER_PORT ?? 8787);
const configPath = process.env.BROKER_CONFIG ?? DEFAULT_CONFIG.pathname;

try {
  const broker = await startLocalBroker({
    home,
    port,
    rawConfig: JSON.parse(await readFile(configPath, 'utf8')),
    ...withFaults(),
  });
  console.log(quickStart(broker.description, home));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping… (state is kept in', home, ')');
    await broker.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const told = [ConfigError, HomeInUse, FaultsError, DamagedStateFile].some((kind) => error instanceof kind);
  if (!told) throw error;
  console.error((error as Error).message);
  process.exit(1);
}

/** BROKER_FAULTS, read once: a bad value stops the start with what is wrong with it. */
function withFaults() {
  try {
    const faults = faultsFromEnvironment();
    return faults ? { faults } : {};
  } catch (error) {
    throw new FaultsError((error as Error).message);
  }
}
