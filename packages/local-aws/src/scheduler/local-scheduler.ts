import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AwsAuthority } from '../iam/aws-authority';
import { AwsJsonError } from '../protocol/json-protocol';
import type { LocalService, ServiceCall } from '../protocol/local-service';

interface Schedule {
  name: string;
  groupName: string;
  at: string;
  target: { Arn: string; RoleArn: string; Input?: string };
  deleteAfterCompletion: boolean;
}

// setTimeout's ceiling (about 24.8 days); longer waits are re-armed in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * EventBridge Scheduler's one-time schedules for exactly the calls the broker makes (Create, Update, Delete,
 * Get), authorized against the caller's policies, including `iam:PassRole` of the target role. Schedules are
 * persisted, so they survive a restart as they do in AWS. At its time a schedule invokes its target as its
 * role (which must be allowed `lambda:InvokeFunction`), and is deleted after completion.
 */
export class LocalScheduler implements LocalService {
  readonly contentType = 'application/json';
  private readonly schedules = new Map<string, Schedule>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly fired = new Map<string, Schedule>();
  private lost: () => boolean = () => false;
  /** The schedules file could not be read: it was set aside, and the schedules must be rebuilt (rebuild()). */
  readonly damaged: boolean = false;

  constructor(
    private readonly authority: AwsAuthority,
    private readonly options: {
      groupName: string;
      file: string;
      fire: (target: Schedule['target']) => Promise<unknown>;
      onError?: (schedule: string, error: unknown) => void;
    },
  ) {
    if (!existsSync(options.file)) return;
    let saved: Schedule[];
    try {
      saved = JSON.parse(readFileSync(options.file, 'utf8')) as Schedule[];
    } catch {
      // Only a cache of the table's expiries: set it aside and let the runtime rebuild it from the table.
      renameSync(options.file, `${options.file}.damaged`);
      this.damaged = true;
      return;
    }
    for (const schedule of saved) this.arm(schedule);
  }

  /**
   * Re-arms a one-time schedule deleted after completion, as CreateSchedule would have made it with
   * `at(<at without its Z>)` (rebuilding a damaged schedules file).
   */
  rebuild(name: string, at: string, target: Schedule['target']) {
    this.arm({ name, groupName: this.options.groupName, at, target, deleteAfterCompletion: true });
  }

  async handle({ method, path, query, body, caller }: ServiceCall) {
    const name = decodeURIComponent(/^\/schedules\/([^/]+)$/.exec(path)?.[1] ?? '');
    if (!name) throw new AwsJsonError(404, 'ResourceNotFoundException', `no route for ${method} ${path}`);
    const groupName = String(
      (method === 'POST' || method === 'PUT' ? body.GroupName : query.get('groupName')) ?? 'default',
    );
    const action = {
      POST: 'CreateSchedule',
      PUT: 'UpdateSchedule',
      DELETE: 'DeleteSchedule',
      GET: 'GetSchedule',
    }[method];
    if (!action) throw new AwsJsonError(405, 'ValidationException', method);
    const arn = this.authority.arn('scheduler', `schedule/${groupName}/${name}`);
    await this.authority.authorize(caller, { action: `scheduler:${action}`, resource: arn });
    if (groupName !== this.options.groupName)
      throw new AwsJsonError(404, 'ResourceNotFoundException', `Schedule group ${groupName} does not exist.`);
    const key = `${groupName}/${name}`;
    const existing = this.schedules.get(key);
    if (method === 'GET' || method === 'DELETE') {
      if (!existing)
        throw new AwsJsonError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
      if (method === 'DELETE') this.remove(key);
      return {
        body: method === 'GET' ? { Name: name, GroupName: groupName, Arn: arn, Target: existing.target } : {},
      };
    }
    if (method === 'POST' && existing)
      throw new AwsJsonError(409, 'ConflictException', `Schedule ${name} already exists.`);
    if (method === 'PUT' && !existing)
      throw new AwsJsonError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
    const target = body.Target as Schedule['target'] | undefined;
    const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(
      String(body.ScheduleExpression ?? ''),
    )?.[1];
    if (!target?.Arn || !target.RoleArn || !at)
      throw new AwsJsonError(
        400,
        'ValidationException',
        'a one-time at() schedule with a target and role is required',
      );
    await this.authority.authorize(caller, {
      action: 'iam:PassRole',
      resource: target.RoleArn,
      context: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
    this.arm({
      name,
      groupName,
      at: `${at}Z`,
      target: { Arn: target.Arn, RoleArn: target.RoleArn, ...(target.Input ? { Input: target.Input } : {}) },
      deleteAfterCompletion: body.ActionAfterCompletion === 'DELETE',
    });
    return { body: { ScheduleArn: arn } };
  }

  /** Fault injection: this share of firings is lost (the schedule goes, its target is never invoked). */
  loseFirings(rate: number, random: () => number) {
    this.lost = () => random() < rate;
  }

  /** Deletes a schedule behind its owner's back, as a lost schedule would be (tests). */
  lose(name: string) {
    this.remove(`${this.options.groupName}/${name}`);
  }

  /**
   * Fires a schedule now, as Scheduler would at its time (tests stage races with it). One that has already
   * fired fires again: Scheduler delivers at least once, so a second delivery is what it may do.
   */
  fireNow(name: string): Promise<unknown> {
    const key = `${this.options.groupName}/${name}`;
    const schedule = this.schedules.get(key) ?? this.fired.get(key);
    if (!schedule) return Promise.reject(new Error(`no schedule ${name}`));
    return this.fire(schedule);
  }

  has(name: string): boolean {
    return this.schedules.has(`${this.options.groupName}/${name}`);
  }

  async stop() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private arm(schedule: Schedule) {
    const key = `${schedule.groupName}/${schedule.name}`;
    clearTimeout(this.timers.get(key));
    this.schedules.set(key, schedule);
    const delay = Date.parse(schedule.at) - Date.now();
    const timer = setTimeout(
      () => void (delay > MAX_TIMER_MS ? this.arm(schedule) : this.fire(schedule).catch(() => undefined)),
      Math.min(Math.max(delay, 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(key, timer);
    this.save();
  }

  private async fire(schedule: Schedule) {
    const key = `${schedule.groupName}/${schedule.name}`;
    clearTimeout(this.timers.get(key));
    this.fired.set(key, schedule);
    if (schedule.deleteAfterCompletion) this.remove(key);
    if (this.lost()) return undefined;
    const work = this.options.fire(schedule.target);
    this.inFlight.add(work);
    try {
      return await work;
    } catch (error) {
      this.options.onError?.(schedule.name, error);
      throw error;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private remove(key: string) {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.schedules.delete(key);
    this.save();
  }

  private save() {
    writeFileSync(`${this.options.file}.tmp`, JSON.stringify([...this.schedules.values()]), { mode: 0o600 });
    renameSync(`${this.options.file}.tmp`, this.options.file);
  }
}
