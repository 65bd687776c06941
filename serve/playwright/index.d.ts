import type { BrowserContext, Page } from "playwright-core";

export declare const VENDOR_PATHS: readonly string[];

export interface Violation {
  rule: string;
  message: string;
  seq?: number;
}

export interface SessionInfo {
  id: string;
  api: "widget" | "embedded";
  apiVersion: string;
  connectedAt: string;
}

/** An event the desktop emitted: name and positional arguments. */
export interface Emitted {
  event: string;
  args: unknown[];
}

export interface Scene {
  readonly id: string;
  fixture(name: "login" | "offer" | "accept" | "remoteEnd" | "emit", args?: Record<string, unknown>): Promise<Emitted[]>;
  login(args?: { agentId?: string }): Promise<Emitted[]>;
  offer(args: { interactionId: string; type?: "voice" | "chat" | "email"; phoneNumber?: string; email?: string; service?: string }): Promise<Emitted[]>;
  accept(interactionId: string): Promise<Emitted[]>;
  remoteEnd(interactionId: string): Promise<Emitted[]>;
  emit(event: string, args?: unknown[]): Promise<Emitted[]>;
  recording(): Promise<string>;
  violations(): Promise<Violation[]>;
}

export interface Desk {
  readonly url: string;
  route(target: Page | BrowserContext): Promise<void>;
  sessions(): Promise<SessionInfo[]>;
  nextSession(timeoutMs?: number): Promise<Scene>;
  session(id: string): Scene;
}

export interface StartedDesk extends Desk {
  readonly log: string[];
  stop(): Promise<number | null>;
}

export declare function startServer(options?: {
  command?: string;
  args?: string[];
  apiVersion?: string;
  recordDir?: string;
  play?: string;
  env?: Record<string, string>;
}): Promise<StartedDesk>;

export declare function attach(url: string): Desk;
