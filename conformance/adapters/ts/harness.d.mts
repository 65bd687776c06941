// Type declarations of harness.mjs (TypeScript pairs `x.mjs` with `x.d.mts`).
//
// The harness imports whatever module it is given at run time, so it cannot check that module
// itself. An implementation opts in by typing its factory with the client interface of the
// package `adcontract generate typescript` wrote; a wrong method signature, a wrong result type,
// a missing or misspelt method is then a compile error:
//
//   import type { AgentDesktopClientAPI } from "@adcontract/agent-desktop-latest";
//   import type { Emit, WidgetProvider } from "<adcontract>/conformance/adapters/ts/harness.mjs";
//
//   export function createProvider(emit: Emit): WidgetProvider<AgentDesktopClientAPI> { ... }
//
// Annotate the function's return type as above: TypeScript reports misspelt (excess) members of a
// returned object literal against a declared return type, not against the contextual type of an
// arrow function assigned to a `CreateProvider` variable.
//
// The interface is a type parameter, not an import, because every contract version is a package
// of its own (`@adcontract/agent-desktop-5.19`, `-5.24`, `-latest`) and the harness serves any.
// The harness plays API A only (it answers `reset` for API B with `skip`), so the embedded API
// (`EmbeddedAgentDesktopAPI`) is refused as a type argument.

/**
 * What sets the client API (`new window.brightpattern.AdApi()`) apart from the embedded one
 * (`window.bpspat.api`): the `on` / `remove` handler registry.
 */
export interface ClientApiLike {
  on(...args: never[]): unknown;
  remove(...args: never[]): unknown;
}

/** Member names the harness keeps for itself: a `call` of one of them is never forwarded. */
export type HookName = "reset" | "fixture" | "answer" | "constructor";

/**
 * The request methods of a client API: the members that answer with a promise (of an
 * `OperationResult`), typed exactly as the interface declares them. `on`, `remove` and
 * `injectMessageLogger` are how a page listens; under the harness, events go through `emit`.
 */
export type RequestMethods<Api> = {
  [K in keyof Api as K extends HookName
    ? never
    : Api[K] extends (...args: never[]) => PromiseLike<unknown>
      ? K
      : never]: Api[K];
};

/** The names of the request methods of a client API. */
export type RequestMethodName<Api> = keyof RequestMethods<Api> & string;

/**
 * Reports an event the way the desktop would raise it: the `ON_…` name and the handler's
 * arguments. Everything emitted while a request is handled is returned with that request's
 * reply, in order; the runner checks names and payloads against the contract.
 */
export type Emit = (event: string, ...args: unknown[]) => void;

/** The arguments of each fixture (docs/conformance/recording.md). */
export interface FixtureArgs {
  /** The agent logs in through the desktop UI and becomes ready. */
  login: { agentId?: string };
  /** An interaction is offered (`delivery_pending`); `type` defaults to `voice`. */
  offer: {
    interactionId: string;
    type?: "voice" | "chat" | "email";
    phoneNumber?: string;
    email?: string;
    service?: string;
  };
  /** The agent accepts it in the desktop UI. */
  accept: { interactionId: string };
  /** The other party ends it (wrap-up). */
  remoteEnd: { interactionId: string };
  /** The desktop emits this event as is. */
  emit: { event: string; args: unknown[] };
}

export type FixtureName = keyof FixtureArgs;

/**
 * The arguments of `fixture(name, args)` as one tuple union, so that an implementation that
 * tests `name` gets `args` narrowed to that fixture's arguments.
 */
export type FixtureCall = { [F in FixtureName]: [name: F, args: FixtureArgs[F]] }[FixtureName];

/** What the harness needs beyond the API's methods. */
export interface ProviderHooks {
  /**
   * Starts a case: a fresh, logged-out desktop. Return (or resolve to) a string to decline the
   * version: the case is reported `skip` with it as the reason. A throw is an `error` reply,
   * which counts against the case.
   */
  reset(api: "widget", apiVersion: string): void | string | PromiseLike<void | string>;
  /** Sets the scene; throw for a fixture the implementation cannot apply. */
  fixture(...call: FixtureCall): void | PromiseLike<void>;
  /** The host answered a data-providing event the implementation emitted. */
  answer?(event: string, response: unknown): void | PromiseLike<void>;
}

/**
 * The object `createProvider` returns: the hooks plus the API's request methods. By default
 * every request method is required (a bridge over a real client, or an object typed as the
 * client interface, fits as is). A partial implementation names the methods it implements in
 * `Implemented`: the others may be left out (the harness answers them with
 * `api_method_not_implemented`) but, if present, still have to match the interface.
 */
export type WidgetProvider<
  Api extends ClientApiLike,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> = Pick<RequestMethods<Api>, Implemented> & Partial<RequestMethods<Api>> & ProviderHooks;

/** The type of the module's `createProvider` export. */
export type CreateProvider<
  Api extends ClientApiLike,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> = (emit: Emit) => WidgetProvider<Api, Implemented>;

/** The exports of an implementation module (`name` and `version` go into the handshake). */
export interface ProviderModule<
  Api extends ClientApiLike,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> {
  createProvider: CreateProvider<Api, Implemented>;
  name?: string;
  version?: string;
}
