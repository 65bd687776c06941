// Declarations shaped like the vendor's types file at the 5.19 commit (ff35e5e), written for this
// test from adcontract's research notes (shared/reference/vendor-exports.md and
// brightpattern-api.md), not a copy of the vendor file. Only the names whose declared types are
// quirks of that file are here; vendor-compat.ts checks that adcontract's package matches them.

export declare const requestMessages: readonly ["GET_LOGIN_STATE", "LOGIN", "LOGOUT", "GET_AGENT_STATE", "SET_AGENT_STATE", "ACCEPT_INTERACTION", "REJECT_INTERACTION", "START_CALL", "START_CHAT", "START_EMAIL", "SEND_DTMF", "CONSULT_CALL", "BLIND_TRANSFER", "TRANSFER", "LEAVE_INTERACTION", "COMPLETE_INTERACTION", "LEAVE_AND_COMPLETE_INTERACTION", "SWITCH_ACTIVE_INTERACTION", "INVITE_TO_CALL_CONFERENCE", "REMOVE_FROM_CALL_CONFERENCE", "DESTROY_CALL_CONFERENCE", "MERGE_ALL_CALLS_INTO_CONFERENCE", "GET_TEAMS", "GET_TEAM_MEMBERS", "GET_SERVICES_LIST", "GET_SERVICE", "SET_SERVICE", "GET_DID_LIST", "GET_DID", "SET_DID", "GET_DISPOSITIONS_LIST", "SET_DISPOSITION", "SET_RESCHEDULE", "ADD_NOTE", "UPDATE_NOTE", "REPLACE_NOTE", "GET_CONFIG", "GET_VARIABLES", "SET_VARIABLE", "ADD_INTERACTION_ASSOCIATED_OBJECT", "SET_INTERACTION_ACTIVE_SCREEN", "GET_PHONE_DEVICES_LIST", "GET_PHONE_DEVICE", "SET_PHONE_DEVICE", "SET_CALL_HOLD", "SET_CALL_RECORDING", "SET_CALL_MUTE", "SET_SCREEN_RECORDING_MUTE", "GET_SCREEN_RECORDING_STATE", "SET_WIDGET_MINIMIZED", "SEND_CHAT_MESSAGE", "SUGGEST_CHAT_MESSAGE", "GET_AGENT_NOT_READY_REASONS"];
export type RequestMessage = typeof requestMessages[number];

export declare const callbackMessages: {
  readonly ON_LOGIN: { readonly needResponse: false };
  readonly ON_LOGOUT: { readonly needResponse: false };
  readonly ON_NEW_INTERACTION: { readonly needResponse: false };
  readonly ON_INTERACTION_REMOVED: { readonly needResponse: false };
  readonly ON_INTERACTION_STATE_CHANGE: { readonly needResponse: false };
  readonly ON_ACTIVE_INTERACTION_SWITCHED: { readonly needResponse: false };
  readonly ON_AGENT_STATE_CHANGE: { readonly needResponse: false };
  readonly ON_REQUEST_TRANSFER_DATA: { readonly needResponse: true };
  readonly ON_LOAD_TRANSFER_DATA: { readonly needResponse: false };
  readonly ON_SEARCH_KNOWLEDGE_BASE: { readonly needResponse: true };
  readonly ON_GET_KNOWLEDGE_BASE_ARTICLE: { readonly needResponse: true };
  readonly ON_OPEN_RECORD: { readonly needResponse: false };
  readonly ON_SEARCH_RECORDS: { readonly needResponse: false };
  readonly ON_SHOW_SCREEN: { readonly needResponse: false };
  readonly ON_SCREEN_RECORDING_STATE_CHANGE: { readonly needResponse: false };
  readonly ON_WIDGET_MINIMIZED_CHANGE: { readonly needResponse: false };
  readonly ON_SERVER_ERROR: { readonly needResponse: false };
  readonly ON_SOFTPHONE_STATUS_CHANGE: { readonly needResponse: false };
  readonly ON_AUDIO_DEVICE_CHANGE: { readonly needResponse: false };
  readonly ON_PHONE_CAPABILITIES_CHANGE: { readonly needResponse: false };
  readonly ON_CALL_AUDIO_QUALITY_ALERT: { readonly needResponse: false };
  readonly ON_WEB_SCREEN_POP_CUSTOM: { readonly needResponse: true };
  readonly ON_SAVE_ACTIVITY_RECORD: { readonly needResponse: false };
};
export type CallbackMessage = keyof typeof callbackMessages;
export declare const responseSuffix: "_RESPONSE";
// Built by string concatenation without `as const`: plain `string[]`.
export declare const requestResponseMessages: string[];
export declare const callbackResponseMessages: string[];

export declare const agentStates: readonly ["supervising", "ready", "not_ready", "busy", "after_call_work"];
export type AgentState = typeof agentStates[number];
// Declared without `as const`, so the array is `string[]` and `UserState` is `string`.
export declare const userStates: string[];
export type UserState = typeof userStates[number];
export type User = { id: string; teamId: string; firstName: string; lastName: string; phone: string; state: UserState };
