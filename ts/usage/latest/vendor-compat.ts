// Vendor compatibility for `latest`: every name the vendor's types file exports (declared in
// vendor.d.ts from adcontract's research notes) must exist in the generated package and be
// mutually assignable with it — so swapping one file for the other keeps a project compiling.
// Compiled with the DOM library like the other views' checks (tests/tests/it/typescript/tsc.rs);
// `typescript::vendor_names` checks that no name of shared/reference/vendor-exports.md is left out.

import * as V from "./vendor.js";
import * as A from "../../generated/latest/index.js";

/** Mutual assignability (not identity: `A & {b}` and a flattened object count as the same). */
type Eq<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Assert<T extends true> = T;

export type TypeChecks = [
  Assert<Eq<V.RequestMessage, A.RequestMessage>>,
  Assert<Eq<V.CallbackMessage, A.CallbackMessage>>,
  Assert<Eq<V.CallbackMessageWithResponse, A.CallbackMessageWithResponse>>,
  Assert<Eq<V.CallbackResponseMessage, A.CallbackResponseMessage>>,
  Assert<Eq<V.RequestResponseMessage, A.RequestResponseMessage>>,
  Assert<Eq<V.ResultErrorCodes, A.ResultErrorCodes>>,
  Assert<Eq<V.ServerErrorCodes, A.ServerErrorCodes>>,
  Assert<Eq<V.ResultError, A.ResultError>>,
  Assert<Eq<V.AgentState, A.AgentState>>,
  Assert<Eq<V.InteractionState, A.InteractionState>>,
  Assert<Eq<V.InteractionType, A.InteractionType>>,
  Assert<Eq<V.ChatChannelType, A.ChatChannelType>>,
  Assert<Eq<V.CallDirection, A.CallDirection>>,
  Assert<Eq<V.PhoneDevice, A.PhoneDevice>>,
  Assert<Eq<V.DispositionType, A.DispositionType>>,
  Assert<Eq<V.UserState, A.UserState>>,
  Assert<Eq<V.ChatPartyType, A.ChatPartyType>>,
  Assert<Eq<V.InteractionKind, A.InteractionKind>>,
  Assert<Eq<V.JSAPI_InteractionOrigination, A.JSAPI_InteractionOrigination>>,
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
  Assert<Eq<V.CallParty, A.CallParty>>,
  Assert<Eq<V.ChatParty, A.ChatParty>>,
  Assert<Eq<V.InteractionData, A.InteractionData>>,
  Assert<Eq<V.InteractionActivityData, A.InteractionActivityData>>,
  Assert<Eq<V.InteractionScreen, A.InteractionScreen>>,
  Assert<Eq<V.CustomTransferData, A.CustomTransferData>>,
  Assert<Eq<V.ExternalKBArticleData, A.ExternalKBArticleData>>,
  Assert<Eq<V.ExternalKBArticle, A.ExternalKBArticle>>,
  Assert<Eq<V.ExternalKBArticleItem, A.ExternalKBArticleItem>>,
  Assert<Eq<V.ExternalKBFolderItem, A.ExternalKBFolderItem>>,
  Assert<Eq<V.ExternalKBItemData, A.ExternalKBItemData>>,
  Assert<Eq<V.ExternalKBItem, A.ExternalKBItem>>,
  Assert<Eq<V.ExternalKBSearchResultData, A.ExternalKBSearchResultData>>,
  Assert<Eq<V.ExternalKBSearchResult, A.ExternalKBSearchResult>>,
  Assert<Eq<V.KBFolderOptions, A.KBFolderOptions>>,
  Assert<Eq<V.SearchRecordsQuery, A.SearchRecordsQuery>>,
  Assert<Eq<V.OpenRecordOptions, A.OpenRecordOptions>>,
  Assert<Eq<V.RescheduleData, A.RescheduleData>>,
  Assert<Eq<V.PhoneDeviceData, A.PhoneDeviceData>>,
  Assert<Eq<V.Team, A.Team>>,
  Assert<Eq<V.User, A.User>>,
  Assert<Eq<V.ScreenRecordingState, A.ScreenRecordingState>>,
  Assert<Eq<V.LoginData, A.LoginData>>,
  Assert<Eq<V.PhoneCapabilities, A.PhoneCapabilities>>,
  Assert<Eq<V.DIDNumber, A.DIDNumber>>,
  Assert<Eq<V.WebScreenPopSecondaryUrl, A.WebScreenPopSecondaryUrl>>,
  Assert<Eq<V.WebScreenPop, A.WebScreenPop>>,
  Assert<Eq<V.InitiateResult, A.InitiateResult>>,
  Assert<Eq<V.InteractionsState, A.InteractionsState>>,
  Assert<Eq<V.PhoneData, A.PhoneData>>,
  Assert<Eq<V.DialCandidate, A.DialCandidate>>,
  Assert<Eq<V.RecordsValidationResult, A.RecordsValidationResult>>,
  Assert<Eq<V.RecordInfoRequest, A.RecordInfoRequest>>,
  Assert<Eq<V.InitialObjects, A.InitialObjects>>,
  Assert<Eq<V.SummaryTopic, A.SummaryTopic>>,
  Assert<Eq<V.InteractionSummary, A.InteractionSummary>>,
  Assert<Eq<V.InteractionSummaryFailed, A.InteractionSummaryFailed>>,
  Assert<Eq<V.InteractionSummaryResult, A.InteractionSummaryResult>>,
  Assert<Eq<V.ContactDetails, A.ContactDetails>>,
  Assert<Eq<V.ActivityRecordInfo, A.ActivityRecordInfo>>,
  Assert<Eq<V.APIInstanceParams, A.APIInstanceParams>>,
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
  Assert<Eq<V.OnGetKnowledgeBaseFolderHandler, A.OnGetKnowledgeBaseFolderHandler>>,
  Assert<Eq<V.OnSearchKnowledgeBaseHandler, A.OnSearchKnowledgeBaseHandler>>,
  Assert<Eq<V.OnGetKnowledgeBaseArticleHandler, A.OnGetKnowledgeBaseArticleHandler>>,
  Assert<Eq<V.OnOpenRecordHandler, A.OnOpenRecordHandler>>,
  Assert<Eq<V.OnSearchRecordsHandler, A.OnSearchRecordsHandler>>,
  Assert<Eq<V.OnShowScreenHandler, A.OnShowScreenHandler>>,
  Assert<Eq<V.OnScreenRecordingStateChangeHandler, A.OnScreenRecordingStateChangeHandler>>,
  Assert<Eq<V.OnSoftphoneStatusChangeHandler, A.OnSoftphoneStatusChangeHandler>>,
  Assert<Eq<V.OnAudioDeviceChangeHandler, A.OnAudioDeviceChangeHandler>>,
  Assert<Eq<V.OnPhoneCapabilitiesChangeHandler, A.OnPhoneCapabilitiesChangeHandler>>,
  Assert<Eq<V.OnCallAudioQualityAlertHandler, A.OnCallAudioQualityAlertHandler>>,
  Assert<Eq<V.OnSummaryGenerationStartedHandler, A.OnSummaryGenerationStartedHandler>>,
  Assert<Eq<V.OnSummaryGenerationCompletedHandler, A.OnSummaryGenerationCompletedHandler>>,
  Assert<Eq<V.OnWebScreenPopCustomHandler, A.OnWebScreenPopCustomHandler>>,
  Assert<Eq<V.OnValidateAssociatedRecordsHandler, A.OnValidateAssociatedRecordsHandler>>,
  Assert<Eq<V.OnRequestRecordInfoHandler, A.OnRequestRecordInfoHandler>>,
  Assert<Eq<V.OnRequestRecordOnScreenHandler, A.OnRequestRecordOnScreenHandler>>,
  Assert<Eq<V.MessageLogger, A.MessageLogger>>,
  Assert<Eq<V.InitOptions, A.InitOptions>>,
  Assert<Eq<V.OperationResult, A.OperationResult>>,
  Assert<Eq<V.OperationResult<string[]>, A.OperationResult<string[]>>>,
  Assert<Eq<V.SyncAsyncResult, A.SyncAsyncResult>>,
  Assert<Eq<V.SyncAsyncResult<number>, A.SyncAsyncResult<number>>>,
  Assert<Eq<V.APIPacket<[string]>, A.APIPacket<[string]>>>,
];

