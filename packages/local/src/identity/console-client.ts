import type { Adapter, AdapterPayload, ClientMetadata } from 'oidc-provider';

/**
 * The web console's client at the local identity provider: a public browser client (authorization code with
 * PKCE, no secret, no refresh token) whose one redirect URI is `<API URL>/console`, known only once the API
 * listens. Until then it does not exist, so nothing can sign in to a console that is not there.
 */
export class ConsoleClient {
  private redirectUri: string | undefined;

  constructor(readonly clientId: string | undefined) {}

  /** The console now lives at this address. */
  register(consoleUrl: string) {
    this.redirectUri = consoleUrl;
  }

  metadata(): ClientMetadata | undefined {
    if (!this.clientId || !this.redirectUri) return undefined;
    return {
      client_id: this.clientId,
      client_name: 'the access broker console',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [this.redirectUri],
    };
  }

  /** Only the console, from its own origin, may call the token endpoint from a browser. */
  allowsCors(origin: string, clientId: string): boolean {
    return (
      clientId === this.clientId &&
      this.redirectUri !== undefined &&
      new URL(this.redirectUri).origin === origin
    );
  }

  /** The adapter, with the console found among the clients (a client oidc-provider looks up, not a static one). */
  withClient(Base: new (model: string) => Adapter): new (model: string) => Adapter {
    const consoleClient = (model: string, id: string) =>
      model === 'Client' && id === this.clientId ? this.metadata() : undefined;
    return class extends Base {
      constructor(private readonly modelName: string) {
        super(modelName);
      }

      override async find(id: string): Promise<AdapterPayload | undefined | void> {
        return consoleClient(this.modelName, id) ?? super.find(id);
      }
    };
  }
}
