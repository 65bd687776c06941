//! Hand-built IR views for the emitter's unit tests (independent of the schema pipeline).

use std::collections::BTreeMap;

use adcontract_schema::ir::*;
use adcontract_schema::ir_builder;
use serde_json::json;

// The shapes themselves come from the schema crate's shared builder; the wrappers below add the
// pointers and descriptions the emitter prints (doc comments, collision errors).
pub(crate) use adcontract_schema::ir_builder::{
    constant, nullable, object, reference as r, string,
};

pub(crate) fn meta(pointer: &str) -> Meta {
    ir_builder::at(&format!("agent-desktop.types.json#{pointer}"))
}

pub(crate) fn field(owner: &str, name: &str, required: bool, shape: Shape) -> Field {
    Field {
        meta: meta(&format!("/$defs/{owner}/properties/{name}")),
        ..ir_builder::field(name, required, shape)
    }
}

pub(crate) fn def(name: &str, shape: Shape) -> TypeDef {
    TypeDef {
        meta: meta(&format!("/$defs/{name}")),
        ..ir_builder::def(name, shape)
    }
}

pub(crate) fn string_enum(owner: &str, values: &[&str]) -> Shape {
    let mut shape = ir_builder::string_enum(values);
    if let Shape::Enum(e) = &mut shape {
        for (i, v) in e.values.iter_mut().enumerate() {
            v.meta = meta(&format!("/$defs/{owner}/enum/{i}"));
        }
    }
    shape
}

