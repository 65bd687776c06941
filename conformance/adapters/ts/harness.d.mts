// Type declarations of harness.mjs (TypeScript pairs `x.mjs` with `x.d.mts`).
//
// The harness imports whatever module it is given at run time, so it cannot check that module
// itself. An implementation opts in by typing its factories with the types of the package
// `adcontract generate typescript` wrote; a wrong method signature, a wrong result type, a
// missing or misspelt method, an event with the wrong arguments is then a compile error:
//
//   import type { AgentDesktopClientAPI, ContractWidgetEventArgs } from "@adcontract/agent-desktop-latest";
//   import type { Emit, WidgetProvider } from "<adcontract>/conformance/adapters/ts/harness.mjs";
//
//   export function createProvider(emit: Emit<ContractWidgetEventArgs>): WidgetProvider<AgentDesktopClientAPI> { ... }
//
//   import type { EmbeddedAgentDesktopAPI, ContractEmbeddedEventArgs } from "@adcontract/agent-desktop-latest";
//   import type { EmbeddedProvider } from "<adcontract>/conformance/adapters/ts/harness.mjs";
//   // The harness places callbacks with this table: it must come from the same package.
//   export { contractEmbeddedCallbacks } from "@adcontract/agent-desktop-latest";
//
//   export function createEmbeddedProvider(
//     emit: Emit<ContractEmbeddedEventArgs>,
//   ): EmbeddedProvider<EmbeddedAgentDesktopAPI, ContractEmbeddedEventArgs> { ... }
//
// Annotate the functions' return types as above: TypeScript reports misspelt (excess) members of
// a returned object literal against a declared return type, not against the contextual type of
// an arrow function assigned to a `CreateProvider` variable.
//
// The API and its event map are type parameters, not imports, because every contract version is
// a package of its own (`@adcontract/agent-desktop-5.19`, `-5.24`, `-latest`) and the harness
// serves any.

/** The APIs the harness plays: API A (`widget`) and API B (`embedded`), as recordings name them. */
export type ApiName = "widget" | "embedded";

/**
 * What sets the client API (`new window.brightpattern.AdApi()`) apart from the embedded one
 * (`window.bpspat.api`): the `on` / `remove` handler registry.
 */
export interface ClientApiLike {
  on(...args: never[]): unknown;
  remove(...args: never[]): unknown;
}

/**
 * The embedded API registers each event with a member of its own: it has no `on` / `remove`.
 * (`object &` keeps this from being a weak type, which no interface without those members fits.)
 */
export type EmbeddedApiLike = object & { on?: never; remove?: never };

/** Member names the harness keeps for itself: a `call` of one of them is never forwarded. */
export type HookName = "reset" | "fixture" | "answer" | "constructor";

/**
 * Each event's arguments, in order: the generated package's `ContractWidgetEventArgs` (API A)
 * or `ContractEmbeddedEventArgs` (API B).
 */
export type EventArgsMap = { readonly [event: string]: readonly unknown[] };

/**
 * Reports an event the way the desktop would raise it: the event's name (API A `ON_…`, API B the
 * registration member, e.g. `onStatusChange`) and exactly its arguments. Everything emitted
 * while a request is handled is returned with that request's reply, in order; an optional
 * argument left out at the end stays out.
 */
export interface Emit<Events extends EventArgsMap> {
  <E extends keyof Events & string>(event: E, ...args: Events[E]): void;
  /**
   * Passes an event on as is, unchecked by the compiler (the runner still checks it): for the
   * `emit` fixture, whose event comes from the recording.
   */
  raw(event: string, args: readonly unknown[]): void;
}

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
  /** The desktop emits this event as is (`emit.raw`). */
  emit: { event: string; args: unknown[] };
}

export type FixtureName = keyof FixtureArgs;

/**
 * The arguments of `fixture(name, args)` as one tuple union, so that an implementation that
 * tests `name` gets `args` narrowed to that fixture's arguments.
 */
export type FixtureCall = { [F in FixtureName]: [name: F, args: FixtureArgs[F]] }[FixtureName];

/** What the harness needs beyond the API's methods. */
export interface ProviderHooks<Api extends ApiName = "widget"> {
  /**
   * Starts a case: a fresh, logged-out desktop. Return (or resolve to) a string to decline the
   * version: the case is reported `skip` with it as the reason. A throw is an `error` reply,
   * which counts against the case.
   */
  reset(api: Api, apiVersion: string): void | string | PromiseLike<void | string>;
  /** Sets the scene; throw for a fixture the implementation cannot apply. */
  fixture(...call: FixtureCall): void | PromiseLike<void>;
  /** The host answered a data-providing event the implementation emitted. */
  answer?(event: string, response: unknown): void | PromiseLike<void>;
}

