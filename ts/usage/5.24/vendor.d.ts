// The vendor's types file as it stood at the 5.24 commit (f618a1f, 2024-02-23, "Support for API
// v 5.24.1"), declared for this test from adcontract's research notes
// (shared/reference/vendor-exports.md for which names exist, brightpattern-api.md for their
// shapes and history). It is not a copy of the vendor's file: it is written the way that file is
// written (`as const` lists and `typeof x[number]`, `keyof typeof`, mapped types, template
// literal types, a class), so that vendor-compat.ts can check every name the vendor exports at
// 5.24 against adcontract's package. The vendor's file needs the DOM library
// (`HTMLIFrameElement`), and so does this one.

// ---- Messages ----

export declare const requestMessages: readonly [
  "GET_LOGIN_STATE", "LOGIN", "LOGOUT", "GET_AGENT_STATE", "SET_AGENT_STATE", "ACCEPT_INTERACTION",
  "REJECT_INTERACTION", "START_CALL", "START_CHAT", "START_EMAIL", "SEND_DTMF", "CONSULT_CALL",
  "BLIND_TRANSFER", "TRANSFER", "LEAVE_INTERACTION", "COMPLETE_INTERACTION",
  "LEAVE_AND_COMPLETE_INTERACTION", "SWITCH_ACTIVE_INTERACTION", "INVITE_TO_CALL_CONFERENCE",
  "REMOVE_FROM_CALL_CONFERENCE", "DESTROY_CALL_CONFERENCE", "INVITE_TO_CHAT_CONFERENCE",
  "REMOVE_FROM_CHAT_CONFERENCE", "MERGE_ALL_CALLS_INTO_CONFERENCE",
  "GET_TEAMS", "GET_TEAM_MEMBERS", "GET_SERVICES_LIST", "GET_SERVICE", "SET_SERVICE", "GET_DID_LIST",
  "GET_DID", "SET_DID", "GET_DISPOSITIONS_LIST", "SET_DISPOSITION", "SET_RESCHEDULE", "ADD_NOTE",
  "UPDATE_NOTE", "REPLACE_NOTE", "GET_CONFIG", "GET_VARIABLES", "SET_VARIABLE",
  "ADD_INTERACTION_ASSOCIATED_OBJECT", "SET_INTERACTION_ACTIVE_SCREEN", "GET_PHONE_DEVICES_LIST",
  "GET_PHONE_DEVICE", "SET_PHONE_DEVICE", "SET_CALL_HOLD", "SET_CALL_RECORDING", "SET_CALL_MUTE",
  "SET_SCREEN_RECORDING_MUTE", "GET_SCREEN_RECORDING_STATE", "SET_WIDGET_MINIMIZED",
  "SEND_CHAT_MESSAGE", "SUGGEST_CHAT_MESSAGE", "GET_AGENT_NOT_READY_REASONS", "ACTIVATE_PAGE",
  "GET_INTERACTIONS_STATE", "SET_CALL_RECORDING_MUTE", "SET_DIAL_CANDIDATES",
];
export type RequestMessage = typeof requestMessages[number];

type WithoutResponse = { readonly needResponse: false };
type WithResponse = { readonly needResponse: true };
export declare const callbackMessages: {
  readonly ON_LOGIN: WithoutResponse;
  readonly ON_LOGOUT: WithoutResponse;
  readonly ON_NEW_INTERACTION: WithoutResponse;
  readonly ON_INTERACTION_REMOVED: WithoutResponse;
  readonly ON_INTERACTION_STATE_CHANGE: WithoutResponse;
  readonly ON_ACTIVE_INTERACTION_SWITCHED: WithoutResponse;
  readonly ON_AGENT_STATE_CHANGE: WithoutResponse;
  readonly ON_REQUEST_TRANSFER_DATA: WithResponse;
  readonly ON_LOAD_TRANSFER_DATA: WithoutResponse;
  readonly ON_GET_KNOWLEDGE_BASE_FOLDER: WithResponse;
  readonly ON_SEARCH_KNOWLEDGE_BASE: WithResponse;
  readonly ON_GET_KNOWLEDGE_BASE_ARTICLE: WithResponse;
  readonly ON_OPEN_RECORD: WithoutResponse;
  readonly ON_SEARCH_RECORDS: WithoutResponse;
  readonly ON_SHOW_SCREEN: WithoutResponse;
  readonly ON_SCREEN_RECORDING_STATE_CHANGE: WithoutResponse;
  readonly ON_WIDGET_MINIMIZED_CHANGE: WithoutResponse;
  readonly ON_SERVER_ERROR: WithoutResponse;
  readonly ON_SOFTPHONE_STATUS_CHANGE: WithoutResponse;
  readonly ON_AUDIO_DEVICE_CHANGE: WithoutResponse;
  readonly ON_PHONE_CAPABILITIES_CHANGE: WithoutResponse;
  readonly ON_CALL_AUDIO_QUALITY_ALERT: WithoutResponse;
  readonly ON_WEB_SCREEN_POP_CUSTOM: WithResponse;
  readonly ON_SAVE_ACTIVITY_RECORD: WithoutResponse;
  readonly ON_VALIDATE_ASSOCIATED_RECORDS: WithResponse;
  readonly ON_REQUEST_RECORD_INFO: WithResponse;
  readonly ON_REQUEST_RECORD_ON_SCREEN: WithResponse;
};
export type CallbackMessage = keyof typeof callbackMessages;
// Module-private in the vendor's file: each event's own name where it expects an answer.
type FilterByHavingResponse<T> = { [K in keyof T]: T[K] extends { needResponse: true } ? K : never };
export type CallbackMessageWithResponse = FilterByHavingResponse<typeof callbackMessages>[keyof typeof callbackMessages];

