// Vendor compatibility for `5.19`: every name the vendor's types file exports at 5.19
// (shared/reference/vendor-exports.md; declared in vendor.d.ts) must exist in adcontract's
// package and be mutually assignable with it, so that swapping one file for the other keeps a
// project compiling. Generic types are checked at their default and at other instantiations;
// the client as a whole and member by member. Compiled with the DOM library, as the vendor's
// file needs it (tests/tests/it/typescript/tsc.rs); `typescript::vendor_names` checks that no
// listed name is left out.

import * as V from "./vendor.js";
import * as A from "../../generated/5.19/index.js";

/** Mutual assignability (not identity: `A & {b}` and a flattened object count as the same). */
type Eq<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Assert<T extends true> = T;

export type TypeChecks = [
  Assert<Eq<V.RequestMessage, A.RequestMessage>>,
  Assert<Eq<V.CallbackMessage, A.CallbackMessage>>,
  Assert<Eq<V.CallbackMessageWithResponse, A.CallbackMessageWithResponse>>,
  Assert<Eq<V.CallbackMethodsReturnTypeMap, A.CallbackMethodsReturnTypeMap>>,
  Assert<Eq<V.ResultStatus, A.ResultStatus>>,
  Assert<Eq<V.ResultErrorCodes, A.ResultErrorCodes>>,
  Assert<Eq<V.ServerErrorCodes, A.ServerErrorCodes>>,
  Assert<Eq<V.ResultError, A.ResultError>>,
  Assert<Eq<V.OperationResult, A.OperationResult>>,
  Assert<Eq<V.OperationResult<string[]>, A.OperationResult<string[]>>>,
  Assert<Eq<V.OperationResult<V.User[]>, A.OperationResult<A.User[]>>>,
  Assert<Eq<V.OperationResult<V.InteractionData | null>, A.OperationResult<A.InteractionData | null>>>,
  Assert<Eq<V.SyncAsyncResult, A.SyncAsyncResult>>,
  Assert<Eq<V.SyncAsyncResult<number>, A.SyncAsyncResult<number>>>,
  Assert<Eq<V.SyncAsyncResult<V.InteractionAssociatedObjectData | null>, A.SyncAsyncResult<A.InteractionAssociatedObjectData | null>>>,
  Assert<Eq<V.AgentState, A.AgentState>>,
  Assert<Eq<V.InteractionState, A.InteractionState>>,
  Assert<Eq<V.InteractionType, A.InteractionType>>,
  Assert<Eq<V.ChatChannelType, A.ChatChannelType>>,
  Assert<Eq<V.CallDirection, A.CallDirection>>,
  Assert<Eq<V.PhoneDevice, A.PhoneDevice>>,
  Assert<Eq<V.DispositionType, A.DispositionType>>,
  Assert<Eq<V.UserState, A.UserState>>,
  Assert<Eq<V.LoginStateData, A.LoginStateData>>,
  Assert<Eq<V.AgentStateData, A.AgentStateData>>,
  Assert<Eq<V.ServiceData, A.ServiceData>>,
  Assert<Eq<V.DispositionTarget, A.DispositionTarget>>,
  Assert<Eq<V.DispositionData, A.DispositionData>>,
  Assert<Eq<V.IntegrationConfig, A.IntegrationConfig>>,
  Assert<Eq<V.InteractionAssociatedObjectData, A.InteractionAssociatedObjectData>>,
  Assert<Eq<V.InteractionAssociatedObject, A.InteractionAssociatedObject>>,
  Assert<Eq<V.InteractionAssociatedObjectsData, A.InteractionAssociatedObjectsData>>,
  Assert<Eq<V.AttachedData, A.AttachedData>>,
  Assert<Eq<V.InteractionData, A.InteractionData>>,
  Assert<Eq<V.InteractionScreen, A.InteractionScreen>>,
  Assert<Eq<V.CustomTransferData, A.CustomTransferData>>,
  Assert<Eq<V.ExternalKBArticleData, A.ExternalKBArticleData>>,
  Assert<Eq<V.ExternalKBArticle, A.ExternalKBArticle>>,
  Assert<Eq<V.ExternalKBSearchResultData, A.ExternalKBSearchResultData>>,
  Assert<Eq<V.ExternalKBSearchResult, A.ExternalKBSearchResult>>,
  Assert<Eq<V.SearchRecordsQuery, A.SearchRecordsQuery>>,
  Assert<Eq<V.RescheduleData, A.RescheduleData>>,
  Assert<Eq<V.PhoneDeviceData, A.PhoneDeviceData>>,
  Assert<Eq<V.Team, A.Team>>,
  Assert<Eq<V.User, A.User>>,
  Assert<Eq<V.CallParty, A.CallParty>>,
  Assert<Eq<V.ScreenRecordingState, A.ScreenRecordingState>>,
  Assert<Eq<V.ServerErrorData, A.ServerErrorData>>,
  Assert<Eq<V.LoginData, A.LoginData>>,
  Assert<Eq<V.PhoneCapabilities, A.PhoneCapabilities>>,
  Assert<Eq<V.DIDNumber, A.DIDNumber>>,
  Assert<Eq<V.WebScreenPopSecondaryUrl, A.WebScreenPopSecondaryUrl>>,
  Assert<Eq<V.WebScreenPop, A.WebScreenPop>>,
  Assert<Eq<V.InteractionOrigination, A.InteractionOrigination>>,
  Assert<Eq<V.InitiateResult, A.InitiateResult>>,
  Assert<Eq<V.OnLoginHandler, A.OnLoginHandler>>,
  Assert<Eq<V.OnLogoutHandler, A.OnLogoutHandler>>,
  Assert<Eq<V.OnNewInteractionHandler, A.OnNewInteractionHandler>>,
  Assert<Eq<V.OnInteractionRemovedHandler, A.OnInteractionRemovedHandler>>,
  Assert<Eq<V.OnInteractionStateChangeHandler, A.OnInteractionStateChangeHandler>>,
  Assert<Eq<V.OnActiveInteractionSwitchHandler, A.OnActiveInteractionSwitchHandler>>,
  Assert<Eq<V.OnAgentStateChangeHandler, A.OnAgentStateChangeHandler>>,
  Assert<Eq<V.OnRequestTransferDataHandler, A.OnRequestTransferDataHandler>>,
  Assert<Eq<V.OnLoadTransferDataHandler, A.OnLoadTransferDataHandler>>,
  Assert<Eq<V.OnWidgetMinimizedChangeHandler, A.OnWidgetMinimizedChangeHandler>>,
  Assert<Eq<V.OnSearchKnowledgeBaseHandler, A.OnSearchKnowledgeBaseHandler>>,
  Assert<Eq<V.OnGetKnowledgeBaseArticleHandler, A.OnGetKnowledgeBaseArticleHandler>>,
  Assert<Eq<V.OnOpenRecordHandler, A.OnOpenRecordHandler>>,
  Assert<Eq<V.OnSearchRecordsHandler, A.OnSearchRecordsHandler>>,
  Assert<Eq<V.OnShowScreenHandler, A.OnShowScreenHandler>>,
  Assert<Eq<V.OnScreenRecordingStateChangeHandler, A.OnScreenRecordingStateChangeHandler>>,
  Assert<Eq<V.OnServerErrorHandler, A.OnServerErrorHandler>>,
  Assert<Eq<V.OnSoftphoneStatusChangeHandler, A.OnSoftphoneStatusChangeHandler>>,
  Assert<Eq<V.OnAudioDeviceChangeHandler, A.OnAudioDeviceChangeHandler>>,
  Assert<Eq<V.OnPhoneCapabilitiesChangeHandler, A.OnPhoneCapabilitiesChangeHandler>>,
  Assert<Eq<V.OnCallAudioQualityAlertHandler, A.OnCallAudioQualityAlertHandler>>,
  Assert<Eq<V.OnWebScreenPopCustomHandler, A.OnWebScreenPopCustomHandler>>,
  Assert<Eq<V.OnSaveActivityRecordHandler, A.OnSaveActivityRecordHandler>>,
  Assert<Eq<V.MessageLogger, A.MessageLogger>>,
  Assert<Eq<V.InitOptions, A.InitOptions>>,
];