// ---- API A ----

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
 * The object `createProvider` returns: the hooks plus the API's request methods. By default
 * every request method is required (a bridge over a real client, or an object typed as the
 * client interface, fits as is). A partial implementation names the methods it implements in
 * `Implemented`: the others may be left out (the harness answers them with
 * `api_method_not_implemented`) but, if present, still have to match the interface.
 */
export type WidgetProvider<
  Api extends ClientApiLike,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> = Pick<RequestMethods<Api>, Implemented> & Partial<RequestMethods<Api>> & ProviderHooks<"widget">;

/** The type of the module's `createProvider` export. */
export type CreateProvider<
  Api extends ClientApiLike,
  Events extends EventArgsMap,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> = (emit: Emit<Events>) => WidgetProvider<Api, Implemented>;

/** The exports of an API A implementation module (`name` and `version` go into the handshake). */
export interface ProviderModule<
  Api extends ClientApiLike,
  Events extends EventArgsMap,
  Implemented extends RequestMethodName<Api> = RequestMethodName<Api>,
> {
  createProvider: CreateProvider<Api, Events, Implemented>;
  name?: string;
  version?: string;
}

// ---- API B ----

/**
 * What the event map `Events` of an embedded API must be: every key a member of the API (a
 * registration member), so that a map of another API or version does not fit.
 */
export type EmbeddedEventsOf<Api, Events> = EventArgsMap & {
  readonly [K in keyof Events]: K extends keyof Api ? readonly unknown[] : never;
};

/**
 * The names of the methods of an embedded API: its members except the event registrations (the
 * keys of its event map). The package's `contractEmbeddedCallbacks` lists the same names.
 */
export type EmbeddedMethodName<Api, Events> = Exclude<keyof Api, keyof Events | HookName> & string;

/**
 * The methods of an embedded API, typed exactly as the interface declares them: the arguments,
 * then the callback where the method answers. API B is fire-and-forget, so a method returns
 * nothing; one that answers later returns a promise that settles after it called the callback,
 * since the call's result is what the callback received before the call completed.
 */
export type EmbeddedMethods<Api, Events> = { [K in EmbeddedMethodName<Api, Events>]: Api[K] };

/**
 * The object `createEmbeddedProvider` returns: the hooks plus the API's methods; `Implemented`
 * as for `WidgetProvider` (a method left out has no effect and no answer).
 */
export type EmbeddedProvider<
  Api extends EmbeddedApiLike,
  Events extends EmbeddedEventsOf<Api, Events>,
  Implemented extends EmbeddedMethodName<Api, Events> = EmbeddedMethodName<Api, Events>,
> = Pick<EmbeddedMethods<Api, Events>, Implemented> &
  Partial<EmbeddedMethods<Api, Events>> &
  ProviderHooks<"embedded">;

/** The type of the module's `createEmbeddedProvider` export. */
export type CreateEmbeddedProvider<
  Api extends EmbeddedApiLike,
  Events extends EmbeddedEventsOf<Api, Events>,
  Implemented extends EmbeddedMethodName<Api, Events> = EmbeddedMethodName<Api, Events>,
> = (emit: Emit<Events>) => EmbeddedProvider<Api, Events, Implemented>;

/**
 * Where each method takes its callback (the parameter index) or `null` when it answers nothing:
 * the shape of the package's `contractEmbeddedCallbacks`.
 */
export type EmbeddedCallbacks<Api, Events> = {
  readonly [K in EmbeddedMethodName<Api, Events>]: number | null;
};

/**
 * The exports of an API B implementation module. `contractEmbeddedCallbacks` is re-exported from
 * the generated package whose types the implementation uses.
 */
export interface EmbeddedProviderModule<
  Api extends EmbeddedApiLike,
  Events extends EmbeddedEventsOf<Api, Events>,
  Implemented extends EmbeddedMethodName<Api, Events> = EmbeddedMethodName<Api, Events>,
> {
  createEmbeddedProvider: CreateEmbeddedProvider<Api, Events, Implemented>;
  contractEmbeddedCallbacks: EmbeddedCallbacks<Api, Events>;
  name?: string;
  version?: string;
}
