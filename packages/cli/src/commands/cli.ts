import type { BrokerCommand } from '../broker-command';
import { answer, apiClient, CliError, type Connection, connection, EXIT } from '../api-client';
import { safeJson } from '../format';

type Globals = { apiUrl?: string; token?: string; as?: string; json?: boolean };
type ApiClient = ReturnType<typeof apiClient>;

/** What every command is given: the program, its global options, the API, and how to print. */
export interface Cli {
  program: BrokerCommand;
  globals(): Globals;
  /** Where the API is and whose token to use; `defaultAs` names the local token used when nothing else is set. */
  connect(defaultAs?: string): Promise<Connection>;
  /** One typed call, and what it answered (a problem becomes a CliError with the exit code it deserves). */
  api<T>(
    defaultAs: string,
    call: (client: ApiClient) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T>;
  /** The value as JSON with --json, else as people read it. */
  out(value: unknown, human: () => void): void;
  /** The person the token belongs to: a person files for themself. */
  signedInPerson(): Promise<string>;
}

/** For an option given more than once. */
export const collect = (value: string, previous: string[]) => [...previous, value];

export function cliOf(program: BrokerCommand): Cli {
  const globals = () => program.opts<Globals>();
  const connect = (defaultAs?: string) => connection({ ...globals(), ...(defaultAs ? { defaultAs } : {}) });
  const cli: Cli = {
    program,
    globals,
    connect,
    async api(defaultAs, call) {
      const conn = await connect(defaultAs);
      return answer(conn, call(apiClient(conn)));
    },
    out: (value, human) => (globals().json ? console.log(safeJson(value)) : human()),
    async signedInPerson() {
      const me = await cli.api('requester', (client) => client.GET('/v1/me'));
      if (!me.person)
        throw new CliError(`--requester is required: ${me.actor} is a machine, not a person`, EXIT.usage);
      return me.person;
    },
  };
  return cli;
}