export type ConstChecks = [
  Assert<Eq<typeof V.requestMessages, typeof A.requestMessages>>,
  Assert<Eq<typeof V.callbackMessages, typeof A.callbackMessages>>,
  Assert<Eq<typeof V.RESPONSE_SUFFIX, typeof A.RESPONSE_SUFFIX>>,
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
  Assert<Eq<typeof V.chatPartyTypes, typeof A.chatPartyTypes>>,
  Assert<Eq<typeof V.phoneTypes, typeof A.phoneTypes>>,
  Assert<Eq<typeof V.interactionKinds, typeof A.interactionKinds>>,
  Assert<Eq<typeof V.jsApi_interactionOriginations, typeof A.jsApi_interactionOriginations>>,
]; 

// ---- Former deviations, now identical (no known deviation remains; pin any new one here with
//      a one-way `[X] extends [Y]` check, a `@ts-expect-error` on the `Eq`, and its reason) ----

// 1. ServerErrorData: the vendor types `code`/`name` through the `serverErrorCodes` table, as the
//    schema does (an earlier draft of this file wrote `number`/`string`, which is not the vendor's).
export type ServerErrorDataChecks = [
  Assert<Eq<V.ServerErrorData, A.ServerErrorData>>,
  Assert<Eq<V.OnServerErrorHandler, A.OnServerErrorHandler>>,
];