export type ConstChecks = [
  Assert<Eq<typeof V.requestMessages, typeof A.requestMessages>>,
  Assert<Eq<typeof V.callbackMessages, typeof A.callbackMessages>>,
  Assert<Eq<typeof V.responseSuffix, typeof A.responseSuffix>>,
  Assert<Eq<typeof V.requestResponseMessages, typeof A.requestResponseMessages>>,
  Assert<Eq<typeof V.callbackResponseMessages, typeof A.callbackResponseMessages>>,
  Assert<Eq<typeof V.resultErrorCodes, typeof A.resultErrorCodes>>,
  Assert<Eq<typeof V.serverErrorCodes, typeof A.serverErrorCodes>>,
  Assert<Eq<typeof V.agentStates, typeof A.agentStates>>,
  Assert<Eq<typeof V.interactionStates, typeof A.interactionStates>>,
  Assert<Eq<typeof V.interactionTypes, typeof A.interactionTypes>>,
  Assert<Eq<typeof V.chatChannelTypes, typeof A.chatChannelTypes>>,
  Assert<Eq<typeof V.callDirections, typeof A.callDirections>>,
  Assert<Eq<typeof V.phoneDevices, typeof A.phoneDevices>>,
  Assert<Eq<typeof V.dispositionTypes, typeof A.dispositionTypes>>,
  Assert<Eq<typeof V.userStates, typeof A.userStates>>,
  Assert<Eq<typeof V.interactionOriginations, typeof A.interactionOriginations>>,
];