export declare const RESPONSE_SUFFIX: "_RESPONSE";
export type CallbackResponseMessage = `${CallbackMessageWithResponse}${typeof RESPONSE_SUFFIX}`;
// Built at runtime: `requestMessages.map((m) => `${m}${RESPONSE_SUFFIX}` as const)`, and
// `typedKeys(callbackMessages)` filtered to the questions and mapped the same way (`typedKeys`,
// `Object.keys` typed with the object's keys, is module-private). Both are mutable arrays of the
// answer names; 5.24 exports no name for the request answers' union.
export declare const requestResponseMessages: `${RequestMessage}${typeof RESPONSE_SUFFIX}`[];
export declare const callbackResponseMessages: CallbackResponseMessage[];

// ---- Results and errors ----

// Module-private: the two states of a result.
declare const resultStatus: readonly ["success", "error"];
export type ResultStatus = typeof resultStatus[number];

export declare const resultErrorCodes: {
  readonly not_enough_privileges: 1; readonly not_logged_in: 2; readonly invalid_args: 3;
  readonly logged_without_phone: 4; readonly banned: 5; readonly api_not_answer: 6;
  readonly invalid_request: 7; readonly timeout: 8; readonly no_chat_in_service: 9;
  readonly empty_number: 10; readonly no_service: 11; readonly self_call: 12;
  readonly no_interaction: 13; readonly api_method_not_implemented: 14;
  readonly not_suitable_state: 15; readonly no_disposition: 16; readonly object_not_found: 17;
  readonly no_permissions_did_sms: 18; readonly no_permissions_did_call: 19;
  readonly no_channel_in_service: 20; readonly unknown_error: 99;
};
export type ResultErrorCodes = typeof resultErrorCodes;
export declare const serverErrorCodes: {
  readonly forced_logout_by_other_client: 100; readonly forced_logout_by_supervisor: 101;
  readonly invalid_request: 102; readonly phone_not_registered: 103;
  readonly phone_not_in_dial_plan: 104; readonly tenant_disabled: 105;
  readonly destination_user_not_logged: 106; readonly user_disabled_or_deleted: 107;
  readonly user_already_logged_in: 108; readonly invalid_credentials: 109;
  readonly other_user_logged_with_phone: 110; readonly invalid_token: 111;
  readonly logged_users_limit_reached: 112; readonly already_logged_in_with_the_same_session: 113;
  readonly not_enough_privileges: 114; readonly sip_server_error: 200; readonly unknown_error: 300;
};
export type ServerErrorCodes = typeof serverErrorCodes;

export type ResultError = {
  code: ResultErrorCodes[keyof ResultErrorCodes];
  name: keyof ResultErrorCodes;
  message?: string;
};
export type OperationResult<ReturnType = null> =
  | { status: "success"; data: ReturnType }
  | { status: "error"; error: ResultError };
export type SyncAsyncResult<ReturnType = void> = ReturnType | Promise<ReturnType>;

// ---- Enumerations ----