// 2. ON_SAVE_ACTIVITY_RECORD: the handler may answer nothing (`responseOptional` in the API
//    description), emitted as the vendor's `ActivityRecordInfo | undefined | void`.
export type SaveActivityChecks = [
  Assert<Eq<V.OnSaveActivityRecordHandler, A.OnSaveActivityRecordHandler>>,
  Assert<Eq<ReturnType<V.OnSaveActivityRecordHandler>, ReturnType<A.OnSaveActivityRecordHandler>>>,
];

// 3. APIPacket's default type argument comes from the schema's `x-type-params` default (`unknown[]`),
//    like OperationResult's (`null`).
export type PacketChecks = [
  Assert<Eq<V.APIPacket, A.APIPacket>>,
  Assert<Eq<V.APIPacket<unknown>, A.APIPacket<unknown>>>,
];

// The client, overloads included: as a whole, member by member (so a failure names the
// member), the member set, and the constructor's parameters.
type Client = V.AgentDesktopClientAPI;
type Ours = A.AgentDesktopClientAPI;
type Member<K extends keyof Client & keyof Ours> = Eq<Client[K], Ours[K]>;
export type ClientChecks = [
  Assert<Eq<V.AgentDesktopClientAPI, A.AgentDesktopClientAPI>>,
  Assert<Eq<keyof Client, keyof Ours>>,
  Assert<Eq<ConstructorParameters<typeof V.AgentDesktopClientAPI>, ConstructorParameters<A.AgentDesktopClientAPIConstructor>>>,
  Assert<Eq<Parameters<V.AgentDesktopClientAPI["getLoginState"]>, Parameters<A.AgentDesktopClientAPI["getLoginState"]>>>,
  Assert<Member<"injectMessageLogger">>,
  Assert<Member<"getLoginState">>,
  Assert<Member<"login">>,
  Assert<Member<"openLogin">>,
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
  Assert<Member<"inviteToChatConference">>,
  Assert<Member<"removeFromChatConference">>,
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
  Assert<Member<"setCallRecordingMute">>,
  Assert<Member<"setScreenRecordingMute">>,
  Assert<Member<"getScreenRecordingState">>,
  Assert<Member<"setWidgetMinimized">>,
  Assert<Member<"sendChatMessage">>,
  Assert<Member<"suggestChatMessage">>,
  Assert<Member<"activatePage">>,
  Assert<Member<"getInteractionsState">>,
  Assert<Member<"setDialCandidates">>,
  Assert<Member<"on">>,
  Assert<Member<"remove">>,
];

// The answer lists are mutable, as the vendor's.
A.requestResponseMessages.push("LOGIN_RESPONSE");
A.callbackResponseMessages.reverse();

// A vendor-style integration compiles unchanged against our client, including a save handler
// that answers nothing.
declare const ours: A.AgentDesktopClientAPI;
declare const save: V.OnSaveActivityRecordHandler;
const saveNothing: A.OnSaveActivityRecordHandler = () => undefined;
const saveVoid: A.OnSaveActivityRecordHandler = () => {};
ours.on("ON_SAVE_ACTIVITY_RECORD", save);
ours.on("ON_SAVE_ACTIVITY_RECORD", saveNothing);
ours.remove("ON_SAVE_ACTIVITY_RECORD", saveVoid);
declare const login: V.OnLoginHandler;
declare const removed: V.OnInteractionRemovedHandler;
declare const kb: V.OnGetKnowledgeBaseFolderHandler;
declare const pop: V.OnWebScreenPopCustomHandler;
ours.on("ON_LOGIN", login);
ours.on("ON_INTERACTION_REMOVED", removed);
ours.on("ON_GET_KNOWLEDGE_BASE_FOLDER", kb);
ours.remove("ON_WEB_SCREEN_POP_CUSTOM", pop);