// The client: as a whole, member by member (so a failure names the member), the member set,
// and the constructor's parameters (the vendor declares a class; ours is an interface plus
// `AgentDesktopClientAPIConstructor`).
type Client = V.AgentDesktopClientAPI;
type Ours = A.AgentDesktopClientAPI;
type Member<K extends keyof Client & keyof Ours> = Eq<Client[K], Ours[K]>;
export type ClientChecks = [
  Assert<Eq<V.AgentDesktopClientAPI, A.AgentDesktopClientAPI>>,
  Assert<Eq<keyof Client, keyof Ours>>,
  Assert<Eq<ConstructorParameters<typeof V.AgentDesktopClientAPI>, ConstructorParameters<A.AgentDesktopClientAPIConstructor>>>,
  Assert<Member<"adcFrame">>,
  Assert<Member<"injectMessageLogger">>,
  Assert<Member<"getLoginState">>,
  Assert<Member<"login">>,
  Assert<Member<"logout">>,
  Assert<Member<"getAgentState">>,
  Assert<Member<"setAgentState">>,
  Assert<Member<"getAgentNotReadyReasons">>,
  Assert<Member<"acceptInteraction">>,
  Assert<Member<"rejectInteraction">>,
  Assert<Member<"startCall">>,
  Assert<Member<"startChat">>,
  Assert<Member<"startEmail">>,
  Assert<Member<"sendDtmf">>,
  Assert<Member<"consultCall">>,
  Assert<Member<"blindTransfer">>,
  Assert<Member<"transfer">>,
  Assert<Member<"leaveInteraction">>,
  Assert<Member<"completeInteraction">>,
  Assert<Member<"leaveAndCompleteInteraction">>,
  Assert<Member<"switchActiveInteraction">>,
  Assert<Member<"inviteToCallConference">>,
  Assert<Member<"removeFromCallConference">>,
  Assert<Member<"destroyCallConference">>,
  Assert<Member<"mergeAllCallsIntoConference">>,
  Assert<Member<"getTeams">>,
  Assert<Member<"getTeamMembers">>,
  Assert<Member<"getServicesList">>,
  Assert<Member<"getService">>,
  Assert<Member<"setService">>,
  Assert<Member<"getDIDNumbersList">>,
  Assert<Member<"getDIDNumber">>,
  Assert<Member<"setDIDNumber">>,
  Assert<Member<"getDispositionsList">>,
  Assert<Member<"setDisposition">>,
  Assert<Member<"setRescheduleWindow">>,
  Assert<Member<"addNote">>,
  Assert<Member<"updateNote">>,
  Assert<Member<"replaceNote">>,
  Assert<Member<"getConfig">>,
  Assert<Member<"setVariable">>,
  Assert<Member<"getVariables">>,
  Assert<Member<"addInteractionAssociatedObject">>,
  Assert<Member<"setInteractionActiveScreen">>,
  Assert<Member<"getPhoneDevicesList">>,
  Assert<Member<"getPhoneDevice">>,
  Assert<Member<"setPhoneDevice">>,
  Assert<Member<"setCallHold">>,
  Assert<Member<"setCallRecording">>,
  Assert<Member<"setCallMute">>,
  Assert<Member<"setScreenRecordingMute">>,
  Assert<Member<"getScreenRecordingState">>,
  Assert<Member<"setWidgetMinimized">>,
  Assert<Member<"sendChatMessage">>,
  Assert<Member<"suggestChatMessage">>,
  Assert<Member<"on">>,
  Assert<Member<"remove">>,
];

// ---- The 5.19 quirks (each a `disagreement` note in the canonical schema) ----

// `userStates` is declared without `as const`: `string[]`, so `UserState` is `string`, and so are
// `User.state` and what `getTeamMembers` resolves to. The answer lists are plain `string[]`.
export type QuirkChecks = [
  Assert<Eq<V.UserState, string>>,
  Assert<Eq<typeof A.requestResponseMessages, string[]>>,
  Assert<Eq<A.OperationResult<V.User[]>, Awaited<ReturnType<A.AgentDesktopClientAPI["getTeamMembers"]>>>>,
  // The five listed values stay available under adcontract's own name.
  Assert<Eq<A.ContractUserState, "offline" | "available" | "dnd" | "away" | "busy">>,
];

// Vendor-style code: any string is a UserState, and the lists are mutable.
const custom: A.UserState = "on_break";
A.userStates.push(custom);
A.requestResponseMessages.push("ANYTHING_RESPONSE");
const user: A.User = { id: "u", teamId: "t", firstName: "A", lastName: "B", phone: "1", state: custom };
export const state: V.UserState = user.state;

// The client's iframe, a DOM element (gone from the vendor's class in 2026).
declare const ours: A.AgentDesktopClientAPI;
export const frame: HTMLIFrameElement | null = ours.adcFrame;
ours.adcFrame = null;
