//! A small hand-made view of the contract (a subset of API A and API B), so the suite's own
//! tests do not depend on the canonical data changing under them, and so the runner can work
//! before the canonical contract is wired in. It states only facts from brightpattern-api.md.

use std::collections::BTreeMap;

use adcontract_schema::ir::*;
use adcontract_schema::ir_builder::{
    self, array, def, event, field, method, number, object, param as p, reference as r, string,
    string_enum as enum_of,
};
use serde_json::json;

fn wire_of(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            s.push('_');
        }
        s.push(c.to_ascii_uppercase());
    }
    s
}

/// The view (`version` is its id; 5.19 uses the older `selected: string | null`).
pub fn view(version: &str) -> Ir {
    let v519 = version == "5.19";
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let errors = crate::contract::error_codes::RESULT_ERROR_CODES;
    let mut agent_states = vec![
        "supervising",
        "ready",
        "not_ready",
        "busy",
        "after_call_work",
    ];
    if !v519 {
        agent_states.extend(["reserved", "ringing"]);
    }
    for d in [
        def(
            "InteractionState",
            enum_of(&[
                "unknown",
                "queued",
                "ivr",
                "wrap_up",
                "wrap_up_hold",
                "delivered",
                "delivery_pending",
                "hold",
                "completed",
            ]),
        ),
        def("InteractionType", enum_of(&["voice", "chat", "email"])),
        def("CallDirection", enum_of(&["inbound", "outbound"])),
        def("AgentState", enum_of(&agent_states)),
        def(
            "ChatChannelType",
            enum_of(&[
                "telegram", "line", "facebook", "web", "nexmo", "sms", "viber", "twitter", "wechat",
            ]),
        ),
        def(
            "ResultErrorName",
            Shape::Enum(EnumShape {
                values: errors
                    .iter()
                    .map(|(n, c)| EnumValue {
                        value: json!(n),
                        code: Some(*c),
                        meta: Meta::default(),
                    })
                    .collect(),
            }),
        ),
        def(
            "ResultError",
            object(vec![
                field("code", true, Shape::Integer(NumberRules::default())),
                field("name", true, r("ResultErrorName")),
                field("message", false, string()),
            ]),
        ),
        def(
            "AttachedData",
            Shape::Map(Box::new(MapShape {
                values: string(),
                key_pattern: None,
            })),
        ),
        def(
            "CustomTransferData",
            Shape::Map(Box::new(MapShape {
                values: Shape::Any,
                key_pattern: None,
            })),
        ),
        def(
            "InteractionAssociatedObjectsData",
            object(vec![
                field("list", true, array(Shape::Any)),
                field(
                    "selected",
                    true,
                    if v519 {
                        Shape::Nullable {
                            inner: Box::new(string()),
                        }
                    } else {
                        array(string())
                    },
                ),
            ]),
        ),
        def(
            "InteractionData",
            object(vec![
                field("interactionId", true, string()),
                field("globalInteractionId", false, string()),
                field("state", true, r("InteractionState")),
                field("type", true, r("InteractionType")),
                field("subject", true, string()),
                field(
                    "associatedObjects",
                    true,
                    r("InteractionAssociatedObjectsData"),
                ),
                field("callParties", true, array(Shape::Any)),
                field("callMuted", true, Shape::Boolean),
                field("callRecording", true, Shape::Boolean),
                field("attachedData", true, r("AttachedData")),
                field("phoneNumber", false, string()),
                field("email", false, string()),
                field("callDirection", false, r("CallDirection")),
                field("startTime", false, number()),
                field("endTime", false, number()),
                field("duration", false, number()),
                field("disposition", false, string()),
                field("service", false, string()),
            ]),
        ),
        def(
            "LoginStateData",
            object(vec![
                field("isLoggedIn", true, Shape::Boolean),
                field("agentId", false, string()),
                field("username", false, string()),
            ]),
        ),
        def(
            "AgentStateData",
            object(vec![
                field("state", true, r("AgentState")),
                field("reservedForIncomingInteraction", true, Shape::Boolean),
                field("notReadyReason", false, string()),
            ]),
        ),
        def(
            "InitiateResult",
            object(vec![
                field(
                    "id",
                    true,
                    Shape::Nullable {
                        inner: Box::new(string()),
                    },
                ),
                field("error", false, string()),
            ]),
        ),
        def(
            "InteractionsState",
            object(vec![
                field(
                    "activeInteractionId",
                    true,
                    Shape::Nullable {
                        inner: Box::new(string()),
                    },
                ),
                field("interactions", true, array(r("InteractionData"))),
            ]),
        ),
        def(
            "LoginData",
            object(vec![
                field("username", true, string()),
                field("password", true, string()),
                field("tenant", false, string()),
            ]),
        ),
        def(
            "EmbeddedItem",
            object(vec![
                field("item_id", true, string()),
                field("global_id", false, string()),
                field("phone_number", false, string()),
                field("service", false, string()),
            ]),
        ),
    ] {
        types.insert(d.name.clone(), d);
    }
    types.insert(
        "OperationResult".into(),
        TypeDef {
            name: "OperationResult".into(),
            meta: Meta::default(),
            type_params: vec!["T".into()],
            type_param_defaults: Vec::new(),
            const_name: None,
            const_widened: false,
            shape: Shape::Union(UnionShape {
                variants: vec![
                    Variant {
                        shape: object(vec![
                            field(
                                "status",
                                true,
                                Shape::Const {
                                    value: json!("success"),
                                },
                            ),
                            field("data", true, Shape::TypeParam { name: "T".into() }),
                        ]),
                        tag_value: Some(json!("success")),
                        meta: Meta::default(),
                    },
                    Variant {
                        shape: object(vec![
                            field(
                                "status",
                                true,
                                Shape::Const {
                                    value: json!("error"),
                                },
                            ),
                            field("error", true, r("ResultError")),
                        ]),
                        tag_value: Some(json!("error")),
                        meta: Meta::default(),
                    },
                ],
                tag: Some("status".into()),
                exclusive: true,
            }),
        },
    );
    let iid = || p("interactionId", true, string());
    let null = Some(Shape::Null);
    let m = |name: &str, params: Vec<Param>, result: Option<Shape>| {
        method(name, &wire_of(name), params, result)
    };
    let widget_methods = vec![
        m("getLoginState", vec![], Some(r("LoginStateData"))),
        m(
            "login",
            vec![
                p("loginData", false, r("LoginData")),
                p("force", true, Shape::Boolean),
            ],
            null.clone(),
        ),
        m("logout", vec![], null.clone()),
        m("getAgentState", vec![], Some(r("AgentStateData"))),
        m(
            "setAgentState",
            vec![
                p("state", false, r("AgentState")),
                p("notReadyReason", true, string()),
            ],
            null.clone(),
        ),
        m("getAgentNotReadyReasons", vec![], Some(array(string()))),
        m("acceptInteraction", vec![iid()], null.clone()),
        m("rejectInteraction", vec![iid()], null.clone()),
        m(
            "startCall",
            vec![
                p("phoneNumber", false, string()),
                p("associatedObjects", true, Shape::Any),
            ],
            Some(r("InitiateResult")),
        ),
        m(
            "startChat",
            vec![
                p("channel", false, r("ChatChannelType")),
                p("address", false, string()),
                p("associatedObjects", true, Shape::Any),
            ],
            Some(r("InitiateResult")),
        ),
        m(
            "startEmail",
            vec![
                p("email", false, string()),
                p("associatedObjects", true, Shape::Any),
            ],
            Some(r("InitiateResult")),
        ),
        m(
            "sendDtmf",
            vec![p("dtmf", false, string()), iid()],
            null.clone(),
        ),
        m(
            "consultCall",
            vec![p("phone", false, string())],
            null.clone(),
        ),
        m(
            "blindTransfer",
            vec![
                p("phone", false, string()),
                p("customTransferData", true, r("CustomTransferData")),
                iid(),
            ],
            null.clone(),
        ),
        m(
            "transfer",
            vec![p("customTransferData", true, r("CustomTransferData"))],
            null.clone(),
        ),
        m("leaveInteraction", vec![iid()], null.clone()),
        m("completeInteraction", vec![iid()], null.clone()),
        m(
            "leaveAndCompleteInteraction",
            vec![
                p("disposition", true, string()),
                p("note", true, string()),
                iid(),
            ],
            null.clone(),
        ),
        m(
            "switchActiveInteraction",
            vec![p("interactionId", false, string())],
            null.clone(),
        ),
        m(
            "setCallHold",
            vec![p("state", false, Shape::Boolean), iid()],
            null.clone(),
        ),
        m(
            "setCallMute",
            vec![p("state", false, Shape::Boolean), iid()],
            null.clone(),
        ),
        m(
            "setCallRecording",
            vec![p("state", false, Shape::Boolean), iid()],
            null.clone(),
        ),
        m(
            "addNote",
            vec![p("note", false, string()), iid()],
            null.clone(),
        ),
        m(
            "setDisposition",
            vec![p("disposition", false, string()), iid()],
            null.clone(),
        ),
        m(
            "sendChatMessage",
            vec![p("message", false, string()), iid()],
            null.clone(),
        ),
        m("getInteractionsState", vec![], Some(r("InteractionsState"))),
        m(
            "setWidgetMinimized",
            vec![p("state", false, Shape::Boolean)],
            null.clone(),
        ),
        m("getTeams", vec![], Some(array(Shape::Any))),
    ];
    let data = || p("interaction", false, r("InteractionData"));
    let widget_events = vec![
        event(
            "ON_LOGIN",
            vec![p("loginState", false, r("LoginStateData"))],
            None,
        ),
        event("ON_LOGOUT", vec![], None),
        event("ON_NEW_INTERACTION", vec![data()], None),
        event("ON_INTERACTION_STATE_CHANGE", vec![data()], None),
        event("ON_INTERACTION_REMOVED", vec![data()], None),
        event(
            "ON_ACTIVE_INTERACTION_SWITCHED",
            vec![p(
                "activatedInteractionId",
                false,
                Shape::Nullable {
                    inner: Box::new(string()),
                },
            )],
            None,
        ),
        event(
            "ON_AGENT_STATE_CHANGE",
            vec![
                p("state", false, r("AgentState")),
                p("notReadyReason", true, string()),
            ],
            None,
        ),
        event(
            "ON_REQUEST_TRANSFER_DATA",
            vec![p("interactionId", false, string())],
            Some(r("CustomTransferData")),
        ),
        event(
            "ON_WIDGET_MINIMIZED_CHANGE",
            vec![p("widgetMinimized", false, Shape::Boolean)],
            None,
        ),
        event(
            "ON_GET_KNOWLEDGE_BASE_ARTICLE",
            vec![p("articleId", false, string())],
            Some(Shape::Nullable {
                inner: Box::new(Shape::Any),
            }),
        ),
    ];
    let item = || p("item_id", false, string());
    let embedded_methods = vec![
        method(
            "getState",
            "GET_STATE",
            vec![],
            Some(object(vec![
                field("agent_id", true, string()),
                field("status", true, string()),
                field("reason", true, string()),
                field("interactions", true, array(r("EmbeddedItem"))),
            ])),
        ),
        Method {
            wire_data: Some(WireData::Object(vec![
                ("state".into(), "status".into()),
                ("reason".into(), "reason".into()),
            ])),
            ..method(
                "setStatus",
                "CHANGE_STATE",
                vec![p("status", false, string()), p("reason", true, string())],
                None,
            )
        },
        Method {
            // The SDK writes `number` beside `command`, as the canonical schema says.
            wire_data: Some(WireData::Message(vec![(
                "number".into(),
                "phone_number".into(),
            )])),
            ..method(
                "dialNumber",
                "DIAL_NUMBER",
                vec![p("phone_number", false, string())],
                None,
            )
        },
        Method {
            wire_data: Some(WireData::Param("item_id".into())),
            ..method(
                "terminateInteraction",
                "TERMINATE_INTERACTION_FROM_API",
                vec![item()],
                None,
            )
        },
        Method {
            wire_data: Some(WireData::Param("item_id".into())),
            ..method(
                "completeInteraction",
                "COMPLETE_INTERACTION_FROM_API",
                vec![item()],
                None,
            )
        },
        method(
            "completeInteractionWithDisp",
            "COMPLETE_INTERACTION_WITH_DISPOSITION",
            vec![
                item(),
                p("disposition_code", false, string()),
                p("notes", true, string()),
            ],
            None,
        ),
        method(
            "setDisposition",
            "SET_DISPOSITION",
            vec![item(), p("disposition_code", false, string())],
            None,
        ),
    ];
    let bevent = |name: &str, wire: &str, shape: Shape| Event {
        wire: wire.into(),
        ..event(name, vec![p("data", false, shape)], None)
    };
    let embedded_events = vec![
        bevent(
            "onAgentLogin",
            "LOGIN_CHANGED",
            object(vec![
                field("agent_id", true, string()),
                field("login", true, Shape::Boolean),
            ]),
        ),
        bevent(
            "onStatusChange",
            "STATE_CHANGED",
            object(vec![
                field("status", true, string()),
                field("reason", true, string()),
            ]),
        ),
        bevent(
            "addInteractionRenderedHandler",
            "INTERACTION_RENDERED",
            r("EmbeddedItem"),
        ),
        bevent(
            "addInteractionCompletedHandler",
            "INTERACTION_COMPLETED",
            r("EmbeddedItem"),
        ),
    ];
    let api = |id, style, methods, events| Api {
        id,
        title: String::new(),
        entry: String::new(),
        style,
        meta: Meta::default(),
        untyped_answer_lists: None,
        properties: Vec::new(),
        constants: Vec::new(),
        methods,
        events,
    };
    let apis = vec![
        api(
            ApiId::Widget,
            CallStyle::Promise,
            widget_methods,
            widget_events,
        ),
        api(
            ApiId::Embedded,
            CallStyle::Callback,
            embedded_methods,
            embedded_events,
        ),
    ];
    ir_builder::view(version, types.into_values(), apis)
}