export declare const agentStates: readonly ["supervising", "ready", "not_ready", "busy", "after_call_work", "reserved", "ringing"];
export type AgentState = typeof agentStates[number];
export declare const interactionStates: readonly [
  "unknown", "queued", "ivr", "wrap_up", "wrap_up_hold", "delivered", "delivery_pending", "hold", "completed",
];
export type InteractionState = typeof interactionStates[number];
export declare const interactionTypes: readonly ["voice", "chat", "email"];
export type InteractionType = typeof interactionTypes[number];
export declare const chatChannelTypes: readonly [
  "telegram", "line", "facebook", "web", "nexmo", "sms", "viber", "twitter", "wechat", "whatsapp",
];
export type ChatChannelType = typeof chatChannelTypes[number];
export declare const callDirections: readonly ["inbound", "outbound"];
export type CallDirection = typeof callDirections[number];
export declare const phoneDevices: readonly [
  "phone_type_browser", "phone_type_external", "phone_type_hard_custom", "phone_type_hard_default",
  "phone_type_nailed", "phone_type_none", "phone_type_soft_secure", "phone_type_microsoft_teams",
  "phone_type_soft_unsecure",
];
export type PhoneDevice = typeof phoneDevices[number];
export declare const dispositionTypes: readonly ["SUCCESS", "FAILURE", "CONTINUE", "SPAM", "DO_NOT_CALL"];
export type DispositionType = typeof dispositionTypes[number];
// A team member's state: an agent state, or not logged in.
export type UserState = AgentState | "offline";
export declare const chatPartyTypes: readonly ["internal", "external"];
export type ChatPartyType = typeof chatPartyTypes[number];
export declare const phoneTypes: readonly ["mobile", "business", "home", "fax", "other"];
export declare const interactionOriginations: readonly [
  "dialpad", "dialpad-search", "directory", "recent", "favorites", "workitem", "interaction",
  "contact-profile", "help", "conference", "auto", "integration-api", "chat-center",
];
export type InteractionOrigination = typeof interactionOriginations[number];

// ---- Data ----

export type LoginStateData = { isLoggedIn: boolean; agentId?: string; username?: string; sessionId?: string };
export type AgentStateData = { state: AgentState; reservedForIncomingInteraction: boolean; notReadyReason?: string };
export type ServiceData = { id: string; name: string; useDispositions: boolean; requireDisposition: boolean };
export type DispositionTarget = { service?: string; interactionId?: string };
export type DispositionData = { id: string; code: string; name: string; type: DispositionType };
export type IntegrationConfig = any;
export type InteractionAssociatedObjectData = {
  id: string;
  type: string;
  displayName: string;
  displayType: string;
  customFields: Record<string, string>;
};
export type InteractionAssociatedObject = InteractionAssociatedObjectData & { source: string };
// From 5.24 the selection is a list of record ids.
export type InteractionAssociatedObjectsData = { list: InteractionAssociatedObject[]; selected: string[] };
export type InitialObjects = InteractionAssociatedObjectData | InteractionAssociatedObjectData[];
export type AttachedData = Record<string, string>;
export type CallParty = { id: string; name: string; phone: string; userId?: string };
export type ChatParty = {
  id: string;
  type: ChatPartyType;
  name: string;
  userId?: string;
  contactId?: string;
  email?: string;
  phone?: string;
};
export type InteractionData = {
  interactionId: string;
  globalInteractionId?: string;
  state: InteractionState;
  type: InteractionType;
  /** @deprecated */
  subject: string;
  /** @deprecated */
  associatedObjects: InteractionAssociatedObjectsData;
  callParties: CallParty[];
  callMuted: boolean;
  callRecording: boolean;
  chatParties: ChatParty[];
  attachedData: AttachedData;
  phoneNumber?: string;
  email?: string;
  callDirection?: CallDirection;
  startTime?: number;
  endTime?: number;
  duration?: number;
  description?: string;
  disposition?: string;
  service?: string;
  playbackUrl?: string;
  recordingUrl?: string;
  DNIS?: string;
  ANI?: string;
  origination?: InteractionOrigination;
};
// What ON_SAVE_ACTIVITY_RECORD carries: the interaction, with the parties' fields deprecated.
export type InteractionActivityData = {
  interactionId: string;
  globalInteractionId?: string;
  state: InteractionState;
  type: InteractionType;
  associatedObjects: InteractionAssociatedObjectsData;
  attachedData: AttachedData;
  phoneNumber?: string;
  email?: string;
  callDirection?: CallDirection;
  startTime?: number;
  endTime?: number;
  duration?: number;
  description?: string;
  disposition?: string;
  service?: string;
  playbackUrl?: string;
  recordingUrl?: string;
  DNIS?: string;
  ANI?: string;
  origination?: InteractionOrigination;
  /** @deprecated */
  subject: string;
  /** @deprecated */
  callParties: CallParty[];
  /** @deprecated */
  callMuted: boolean;
  /** @deprecated */
  callRecording: boolean;
  /** @deprecated */
  chatParties: ChatParty[];
};
export type InteractionsState = { activeInteractionId: string | null; interactions: InteractionData[] };
export type InteractionScreen = Record<string, string | number | boolean | null | undefined>;
export type CustomTransferData = Record<string, string | number | boolean | undefined | null>;
export type ExternalKBArticleData = {
  id: string;
  title: string;
  keywords: string;
  answer: string;
  notes: string;
  language: string;
  createdByUser: string;
  lastEditedByUser: string;
  // Briefly a list in the February 2024 file.
  customFields: string[];
};
export type ExternalKBArticle = ExternalKBArticleData & { source: string };
export type ExternalKBArticleItem = { id: string; type: "article"; title: string; text: string };
export type ExternalKBFolderItem = { id: string; type: "folder"; title: string };
export type ExternalKBItemData = ExternalKBArticleItem | ExternalKBFolderItem;
export type ExternalKBItem = ExternalKBItemData & { source: string };
export type ExternalKBSearchResultData = ExternalKBArticleItem;
export type ExternalKBSearchResult = ExternalKBSearchResultData & { source: string };
export type KBFolderOptions = { language?: string; folderId?: string };
export type OpenRecordOptions = { inNewTab: boolean; source: "user" | "scenario" };
export type SearchRecordsQuery = { text: string; types: string[] };
export type RescheduleData = { numberToDial: string; fromTime: string; untilTime: string; timezoneCode?: string };
export type PhoneDeviceData = { type: PhoneDevice; phone?: string };
export type Team = { id: string; displayName: string; isSupervised: boolean; usersCount?: number };
export type User = { id: string; teamId: string; firstName: string; lastName: string; phone: string; state: UserState };
export type ScreenRecordingState = { allowed: boolean; active: boolean; muted: boolean };
export type ServerErrorData = {
  code: ServerErrorCodes[keyof ServerErrorCodes];
  name: keyof ServerErrorCodes;
  timestamp: number;
  message?: string;
};
export type LoginData = { username: string; password: string; tenant?: string };
export type PhoneCapabilities = { canDial: boolean; canAnswer: boolean; canHold: boolean; canRetrieve: boolean };
export type DIDNumber = { id: string; number: string; isSMS: boolean; isVoice: boolean };
export type WebScreenPopSecondaryUrl = { label?: string; url?: string };
export type WebScreenPop = {
  action: "OPEN_WEB_PAGE" | "DISPLAY_TEXT";
  url: string;
  content: string;
  label: string;
  popUponAnswer: boolean;
  keepPopupOpenAfterFinish: boolean;
  popup: boolean;
  secondaryUrls?: { [key: number]: WebScreenPopSecondaryUrl };
};
export type InitiateResult = { id: string | null; error?: string };
export type PhoneData = { number: string; type: typeof phoneTypes[number]; displayType?: string };
export type DialCandidate = {
  id: string;
  displayName: string;
  phones: PhoneData[];
  associatedObjects: InteractionAssociatedObjectData[];
  email?: string;
};
export type RecordsValidationResult = { valid: boolean; message?: string };
export type RecordInfoRequest = { id: string; type: string };

