import { Command, Help, type Option } from 'commander';

/** A command's own usage rules beyond required options (`--principal or --vendor`): each broken rule, said. */
type UsageRule = (options: Record<string, unknown>) => string[];

/**
 * commander's Command as people meet it: help marks required options, and a command used wrongly hears about
 * everything wrong at once — commander stops at the first missing required option; this names them all,
 * with the command's own rules. An unknown command gets commander's suggestion and a pointer to help, not
 * the whole help.
 */
export class BrokerCommand extends Command {
  private rules: UsageRule[] = [];

  override createCommand(name?: string): BrokerCommand {
    return new BrokerCommand(name);
  }

  /** A rule checked with the required options (all broken ones in one error) and again before the action. */
  usageRule(rule: UsageRule): this {
    this.rules.push(rule);
    if (this.rules.length > 1) return this;
    // One hook checks every rule of the command.
    return this.hook('preAction', (command) => {
      const broken = this.rules.flatMap((check) => check(command.opts()));
      if (broken.length) this.usageError(broken);
    });
  }

  /** Called by commander for the first required option missing: answers for every one, and every rule. */
  missingMandatoryOptionValue(): never {
    const missing = this.options
      .filter((option) => option.mandatory && this.getOptionValue(option.attributeName()) === undefined)
      .map((option) => `required option '${option.flags}' not specified`);
    return this.usageError([...missing, ...this.rules.flatMap((check) => check(this.opts()))]);
  }

  private usageError(problems: string[]): never {
    const [first, ...rest] = problems;
    this.error(`error: ${first}${rest.map((problem) => `\nerror: ${problem}`).join('')}`, {
      code: 'commander.usage',
      exitCode: 2,
    });
  }
}

/** Help that says which options a command cannot do without. */
export const helpMarkingRequired = {
  optionDescription(this: Help, option: Option): string {
    const described = Help.prototype.optionDescription.call(this, option);
    return option.mandatory ? `${described} (required)` : described;
  },
};
