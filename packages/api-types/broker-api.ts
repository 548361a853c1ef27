// Generated from openapi.json by `npm run contracts` (openapi-typescript). Do not edit.

export interface paths {
    "/v1/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List requests, newest first
         * @description A page shows only the requests this client may see and the filters match, so it may come back short: follow the cursor.
         */
        get: operations["listRequests"];
        put?: never;
        /** Ask for time-boxed access for a third party */
        post: operations["createRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status; while ACTIVE also the grant (role ARN, External ID, expiry) */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The append-only audit trail, oldest first */
        get: operations["auditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the third party did with the grant: every AWS call of its sessions (CloudTrail), oldest first */
        get: operations["getActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The whole evidence of a grant as one JSON document: request, approvals, policies, trail, activity */
        get: operations["getEvidence"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve or deny a pending request or extension (approvers) */
        post: operations["decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for more time on an ACTIVE grant (approved like a request) */
        post: operations["extend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/requests/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the grant now, or cancel a request that has none yet */
        post: operations["revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the broker takes the caller for: person or machine, scopes, approver groups */
        get: operations["whoAmI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vendors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The registered third parties */
        get: operations["listVendors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vendors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One registered third party */
        get: operations["getVendor"];
        /** Register a third party, or replace its registration (External ID rotation leaves live grants alone) */
        put: operations["putVendor"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vendors/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a vendor: refuse its new requests, cancel its pending ones and revoke every live grant it holds */
        post: operations["suspendVendor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vendors/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a suspension: the vendor may be granted access again (nothing that was ended comes back) */
        post: operations["resumeVendor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Roles that principals outside the broker's accounts (or organization) may assume, the broker's own marked */
        get: operations["externalAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What can be asked for: each profile, what it grants, its parameters and its approval rule */
        get: operations["listProfiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where people sign in: the identity provider's issuer and the clients of the command line and the console */
        get: operations["signInSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/slack/interactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Slack's block_actions callback (Approve/Deny buttons); signed by Slack
         * @description Authenticated by the X-Slack-Signature of the raw body (HMAC-SHA256 with the signing secret), not a token.
         */
        post: operations["slackInteractions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (OpenAPI 3.1) */
        get: operations["openApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/security.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where to report a vulnerability in this deployment (RFC 9116), from the config's security contact */
        get: operations["securityTxt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web console, for people who decide and review (it signs in through the identity provider) */
        get: operations["consolePage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web console's script and style sheet (named by content hash) */
        get: operations["consoleAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Created: {
            id: string;
            status: components["schemas"]["Status"];
            links: components["schemas"]["Links"];
        };
        /** @enum {string} */
        Status: "PENDING_APPROVAL" | "APPROVED" | "PROVISIONING" | "ACTIVE" | "REVOKING" | "REVOKED" | "DENIED" | "APPROVAL_EXPIRED" | "CANCELLED" | "FAILED" | "REVOKE_FAILED";
        Links: {
            self: string;
            decision: string;
            extend: string;
            revoke: string;
            audit: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            errors?: {
                field: string;
                reason: string;
            }[];
        };
        AccessRequest: {
            principal?: string;
            vendor?: string;
            targetAccountId?: string;
            targetAccountIds?: string[];
            profile?: string;
            parameters?: {
                [key: string]: string;
            };
            policy?: unknown;
            duration: string;
            justification: string;
            requester: {
                id: string;
                slackUserId?: string;
            };
            ticket?: {
                system: string;
                key: string;
                /** Format: uri */
                url?: string;
            };
            externalId?: string;
            /** Format: date-time */
            startAt?: string;
        };
        RequestPage: {
            items: components["schemas"]["RequestSummary"][];
            /** @description Pass it back as `cursor` for the next page */
            cursor?: string;
        };
        RequestSummary: {
            id: string;
            status: components["schemas"]["Status"];
            /** @description The third party's principal ARN */
            principal: string;
            /** @description The registered vendor the request named, by id */
            vendor?: string;
            /**
             * @description What approvers are asked to decide now: the request, or an extension of it
             * @enum {string}
             */
            awaiting?: "request" | "extension";
            targetAccountId: string;
            /** @description The profile, or custom-policy */
            profile: string;
            requester: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt?: string;
            links: components["schemas"]["Links"];
        };
        Request: {
            id: string;
            status: components["schemas"]["Status"];
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            principal: {
                arn: string;
                accountId: string;
                /** @enum {string} */
                partition: "aws" | "aws-cn" | "aws-us-gov";
                /** @enum {string} */
                kind: "account" | "role" | "user";
            };
            targetAccountId: string;
            /** @description An organization-wide request: every account, under one approval and expiry */
            targetAccountIds?: string[];
            /**
             * @description An access-key vendor: the principal is the IAM user the broker makes for it
             * @enum {string}
             */
            credentials?: "access-key";
            /** @description The key user and its key id; the secret goes to the vendor only, encrypted */
            accessKey?: {
                userName: string;
                userArn: string;
                accessKeyId: string;
            };
            profile?: string;
            parameters?: {
                [key: string]: string;
            };
            statements: {
                Sid?: string;
                /** @enum {string} */
                Effect: "Allow" | "Deny";
                Action: string[];
                Resource: string[];
                Condition?: {
                    [key: string]: {
                        [key: string]: unknown;
                    };
                };
            }[];
            managedPolicyArns: string[];
            /** @description ISO-8601 duration of the grant */
            duration: string;
            justification: string;
            requester: {
                /** @description Who asked, as the request named them */
                id: string;
                /** @description The person the broker took that name for */
                person?: string;
                slackUserId?: string;
            };
            /** @description The API client that filed the request */
            createdBy: string;
            ticket?: {
                system: string;
                key: string;
                url?: string;
            };
            /**
             * @description Who made the External ID: the broker, the request, or the vendor's registration
             * @enum {string}
             */
            externalIdSource: "supplied" | "generated" | "vendor";
            vendor?: {
                id: string;
                displayName: string;
            };
            /** Format: date-time */
            startAt?: string;
            approvals: {
                /** @description The identity that approved: an API client id, oidc:<person> when signed in, or a Slack user id */
                by: string;
                /** @description The person behind it; N-of-M counts people */
                person?: string;
                /** @description The email the identity provider verified, for an approver the config does not list */
                email?: string;
                /** @enum {string} */
                channel: "slack" | "api";
                /** Format: date-time */
                at: string;
                comment?: string;
            }[];
            decision?: {
                /** @enum {string} */
                outcome: "approved" | "denied" | "expired" | "cancelled";
                by: string;
                /** Format: date-time */
                at: string;
                comment?: string;
            };
            roleName?: string;
            roleArn?: string;
            /** Format: date-time */
            activatedAt?: string;
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            usableFrom?: string;
            revocation?: {
                /** @enum {string} */
                reason: "expired" | "revoked" | "provisioning-failed" | "vendor-suspended";
                by: string;
                comment?: string;
                /** Format: date-time */
                startedAt: string;
                attempts: number;
                lastError?: string;
                /** Format: date-time */
                completedAt?: string;
            };
            failure?: {
                reason: string;
                /** Format: date-time */
                at: string;
            };
            /** @description A pending request for more time */
            extension?: {
                duration: string;
                durationSeconds: number;
                justification: string;
                requestedBy: string;
                /** Format: date-time */
                requestedAt: string;
                approvals: {
                    /** @description The identity that approved: an API client id, oidc:<person> when signed in, or a Slack user id */
                    by: string;
                    /** @description The person behind it; N-of-M counts people */
                    person?: string;
                    /** @description The email the identity provider verified, for an approver the config does not list */
                    email?: string;
                    /** @enum {string} */
                    channel: "slack" | "api";
                    /** Format: date-time */
                    at: string;
                    comment?: string;
                }[];
                approved: boolean;
            };
            /** @description People's display names, keyed by how the request names them (decision.by, revocation.by, an approval's by, extension.requestedBy, createdBy, requester.id) */
            displayNames?: {
                [key: string]: string;
            };
            /** @description Present while the request, or its extension, waits for approvers */
            pendingDecision?: {
                approverGroup: string;
                /** @description Distinct people, N of the group */
                approvalsRequired: number;
                /**
                 * Format: date-time
                 * @description When the wait ends unanswered (the approval timeout)
                 */
                decideBy: string;
                /** @description The decision is on an extension, not the request */
                forExtension: boolean;
            };
            links: components["schemas"]["Links"];
            /** @description Present while the request is ACTIVE */
            grant?: {
                roleArn: string;
                /** Format: date-time */
                expiresAt: string;
                /**
                 * Format: date-time
                 * @description When IAM has propagated the role everywhere
                 */
                usableFrom?: string;
                /** @description Only for viewers who may see credentials */
                externalId?: string;
                /** @description The ~/.aws/config profile the third party pastes (with the External ID) */
                awsCliProfile?: string;
                /** @description An organization-wide grant: its role in every account (the first is roleArn) */
                roles?: {
                    accountId: string;
                    roleArn: string;
                    /** @description One profile per account */
                    awsCliProfile?: string;
                }[];
            };
        };
        AuditTrail: {
            items: components["schemas"]["AuditEntry"][];
        };
        AuditEntry: {
            requestId: string;
            /** Format: date-time */
            at: string;
            seq: number;
            /** @enum {string} */
            action: "REQUESTED" | "APPROVAL_RECORDED" | "APPROVED" | "DENIED" | "APPROVAL_EXPIRED" | "CANCELLED" | "PROVISIONING_STARTED" | "GRANTED" | "PROVISIONING_FAILED" | "REVOCATION_STARTED" | "REVOKED" | "EXPIRED" | "REVOCATION_FAILED" | "WAITING_FOR_DECISION" | "APPROVAL_MESSAGE_KEPT" | "EXTENSION_REQUESTED" | "EXTENSION_APPROVAL_RECORDED" | "EXTENSION_APPROVED" | "EXTENSION_DENIED" | "EXTENSION_EXPIRED" | "EXTENDED" | "EXPIRY_REMINDER" | "RECOVERED";
            actor: string;
            /** @description The person behind the actor, when it is one */
            person?: string;
            /** @description That person's display name, when the config gives one */
            displayName?: string;
            from?: components["schemas"]["Status"];
            to: components["schemas"]["Status"];
            detail?: {
                [key: string]: string | number | boolean;
            };
        };
        Activity: {
            items: components["schemas"]["ActivityRecord"][];
            summary: components["schemas"]["ActivitySummary"];
        };
        ActivityRecord: {
            requestId: string;
            /** @description CloudTrail's eventID */
            eventId: string;
            at: string;
            /** @description CloudTrail eventSource, e.g. s3.amazonaws.com */
            service: string;
            action: string;
            /** @description The role session name the third party chose */
            sessionName: string;
            sourceIp?: string;
            userAgent?: string;
            region?: string;
            /** @description The account the call was made in (organization-wide grants span several) */
            accountId?: string;
            allowed: boolean;
            errorCode?: string;
            readOnly?: boolean;
            resources?: string[];
        };
        ActivitySummary: {
            calls: number;
            denied: number;
            services: string[];
        };
        Evidence: {
            exportedAt: string;
            request: components["schemas"]["Request"];
            rolePolicies: {
                /** @description The External ID is redacted */
                trustPolicy: {
                    [key: string]: unknown;
                };
                permissionPolicy: {
                    [key: string]: unknown;
                };
                managedPolicyArns: string[];
            };
            auditTrail: components["schemas"]["AuditEntry"][];
            activity: components["schemas"]["Activity"];
        };
        Decision: {
            /** @enum {string} */
            decision: "approve" | "deny";
            comment?: string;
        };
        Extension: {
            duration: string;
            justification: string;
        };
        Revoke: {
            reason: string;
        };
        WhoAmI: {
            /** @description What the audit trail records for this caller */
            actor: string;
            /** @enum {string} */
            kind: "person" | "machine";
            /** @description The person, as requests and approvals name them */
            person?: string;
            displayName?: string;
            scopes: components["schemas"]["Scope"][];
            idpGroups?: string[];
            /** @description The approver groups this caller decides for */
            approverGroups: string[];
        };
        /** @enum {string} */
        Scope: "requests:create" | "requests:read" | "requests:approve" | "requests:revoke" | "requests:read-all" | "grants:credentials" | "requests:admin";
        Vendors: {
            items: components["schemas"]["Vendor"][];
        };
        Vendor: {
            id: string;
            displayName: string;
            principals: string[];
            /**
             * @description role: assumes with its own principal; access-key: gets a key per grant
             * @enum {string}
             */
            credentials: "role" | "access-key";
            /** @description Where access keys are encrypted to (JWE ECDH-ES + A256GCM) */
            publicKey?: {
                /** @enum {string} */
                kty: "EC";
                /** @enum {string} */
                crv: "P-256";
                x: string;
                y: string;
            };
            /** @description Requests naming the vendor use its External ID (never shown); else one per grant */
            hasExternalId: boolean;
            webhook?: {
                url: string;
                /** @description Only in the answer that made it: hand it to the vendor, it is not shown again */
                secret?: string;
            };
            /** @description Set while the vendor is suspended: no new request, approval or role for it */
            suspension?: {
                at: string;
                by: string;
                comment?: string;
                /** @description When everything the vendor held had ended (until then the sweeper finishes it) */
                settledAt?: string;
            };
            createdAt: string;
            updatedAt: string;
            updatedBy: string;
            version: number;
        };
        VendorRegistration: {
            displayName: string;
            principals: string[];
            /** @enum {string} */
            credentials?: "role" | "access-key";
            publicKey?: {
                /** @enum {string} */
                kty: "EC";
                /** @enum {string} */
                crv: "P-256";
                x: string;
                y: string;
            };
            externalId?: string;
            webhook?: {
                url: string;
            };
            rotateWebhookSecret?: boolean;
        };
        VendorSuspension: {
            vendor: components["schemas"]["Vendor"];
            /** @description Every request or grant the suspension ended */
            ended: {
                id: string;
                /** @description REVOKED or CANCELLED; REVOKING or REVOKE_FAILED: the sweeper ends it */
                status: string;
                targetAccountId: string;
                roleArn?: string;
            }[];
            /** @description Grants whose teardown failed here: denied, and retried by the sweeper */
            failed: string[];
        };
        VendorSuspensionComment: {
            comment?: string;
        };
        ExternalAccess: {
            accounts: {
                accountId: string;
                roles: {
                    roleName: string;
                    roleArn: string;
                    createdAt: string;
                    /** @description A grant role of a request the broker holds */
                    madeByBroker: boolean;
                    requestId?: string;
                    principals: {
                        /** @description As the trust policy names it: an ARN, an account id, or * */
                        principal: string;
                        accountId?: string;
                        /** @description The trust requires an exact sts:ExternalId */
                        externalIdRequired: boolean;
                    }[];
                    /** @description IAM's RoleLastUsed */
                    lastUsedAt?: string;
                }[];
                /** @description The account could not be read (the error name): its list is empty */
                error?: string;
            }[];
        };
        Profiles: {
            profiles: {
                name: string;
                description: string;
                parameters: {
                    name: string;
                    description: string;
                    /** @description Every value must match this, anchored */
                    pattern: string;
                }[];
                /** @description What a grant allows, with {{parameter}} placeholders */
                statements: {
                    [key: string]: unknown;
                }[];
                managedPolicyArns: string[];
                sensitiveActions: string[];
                approval: components["schemas"]["ApprovalRule"];
            }[];
            /** @description null: requests must name a profile */
            customPolicies: {
                approval: components["schemas"]["ApprovalRule"];
            } | null;
        };
        ApprovalRule: {
            approverGroup: string;
            approvalsRequired: number;
            channels: ("slack" | "api")[];
            maxDuration?: string;
            /** @description Requests up to this duration need no approver */
            autoApproveUpTo?: string;
            requireTicket: boolean;
        };
        SignInSettings: {
            /** @description null: this broker takes static tokens only */
            oidc: {
                issuer: string;
                /** @description The public client for device flow and PKCE sign-in */
                clientId: string;
                /** @description The public client the web console signs in with (authorization code + PKCE) */
                consoleClientId?: string;
                audience: string;
                scope: string;
                /**
                 * @description Which token to send as the bearer token
                 * @enum {string}
                 */
                tokenUse: "access" | "id";
            } | null;
        };
        SlackInteraction: {
            payload: string;
        };
        OpenApi: {
            [key: string]: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listRequests: {
        parameters: {
            query?: {
                status?: "PENDING_APPROVAL" | "APPROVED" | "PROVISIONING" | "ACTIVE" | "REVOKING" | "REVOKED" | "DENIED" | "APPROVAL_EXPIRED" | "CANCELLED" | "FAILED" | "REVOKE_FAILED";
                /** @description Only requests naming this vendor (id) */
                vendor?: string;
                /** @description Only requests by this requester, as named or as the person (any case) */
                requester?: string;
                /** @description Only grants reaching this account */
                account?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RequestPage"];
                };
            };
            /** @description A bad status, filter, cursor or limit */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retry-safe key, scoped to the client (e.g. the ticket key) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AccessRequest"];
            };
        };
        responses: {
            /** @description Replayed: the same Idempotency-Key with the same body */
            200: {
                headers: {
                    /** @description The request */
                    Location?: string;
                    /** @description true */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Created"];
                };
            };
            /** @description Created; waiting for approval */
            202: {
                headers: {
                    /** @description The new request */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Created"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Idempotency-Key was used with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description Not a request id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    auditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit entries, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditTrail"];
                };
            };
            /** @description Not a request id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Calls and their summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Not a request id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEvidence: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The evidence (no External ID) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evidence"];
                };
            };
            /** @description Not a request id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Decision"];
            };
        };
        responses: {
            /** @description The request after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope, or this person may not decide it (their own request, wrong group or channel) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already decided, or nothing is pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    extend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Extension"];
            };
        };
        responses: {
            /** @description Extension pending approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description Invalid input, or more time than the profile allows */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope, or the caller neither filed, approves nor administers it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not ACTIVE, or an extension is already pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Revoke"];
            };
        };
        responses: {
            /** @description Revocation done or under way (or the request cancelled) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope, or the caller neither filed, approves nor administers it */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such request (or not yours to see) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    whoAmI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WhoAmI"];
                };
            };
            /** @description Missing, unknown, expired or foreign token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but in none of the groups the broker knows */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listVendors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every vendor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendors"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getVendor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The vendor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendor"];
                };
            };
            /** @description Not a vendor id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putVendor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VendorRegistration"];
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendor"];
                };
            };
            /** @description Registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendor"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another admin changed it at the same time: read it again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suspendVendor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VendorSuspensionComment"];
            };
        };
        responses: {
            /** @description Suspended (or already suspended); what it held is ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VendorSuspension"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another admin changed it at the same time: try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resumeVendor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VendorSuspensionComment"];
            };
        };
        responses: {
            /** @description Resumed (or was not suspended) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vendor"];
                };
            };
            /** @description Invalid input: names each field and why */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such vendor */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another admin changed it at the same time: try again */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    externalAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Per account */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExternalAccess"];
                };
            };
            /** @description Missing or unknown token (the answer carries WWW-Authenticate) */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profiles, by name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profiles"];
                };
            };
            /** @description Missing, unknown, expired or foreign token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Signed in, but in no known group */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    signInSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInSettings"];
                };
            };
        };
    };
    slackInteractions: {
        parameters: {
            query?: never;
            header?: {
                "X-Slack-Signature"?: string;
                "X-Slack-Request-Timestamp"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SlackInteraction"];
            };
        };
        responses: {
            /** @description Acknowledged (a refused click is answered privately in Slack) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not a block_actions payload */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, stale or wrong signature */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApi"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    securityTxt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description security.txt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No security contact is configured */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    consolePage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    /** @description Only its own script and style; connects to the API and the IdP */
                    "content-security-policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    consoleAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description Not a file name the console uses */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such file (an older build) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
}