// ---- Handlers ----

export type OnLoginHandler = (loginState: LoginStateData) => SyncAsyncResult;
export type OnLogoutHandler = () => SyncAsyncResult;
export type OnNewInteractionHandler = (newInteraction: InteractionData) => SyncAsyncResult;
export type OnInteractionRemovedHandler = (interaction: InteractionData) => SyncAsyncResult;
export type OnInteractionStateChangeHandler = (interaction: InteractionData) => SyncAsyncResult;
export type OnActiveInteractionSwitchHandler = (activatedInteractionId: string | null) => SyncAsyncResult;
export type OnAgentStateChangeHandler = (state: AgentState, notReadyReason?: string) => SyncAsyncResult;
export type OnRequestTransferDataHandler = (interactionId: string) => SyncAsyncResult<CustomTransferData>;
export type OnLoadTransferDataHandler = (interactionId: string, data: CustomTransferData) => SyncAsyncResult;
export type OnWidgetMinimizedChangeHandler = (widgetMinimized: boolean) => SyncAsyncResult;
export type OnGetKnowledgeBaseFolderHandler = (options: KBFolderOptions) => SyncAsyncResult<ExternalKBItemData[]>;
export type OnSearchKnowledgeBaseHandler = (query: string, language?: string, folderId?: string) => SyncAsyncResult<ExternalKBSearchResultData[]>;
export type OnGetKnowledgeBaseArticleHandler = (articleId: string) => SyncAsyncResult<ExternalKBArticleData | null>;
export type OnOpenRecordHandler = (record: InteractionAssociatedObjectData, interactionId?: string, options?: OpenRecordOptions) => SyncAsyncResult;
export type OnSearchRecordsHandler = (search: SearchRecordsQuery, interactionId?: string, inNewTab?: boolean) => SyncAsyncResult;
export type OnShowScreenHandler = (screen: InteractionScreen, interactionId?: string) => SyncAsyncResult;
export type OnScreenRecordingStateChangeHandler = (screenRecordingState: ScreenRecordingState) => SyncAsyncResult;
export type OnServerErrorHandler = (error: ServerErrorData) => SyncAsyncResult;
export type OnSoftphoneStatusChangeHandler = (ready: boolean, error?: string) => SyncAsyncResult;
export type OnAudioDeviceChangeHandler = (inputDevice?: string, outputDevice?: string) => SyncAsyncResult;
export type OnPhoneCapabilitiesChangeHandler = (caps: PhoneCapabilities) => SyncAsyncResult;
export type OnCallAudioQualityAlertHandler = (callId: string, alert: boolean) => SyncAsyncResult;
export type OnWebScreenPopCustomHandler = (interactionId: string, webScreenPop: WebScreenPop) => SyncAsyncResult<boolean>;
// Still a notification at 5.24 (it expects an answer from 2026 on).
export type OnSaveActivityRecordHandler = (activity: InteractionActivityData) => SyncAsyncResult;
export type OnValidateAssociatedRecordsHandler = (interactionId: string, records: InteractionAssociatedObjectsData) => SyncAsyncResult<RecordsValidationResult>;
export type OnRequestRecordInfoHandler = (payload: RecordInfoRequest) => SyncAsyncResult<InteractionAssociatedObjectData | null>;
export type OnRequestRecordOnScreenHandler = () => SyncAsyncResult<InteractionAssociatedObjectData | null>;