/// A small view shaped like the real Agent Desktop contract.
pub(crate) fn mini() -> Ir {
    let mut types = BTreeMap::new();
    let mut add = |d: TypeDef| {
        types.insert(d.name.clone(), d);
    };
    let mut agent_state = def(
        "AgentState",
        string_enum(
            "AgentState",
            &["supervising", "ready", "not_ready", "after_call_work"],
        ),
    );
    if let Shape::Enum(e) = &mut agent_state.shape {
        e.values[3].meta.deprecated = true;
    }
    add(agent_state);
    add(def(
        "AttachedData",
        Shape::Map(Box::new(MapShape {
            values: string(),
            key_pattern: None,
        })),
    ));
    let mut data = def(
        "InteractionData",
        object(vec![
            field("InteractionData", "id", true, string()),
            field("InteractionData", "DNIS", false, string()),
            field("InteractionData", "state", true, r("AgentState")),
            field(
                "InteractionData",
                "activeInteractionId",
                true,
                nullable(string()),
            ),
            field("InteractionData", "parentId", false, nullable(string())),
            field(
                "InteractionData",
                "type",
                true,
                string_enum(
                    "InteractionData/properties/type",
                    &["voice", "chat", "email"],
                ),
            ),
            field("InteractionData", "attachedData", false, r("AttachedData")),
            field(
                "InteractionData",
                "duration",
                false,
                Shape::Number(NumberRules::default()),
            ),
            field(
                "InteractionData",
                "priority",
                false,
                Shape::Integer(NumberRules {
                    minimum: Some(0.0),
                    ..Default::default()
                }),
            ),
        ]),
    );
    data.meta.description =
        Some("An interaction (call, chat, email) as the Agent Desktop reports it.".into());
    if let Shape::Object(o) = &mut data.shape {
        o.fields[4].meta.deprecated = true;
    }
    add(data);
    let op_variant = |status: &str, extra: Field| Variant {
        shape: object(vec![
            field("OperationResult", "status", true, constant(json!(status))),
            extra,
        ]),
        tag_value: Some(json!(status)),
        meta: meta(&format!("/$defs/OperationResult/oneOf/{status}")),
    };
    let mut op = def(
        "OperationResult",
        Shape::Union(UnionShape {
            variants: vec![
                op_variant(
                    "success",
                    field(
                        "OperationResult",
                        "data",
                        true,
                        Shape::TypeParam { name: "T".into() },
                    ),
                ),
                op_variant(
                    "error",
                    field("OperationResult", "error", true, r("ResultError")),
                ),
            ],
            tag: Some("status".into()),
            exclusive: true,
        }),
    );
    op.type_params = vec!["T".into()];
    op.type_param_defaults = vec![Some(Shape::Null)];
    add(op);
    let mut result_error = def(
        "ResultError",
        object(vec![field("ResultError", "message", true, string())]),
    );
    result_error.meta.deprecated = true;
    add(result_error);
    add(def(
        "ExternalKBArticleItem",
        object(vec![
            field("ExternalKBArticleItem", "id", true, string()),
            field(
                "ExternalKBArticleItem",
                "type",
                true,
                constant(json!("article")),
            ),
            field("ExternalKBArticleItem", "title", true, string()),
        ]),
    ));
    add(def(
        "ExternalKBFolderItem",
        object(vec![
            field("ExternalKBFolderItem", "id", true, string()),
            field(
                "ExternalKBFolderItem",
                "type",
                true,
                constant(json!("folder")),
            ),
            field(
                "ExternalKBFolderItem",
                "children",
                false,
                Shape::Array(Box::new(ArrayShape {
                    items: r("ExternalKBItemData"),
                    min_items: None,
                    max_items: None,
                })),
            ),
        ]),
    ));
    let v = |name: &str, tag: serde_json::Value| Variant {
        shape: r(name),
        tag_value: Some(tag),
        meta: meta(&format!("/$defs/{name}")),
    };
    add(def(
        "ExternalKBItemData",
        Shape::Union(UnionShape {
            variants: vec![
                v("ExternalKBArticleItem", json!("article")),
                v("ExternalKBFolderItem", json!("folder")),
            ],
            tag: Some("type".into()),
            exclusive: true,
        }),
    ));
    add(def(
        "InteractionSummary",
        object(vec![
            field("InteractionSummary", "interactionId", true, string()),
            field("InteractionSummary", "success", true, constant(json!(true))),
        ]),
    ));
    add(def(
        "InteractionSummaryFailed",
        object(vec![
            field("InteractionSummaryFailed", "interactionId", true, string()),
            field(
                "InteractionSummaryFailed",
                "success",
                true,
                constant(json!(false)),
            ),
            field("InteractionSummaryFailed", "errorCode", true, string()),
        ]),
    ));
    add(def(
        "InteractionSummaryResult",
        Shape::Union(UnionShape {
            variants: vec![
                v("InteractionSummary", json!(true)),
                v("InteractionSummaryFailed", json!(false)),
            ],
            tag: Some("success".into()),
            exclusive: true,
        }),
    ));
    add(def(
        "UserState",
        Shape::Union(UnionShape {
            variants: vec![
                Variant {
                    shape: r("AgentState"),
                    tag_value: None,
                    meta: meta("/$defs/UserState/anyOf/0"),
                },
                Variant {
                    shape: constant(json!("offline")),
                    tag_value: None,
                    meta: meta("/$defs/UserState/anyOf/1"),
                },
            ],
            tag: None,
            exclusive: false,
        }),
    ));
    let param = |name: &str, optional: bool, shape: Shape| Param {
        name: name.into(),
        optional,
        shape,
        meta: Meta {
            pointer: format!("agent-desktop.api.json#/apis/0/methods/0/params/{name}"),
            ..Meta::default()
        },
    };
    let api_meta = |p: &str| Meta {
        pointer: format!("agent-desktop.api.json#{p}"),
        ..Meta::default()
    };
    let widget = Api {
        id: ApiId::Widget,
        title: "Communicator Widget SDK".into(),
        entry: "new window.brightpattern.AdApi(options)".into(),
        style: CallStyle::Promise,
        meta: api_meta("/apis/0"),
        untyped_answer_lists: None,
        properties: Vec::new(),
        constants: Vec::new(),
        methods: vec![
            Method {
                name: "completeInteraction".into(),
                wire: "COMPLETE_INTERACTION".into(),
                params: vec![param("interactionId", true, string())],
                result: Some(Shape::Null),
                wire_data: None,
                errors: vec!["no_interaction".into()],
                meta: Meta {
                    description: Some("Completes an interaction.".into()),
                    ..api_meta("/apis/0/methods/0")
                },
            },
            Method {
                name: "setAgentState".into(),
                wire: "SET_AGENT_STATE".into(),
                params: vec![
                    param("state", false, r("AgentState")),
                    param("reason", true, nullable(string())),
                ],
                result: Some(r("InteractionData")),
                wire_data: None,
                errors: vec![],
                meta: Meta {
                    deprecated: true,
                    ..api_meta("/apis/0/methods/1")
                },
            },
        ],
        events: vec![
            Event {
                name: "ON_INTERACTION_REMOVED".into(),
                handler: Some("onInteractionEnd".into()),
                handler_type: None,
                wire: "ON_INTERACTION_REMOVED".into(),
                params: vec![param("interaction", false, r("InteractionData"))],
                response: None,
                response_optional: false,
                meta: api_meta("/apis/0/events/0"),
            },
            Event {
                name: "ON_GET_KNOWLEDGE_BASE_FOLDER".into(),
                handler: None,
                handler_type: None,
                wire: "ON_GET_KNOWLEDGE_BASE_FOLDER".into(),
                params: vec![param(
                    "options",
                    false,
                    object(vec![field("KBFolderOptions", "folderId", false, string())]),
                )],
                response: Some(Shape::Array(Box::new(ArrayShape {
                    items: r("ExternalKBItemData"),
                    min_items: None,
                    max_items: None,
                }))),
                response_optional: false,
                meta: api_meta("/apis/0/events/1"),
            },
        ],
    };
    ir_builder::view("latest", types.into_values(), vec![widget])
}
