// adcontract's own additions agree with the rest of the package (the vendor's names): each API A
// event's argument tuple is its handler's parameter list, each API B event's tuple is what its
// registration callback gets as `data`, and the callback table lists every API B method with the
// index of its callback parameter. Written by hand like an integrator would, so a drift between
// the generator's two renderings of the same IR fails here.

import {
  type AgentDesktopClientAPI,
  type ContractEmbeddedEventArgs,
  type ContractWidgetEventArgs,
  type EmbeddedAgentDesktopAPI,
  type EmbeddedMessage,
  contractEmbeddedCallbacks,
} from "../../generated/latest/index.js";
import type * as P from "../../generated/latest/index.js";

type Eq<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Assert<T extends true> = T;

// ---- API A ----

/** The handler type of every event (`on` overloads cannot be taken apart at the type level). */
type Handlers = {
  ON_LOGIN: P.OnLoginHandler;
  ON_LOGOUT: P.OnLogoutHandler;
  ON_NEW_INTERACTION: P.OnNewInteractionHandler;
  ON_INTERACTION_REMOVED: P.OnInteractionRemovedHandler;
  ON_INTERACTION_STATE_CHANGE: P.OnInteractionStateChangeHandler;
  ON_ACTIVE_INTERACTION_SWITCHED: P.OnActiveInteractionSwitchHandler;
  ON_AGENT_STATE_CHANGE: P.OnAgentStateChangeHandler;
  ON_REQUEST_TRANSFER_DATA: P.OnRequestTransferDataHandler;
  ON_LOAD_TRANSFER_DATA: P.OnLoadTransferDataHandler;
  ON_GET_KNOWLEDGE_BASE_FOLDER: P.OnGetKnowledgeBaseFolderHandler;
  ON_SEARCH_KNOWLEDGE_BASE: P.OnSearchKnowledgeBaseHandler;
  ON_GET_KNOWLEDGE_BASE_ARTICLE: P.OnGetKnowledgeBaseArticleHandler;
  ON_OPEN_RECORD: P.OnOpenRecordHandler;
  ON_SEARCH_RECORDS: P.OnSearchRecordsHandler;
  ON_SHOW_SCREEN: P.OnShowScreenHandler;
  ON_SCREEN_RECORDING_STATE_CHANGE: P.OnScreenRecordingStateChangeHandler;
  ON_WIDGET_MINIMIZED_CHANGE: P.OnWidgetMinimizedChangeHandler;
  ON_SERVER_ERROR: P.OnServerErrorHandler;
  ON_SOFTPHONE_STATUS_CHANGE: P.OnSoftphoneStatusChangeHandler;
  ON_AUDIO_DEVICE_CHANGE: P.OnAudioDeviceChangeHandler;
  ON_PHONE_CAPABILITIES_CHANGE: P.OnPhoneCapabilitiesChangeHandler;
  ON_CALL_AUDIO_QUALITY_ALERT: P.OnCallAudioQualityAlertHandler;
  ON_SUMMARY_GENERATION_STARTED: P.OnSummaryGenerationStartedHandler;
  ON_SUMMARY_GENERATION_COMPLETED: P.OnSummaryGenerationCompletedHandler;
  ON_WEB_SCREEN_POP_CUSTOM: P.OnWebScreenPopCustomHandler;
  ON_SAVE_ACTIVITY_RECORD: P.OnSaveActivityRecordHandler;
  ON_VALIDATE_ASSOCIATED_RECORDS: P.OnValidateAssociatedRecordsHandler;
  ON_REQUEST_RECORD_INFO: P.OnRequestRecordInfoHandler;
  ON_REQUEST_RECORD_ON_SCREEN: P.OnRequestRecordOnScreenHandler;
};

export type WidgetChecks = [
  // The map has exactly the events of the vendor's `callbackMessages`.
  Assert<Eq<keyof ContractWidgetEventArgs, P.CallbackMessage>>,
  Assert<Eq<keyof Handlers, P.CallbackMessage>>,
  // Each tuple is its handler's parameter list (optional elements included).
  Assert<Eq<{ [K in keyof Handlers]: Parameters<Handlers[K]> }, ContractWidgetEventArgs>>,
];

// A handler written over a tuple of the map registers with `on` as is.
declare const client: AgentDesktopClientAPI;
client.on("ON_AGENT_STATE_CHANGE", (...args: ContractWidgetEventArgs["ON_AGENT_STATE_CHANGE"]) => {
  const [state, reason] = args;
  void state;
  void reason;
});

// ---- API B ----

type Api = EmbeddedAgentDesktopAPI;
type Events = ContractEmbeddedEventArgs;
type Methods = Exclude<keyof Api, keyof Events>;
type Table = typeof contractEmbeddedCallbacks;

/** What the callback a registration member takes receives as `data`. */
type RegisteredData<K extends keyof Events> = Api[K] extends (
  callback: (message: EmbeddedMessage<infer D>) => void,
) => void
  ? D
  : never;
/** An event's arguments as the message's `data`: one as is, several as an array, none `undefined`. */
type AsData<T extends readonly unknown[]> = T extends [] ? undefined : T extends [infer One] ? One : T;

type Callback = (message: EmbeddedMessage<never>) => void;
/** The index of a method's callback parameter as the interface declares it, or `null`. */
type CallbackIndex<F> = F extends (...args: infer A) => void
  ? Required<A> extends [...infer Before, infer Last]
    ? Last extends Callback
      ? Before["length"]
      : null
    : null
  : never;

export type EmbeddedChecks = [
  // Every member of the interface is an event registration or a method of the table.
  Assert<Eq<keyof Table, Methods>>,
  Assert<Eq<{ [K in keyof Events]: AsData<Events[K]> }, { [K in keyof Events]: RegisteredData<K> }>>,
  Assert<Eq<{ [K in Methods]: CallbackIndex<Api[K]> }, { -readonly [K in keyof Table]: Table[K] }>>,
];

// The table is a runtime value too.
const getState: 0 = contractEmbeddedCallbacks.getState;
const setStatus: null = contractEmbeddedCallbacks.setStatus;
void getState;
void setStatus;