// What each event's handler gives back (not the `SyncAsyncResult` around it).
export type CallbackMethodsReturnTypeMap = {
  ON_LOGIN: void;
  ON_LOGOUT: void;
  ON_NEW_INTERACTION: void;
  ON_INTERACTION_REMOVED: void;
  ON_INTERACTION_STATE_CHANGE: void;
  ON_ACTIVE_INTERACTION_SWITCHED: void;
  ON_AGENT_STATE_CHANGE: void;
  ON_REQUEST_TRANSFER_DATA: CustomTransferData;
  ON_LOAD_TRANSFER_DATA: void;
  ON_GET_KNOWLEDGE_BASE_FOLDER: ExternalKBItemData[];
  ON_SEARCH_KNOWLEDGE_BASE: ExternalKBSearchResultData[];
  ON_GET_KNOWLEDGE_BASE_ARTICLE: ExternalKBArticleData | null;
  ON_OPEN_RECORD: void;
  ON_SEARCH_RECORDS: void;
  ON_SHOW_SCREEN: void;
  ON_SCREEN_RECORDING_STATE_CHANGE: void;
  ON_WIDGET_MINIMIZED_CHANGE: void;
  ON_SERVER_ERROR: void;
  ON_SOFTPHONE_STATUS_CHANGE: void;
  ON_AUDIO_DEVICE_CHANGE: void;
  ON_PHONE_CAPABILITIES_CHANGE: void;
  ON_CALL_AUDIO_QUALITY_ALERT: void;
  ON_WEB_SCREEN_POP_CUSTOM: boolean;
  ON_SAVE_ACTIVITY_RECORD: void;
  ON_VALIDATE_ASSOCIATED_RECORDS: RecordsValidationResult;
  ON_REQUEST_RECORD_INFO: InteractionAssociatedObjectData | null;
  ON_REQUEST_RECORD_ON_SCREEN: InteractionAssociatedObjectData | null;
};

// ---- The client ----

export type MessageLogger = (message: string, data: any) => void;
export type InitOptions = {
  integrationKey?: string;
  adcFrame?: any;
  mountRoot?: any;
  standalone?: boolean;
  disableNewInteractionPopup?: boolean;
};

// Module-private: the handler type of each event, for the `on`/`remove` signatures.
type HandlerOf = {
  ON_LOGIN: OnLoginHandler;
  ON_LOGOUT: OnLogoutHandler;
  ON_NEW_INTERACTION: OnNewInteractionHandler;
  ON_INTERACTION_REMOVED: OnInteractionRemovedHandler;
  ON_INTERACTION_STATE_CHANGE: OnInteractionStateChangeHandler;
  ON_ACTIVE_INTERACTION_SWITCHED: OnActiveInteractionSwitchHandler;
  ON_AGENT_STATE_CHANGE: OnAgentStateChangeHandler;
  ON_REQUEST_TRANSFER_DATA: OnRequestTransferDataHandler;
  ON_LOAD_TRANSFER_DATA: OnLoadTransferDataHandler;
  ON_GET_KNOWLEDGE_BASE_FOLDER: OnGetKnowledgeBaseFolderHandler;
  ON_SEARCH_KNOWLEDGE_BASE: OnSearchKnowledgeBaseHandler;
  ON_GET_KNOWLEDGE_BASE_ARTICLE: OnGetKnowledgeBaseArticleHandler;
  ON_OPEN_RECORD: OnOpenRecordHandler;
  ON_SEARCH_RECORDS: OnSearchRecordsHandler;
  ON_SHOW_SCREEN: OnShowScreenHandler;
  ON_SCREEN_RECORDING_STATE_CHANGE: OnScreenRecordingStateChangeHandler;
  ON_WIDGET_MINIMIZED_CHANGE: OnWidgetMinimizedChangeHandler;
  ON_SERVER_ERROR: OnServerErrorHandler;
  ON_SOFTPHONE_STATUS_CHANGE: OnSoftphoneStatusChangeHandler;
  ON_AUDIO_DEVICE_CHANGE: OnAudioDeviceChangeHandler;
  ON_PHONE_CAPABILITIES_CHANGE: OnPhoneCapabilitiesChangeHandler;
  ON_CALL_AUDIO_QUALITY_ALERT: OnCallAudioQualityAlertHandler;
  ON_WEB_SCREEN_POP_CUSTOM: OnWebScreenPopCustomHandler;
  ON_SAVE_ACTIVITY_RECORD: OnSaveActivityRecordHandler;
  ON_VALIDATE_ASSOCIATED_RECORDS: OnValidateAssociatedRecordsHandler;
  ON_REQUEST_RECORD_INFO: OnRequestRecordInfoHandler;
  ON_REQUEST_RECORD_ON_SCREEN: OnRequestRecordOnScreenHandler;
};

