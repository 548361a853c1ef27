import type { LocalStage } from './local-stage';

/**
 * The stack's two rate rules: the sweeper (settles whatever is overdue, every 5 s here) and the reconciler
 * (removes roles no live grant owns, every minute). A sweep never overlaps the previous one.
 */
export function startBrokerTimers(stage: LocalStage) {
  const { options, print } = stage;
  const sweepNow = () => stage.invoke<Record<string, number>>('sweep', {});
  const reconcileNow = () => stage.invoke<{ removed: number }>('reconcile', {});
  let sweeping: Promise<unknown> | undefined;
  const sweeper = setInterval(() => {
    sweeping ??= sweepNow()
      .catch((error: unknown) => print(`[sweeper] ${String(error)}`))
      .finally(() => (sweeping = undefined));
  }, options.sweepIntervalMs ?? 5_000);
  const reconciler = setInterval(
    () => void reconcileNow().catch((error: unknown) => print(`[reconciler] ${String(error)}`)),
    options.reconcileIntervalMs ?? 60_000,
  );
  const stop = async () => {
    clearInterval(sweeper);
    clearInterval(reconciler);
    await sweeping;
  };
  stage.started.push(stop);
  return { sweepNow, reconcileNow, stop };
}