export declare class AgentDesktopClientAPI {
  constructor(options?: InitOptions);
  adcFrame: HTMLIFrameElement | null;
  injectMessageLogger(callback: MessageLogger): void;
  getLoginState(): Promise<OperationResult<LoginStateData>>;
  login(loginData: LoginData, force?: boolean): Promise<OperationResult>;
  logout(): Promise<OperationResult>;
  getAgentState(): Promise<OperationResult<AgentStateData>>;
  setAgentState(state: AgentState, notReadyReason?: string): Promise<OperationResult>;
  getAgentNotReadyReasons(): Promise<OperationResult<string[]>>;
  acceptInteraction(interactionId?: string): Promise<OperationResult>;
  rejectInteraction(interactionId?: string): Promise<OperationResult>;
  startCall(phonenumber: string, associatedObjects?: InitialObjects): Promise<OperationResult<InitiateResult>>;
  startChat(channel: ChatChannelType, address: string, associatedObjects?: InitialObjects): Promise<OperationResult<InitiateResult>>;
  startEmail(email: string, associatedObjects?: InitialObjects): Promise<OperationResult<InitiateResult>>;
  sendDtmf(dtmf: string, interactionId?: string): Promise<OperationResult>;
  consultCall(phone: string): Promise<OperationResult>;
  blindTransfer(phone: string, customTransferData?: CustomTransferData, interactionId?: string): Promise<OperationResult>;
  transfer(customTransferData?: CustomTransferData): Promise<OperationResult>;
  leaveInteraction(interactionId?: string): Promise<OperationResult>;
  completeInteraction(interactionId?: string): Promise<OperationResult>;
  leaveAndCompleteInteraction(disposition?: string, note?: string, interactionId?: string): Promise<OperationResult>;
  switchActiveInteraction(interactionId: string): Promise<OperationResult>;
  inviteToCallConference(phone: string, customTransferData?: CustomTransferData, interactionId?: string): Promise<OperationResult>;
  removeFromCallConference(partyId: string, interactionId?: string): Promise<OperationResult>;
  destroyCallConference(interactionId?: string): Promise<OperationResult>;
  inviteToChatConference(partyId: string, interactionId?: string): Promise<OperationResult>;
  removeFromChatConference(partyId: string, interactionId?: string): Promise<OperationResult>;
  mergeAllCallsIntoConference(customTransferData?: CustomTransferData): Promise<OperationResult>;
  getTeams(): Promise<OperationResult<Team[]>>;
  getTeamMembers(teamId: string): Promise<OperationResult<User[]>>;
  getServicesList(): Promise<OperationResult<ServiceData[]>>;
  getService(): Promise<OperationResult<ServiceData | null>>;
  setService(service: string | null): Promise<OperationResult>;
  getDIDNumbersList(): Promise<OperationResult<DIDNumber[]>>;
  getDIDNumber(): Promise<OperationResult<DIDNumber | null>>;
  setDIDNumber(did: string | null): Promise<OperationResult>;
  getDispositionsList(target: DispositionTarget): Promise<OperationResult<DispositionData[]>>;
  setDisposition(disposition: string, interactionId?: string): Promise<OperationResult>;
  setRescheduleWindow(rescheduleData: RescheduleData, interactionId?: string): Promise<OperationResult>;
  addNote(note: string, interactionId?: string): Promise<OperationResult>;
  updateNote(note: string, interactionId?: string): Promise<OperationResult>;
  replaceNote(note: string, interactionId?: string): Promise<OperationResult>;
  getConfig(): Promise<OperationResult<IntegrationConfig>>;
  setVariable(key: string, value: string, interactionId?: string): Promise<OperationResult>;
  getVariables(keys: string[], interactionId?: string): Promise<OperationResult<Record<string, string>>>;
  addInteractionAssociatedObject(object: InteractionAssociatedObjectData, interactionId?: string): Promise<OperationResult>;
  setInteractionActiveScreen(screenData: InteractionScreen, interactionId?: string): Promise<OperationResult>;
  getPhoneDevicesList(): Promise<OperationResult<PhoneDevice[]>>;
  getPhoneDevice(): Promise<OperationResult<PhoneDeviceData>>;
  setPhoneDevice(phoneDevice: PhoneDeviceData): Promise<OperationResult>;
  setCallHold(state: boolean, interactionId?: string): Promise<OperationResult>;
  setCallRecording(state: boolean, interactionId?: string): Promise<OperationResult>;
  setCallMute(state: boolean, interactionId?: string): Promise<OperationResult>;
  setCallRecordingMute(state: boolean, interactionId?: string): Promise<OperationResult>;
  setScreenRecordingMute(state: boolean): Promise<OperationResult>;
  getScreenRecordingState(): Promise<OperationResult<ScreenRecordingState>>;
  setWidgetMinimized(state: boolean): Promise<OperationResult>;
  sendChatMessage(message: string, interactionId?: string): Promise<OperationResult>;
  suggestChatMessage(message: string, allowOverwrite?: boolean, interactionId?: string): Promise<OperationResult>;
  activatePage(): Promise<OperationResult>;
  getInteractionsState(): Promise<OperationResult<InteractionsState>>;
  setDialCandidates(candidates: DialCandidate[]): Promise<OperationResult>;
  on(message: "ON_LOGIN", handler: HandlerOf["ON_LOGIN"]): void;
  on(message: "ON_LOGOUT", handler: HandlerOf["ON_LOGOUT"]): void;
  on(message: "ON_NEW_INTERACTION", handler: HandlerOf["ON_NEW_INTERACTION"]): void;
  on(message: "ON_INTERACTION_REMOVED", handler: HandlerOf["ON_INTERACTION_REMOVED"]): void;
  on(message: "ON_INTERACTION_STATE_CHANGE", handler: HandlerOf["ON_INTERACTION_STATE_CHANGE"]): void;
  on(message: "ON_ACTIVE_INTERACTION_SWITCHED", handler: HandlerOf["ON_ACTIVE_INTERACTION_SWITCHED"]): void;
  on(message: "ON_AGENT_STATE_CHANGE", handler: HandlerOf["ON_AGENT_STATE_CHANGE"]): void;
  on(message: "ON_REQUEST_TRANSFER_DATA", handler: HandlerOf["ON_REQUEST_TRANSFER_DATA"]): void;
  on(message: "ON_LOAD_TRANSFER_DATA", handler: HandlerOf["ON_LOAD_TRANSFER_DATA"]): void;
  on(message: "ON_GET_KNOWLEDGE_BASE_FOLDER", handler: HandlerOf["ON_GET_KNOWLEDGE_BASE_FOLDER"]): void;
  on(message: "ON_SEARCH_KNOWLEDGE_BASE", handler: HandlerOf["ON_SEARCH_KNOWLEDGE_BASE"]): void;
  on(message: "ON_GET_KNOWLEDGE_BASE_ARTICLE", handler: HandlerOf["ON_GET_KNOWLEDGE_BASE_ARTICLE"]): void;
  on(message: "ON_OPEN_RECORD", handler: HandlerOf["ON_OPEN_RECORD"]): void;
  on(message: "ON_SEARCH_RECORDS", handler: HandlerOf["ON_SEARCH_RECORDS"]): void;
  on(message: "ON_SHOW_SCREEN", handler: HandlerOf["ON_SHOW_SCREEN"]): void;
  on(message: "ON_SCREEN_RECORDING_STATE_CHANGE", handler: HandlerOf["ON_SCREEN_RECORDING_STATE_CHANGE"]): void;
  on(message: "ON_WIDGET_MINIMIZED_CHANGE", handler: HandlerOf["ON_WIDGET_MINIMIZED_CHANGE"]): void;
  on(message: "ON_SERVER_ERROR", handler: HandlerOf["ON_SERVER_ERROR"]): void;
  on(message: "ON_SOFTPHONE_STATUS_CHANGE", handler: HandlerOf["ON_SOFTPHONE_STATUS_CHANGE"]): void;
  on(message: "ON_AUDIO_DEVICE_CHANGE", handler: HandlerOf["ON_AUDIO_DEVICE_CHANGE"]): void;
  on(message: "ON_PHONE_CAPABILITIES_CHANGE", handler: HandlerOf["ON_PHONE_CAPABILITIES_CHANGE"]): void;
  on(message: "ON_CALL_AUDIO_QUALITY_ALERT", handler: HandlerOf["ON_CALL_AUDIO_QUALITY_ALERT"]): void;
  on(message: "ON_WEB_SCREEN_POP_CUSTOM", handler: HandlerOf["ON_WEB_SCREEN_POP_CUSTOM"]): void;
  on(message: "ON_SAVE_ACTIVITY_RECORD", handler: HandlerOf["ON_SAVE_ACTIVITY_RECORD"]): void;
  on(message: "ON_VALIDATE_ASSOCIATED_RECORDS", handler: HandlerOf["ON_VALIDATE_ASSOCIATED_RECORDS"]): void;
  on(message: "ON_REQUEST_RECORD_INFO", handler: HandlerOf["ON_REQUEST_RECORD_INFO"]): void;
  on(message: "ON_REQUEST_RECORD_ON_SCREEN", handler: HandlerOf["ON_REQUEST_RECORD_ON_SCREEN"]): void;
  remove(message: "ON_LOGIN", handler: HandlerOf["ON_LOGIN"]): void;
  remove(message: "ON_LOGOUT", handler: HandlerOf["ON_LOGOUT"]): void;
  remove(message: "ON_NEW_INTERACTION", handler: HandlerOf["ON_NEW_INTERACTION"]): void;
  remove(message: "ON_INTERACTION_REMOVED", handler: HandlerOf["ON_INTERACTION_REMOVED"]): void;
  remove(message: "ON_INTERACTION_STATE_CHANGE", handler: HandlerOf["ON_INTERACTION_STATE_CHANGE"]): void;
  remove(message: "ON_ACTIVE_INTERACTION_SWITCHED", handler: HandlerOf["ON_ACTIVE_INTERACTION_SWITCHED"]): void;
  remove(message: "ON_AGENT_STATE_CHANGE", handler: HandlerOf["ON_AGENT_STATE_CHANGE"]): void;
  remove(message: "ON_REQUEST_TRANSFER_DATA", handler: HandlerOf["ON_REQUEST_TRANSFER_DATA"]): void;
  remove(message: "ON_LOAD_TRANSFER_DATA", handler: HandlerOf["ON_LOAD_TRANSFER_DATA"]): void;
  remove(message: "ON_GET_KNOWLEDGE_BASE_FOLDER", handler: HandlerOf["ON_GET_KNOWLEDGE_BASE_FOLDER"]): void;
  remove(message: "ON_SEARCH_KNOWLEDGE_BASE", handler: HandlerOf["ON_SEARCH_KNOWLEDGE_BASE"]): void;
  remove(message: "ON_GET_KNOWLEDGE_BASE_ARTICLE", handler: HandlerOf["ON_GET_KNOWLEDGE_BASE_ARTICLE"]): void;
  remove(message: "ON_OPEN_RECORD", handler: HandlerOf["ON_OPEN_RECORD"]): void;
  remove(message: "ON_SEARCH_RECORDS", handler: HandlerOf["ON_SEARCH_RECORDS"]): void;
  remove(message: "ON_SHOW_SCREEN", handler: HandlerOf["ON_SHOW_SCREEN"]): void;
  remove(message: "ON_SCREEN_RECORDING_STATE_CHANGE", handler: HandlerOf["ON_SCREEN_RECORDING_STATE_CHANGE"]): void;
  remove(message: "ON_WIDGET_MINIMIZED_CHANGE", handler: HandlerOf["ON_WIDGET_MINIMIZED_CHANGE"]): void;
  remove(message: "ON_SERVER_ERROR", handler: HandlerOf["ON_SERVER_ERROR"]): void;
  remove(message: "ON_SOFTPHONE_STATUS_CHANGE", handler: HandlerOf["ON_SOFTPHONE_STATUS_CHANGE"]): void;
  remove(message: "ON_AUDIO_DEVICE_CHANGE", handler: HandlerOf["ON_AUDIO_DEVICE_CHANGE"]): void;
  remove(message: "ON_PHONE_CAPABILITIES_CHANGE", handler: HandlerOf["ON_PHONE_CAPABILITIES_CHANGE"]): void;
  remove(message: "ON_CALL_AUDIO_QUALITY_ALERT", handler: HandlerOf["ON_CALL_AUDIO_QUALITY_ALERT"]): void;
  remove(message: "ON_WEB_SCREEN_POP_CUSTOM", handler: HandlerOf["ON_WEB_SCREEN_POP_CUSTOM"]): void;
  remove(message: "ON_SAVE_ACTIVITY_RECORD", handler: HandlerOf["ON_SAVE_ACTIVITY_RECORD"]): void;
  remove(message: "ON_VALIDATE_ASSOCIATED_RECORDS", handler: HandlerOf["ON_VALIDATE_ASSOCIATED_RECORDS"]): void;
  remove(message: "ON_REQUEST_RECORD_INFO", handler: HandlerOf["ON_REQUEST_RECORD_INFO"]): void;
  remove(message: "ON_REQUEST_RECORD_ON_SCREEN", handler: HandlerOf["ON_REQUEST_RECORD_ON_SCREEN"]): void;
}
