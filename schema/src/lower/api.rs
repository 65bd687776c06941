//! The API description -> [`ir::Api`]s: methods, events, parameters and their schemas.

use super::meta::ApiMeta;
use super::shape::Place;
use super::{Lowerer, Scope};
use crate::ir::{
    Api, ApiId, CallStyle, Constant, ConstantRole, Event, Method, Param, Property, Shape, WireData,
};
use crate::load::Document;
use crate::model::api::{
    ApiEntry, ApiIdEntry, ConstantEntry, ConstantRoleEntry, EventEntry, MethodEntry, ParamEntry,
    PropertyEntry, StyleEntry, WireDataEntry, WireDataInEntry,
};

/// The keys of API B's message envelope: a top-level argument key must not take one of them.
const ENVELOPE_KEYS: [&str; 3] = ["command", "data", "request_id"];

pub(super) fn lower_apis(lw: &Lowerer<'_>, doc: &Document) -> Vec<Api> {
    let prefix = format!("{}#/$defs/", lw.types_name);
    let scope = Scope {
        file: &doc.api_name,
        ref_prefix: &prefix,
        type_params: &[],
    };
    let mut seen = Vec::new();
    doc.api
        .apis
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let pointer = format!("/apis/{i}");
            if seen.contains(&a.id) {
                lw.sink.error(
                    &format!("{}#{pointer}/id", doc.api_name),
                    format!("API `{:?}` is described twice", a.id),
                );
            }
            seen.push(a.id);
            lower_api(lw, scope, a, &pointer)
        })
        .collect()
}

fn lower_api(lw: &Lowerer<'_>, scope: Scope<'_>, a: &ApiEntry, pointer: &str) -> Api {
    let style = match a.style {
        StyleEntry::Promise => CallStyle::Promise,
        StyleEntry::Callback => CallStyle::Callback,
    };
    let meta = lw.meta_api(
        ApiMeta {
            description: a.description.as_ref(),
            since: a.since.as_deref(),
            until: a.until.as_deref(),
            deprecated: a.deprecated.as_deref(),
            notes: &a.notes,
            source: a.source,
        },
        scope.file,
        pointer,
    );
    Api {
        id: match a.id {
            ApiIdEntry::Widget => ApiId::Widget,
            ApiIdEntry::Embedded => ApiId::Embedded,
        },
        title: a.title.clone(),
        entry: a.entry.clone(),
        style,
        meta,
        untyped_answer_lists: a.untyped_answer_lists.as_ref().map(|q| {
            lw.meta_api(
                ApiMeta {
                    description: q.description.as_ref(),
                    since: q.since.as_deref(),
                    until: q.until.as_deref(),
                    deprecated: None,
                    notes: &q.notes,
                    source: q.source,
                },
                scope.file,
                &format!("{pointer}/untypedAnswerLists"),
            )
        }),
        properties: a
            .properties
            .iter()
            .enumerate()
            .map(|(i, p)| property(lw, scope, a, i, p, &format!("{pointer}/properties/{i}")))
            .collect(),
        constants: a
            .constants
            .iter()
            .enumerate()
            .map(|(i, c)| constant(lw, scope, c, &format!("{pointer}/constants/{i}")))
            .collect(),
        methods: a
            .methods
            .iter()
            .enumerate()
            .map(|(i, m)| method(lw, scope, style, m, &format!("{pointer}/methods/{i}")))
            .collect(),
        events: a
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| event(lw, scope, style, e, &format!("{pointer}/events/{i}")))
            .collect(),
    }
}

/// A member holding a DOM object. Its name must be a plain identifier that no method or earlier
/// property of the API takes (a member is one name on the object, whatever the versions), and
/// its DOM type an interface name, because emitters write both as they are.
fn property(
    lw: &Lowerer<'_>,
    scope: Scope<'_>,
    a: &ApiEntry,
    index: usize,
    p: &PropertyEntry,
    pointer: &str,
) -> Property {
    let at = |key: &str| format!("{}#{pointer}/{key}", scope.file);
    if !is_identifier(&p.name) {
        lw.sink.error_hint(
            &at("name"),
            format!("property name `{}` is not a JavaScript identifier", p.name),
            "use the member name the vendor declares, e.g. \"adcFrame\"",
        );
    } else if a.methods.iter().any(|m| m.name == p.name)
        || a.properties.iter().take(index).any(|q| q.name == p.name)
    {
        lw.sink.error_hint(
            &at("name"),
            format!("API member `{}` is described twice", p.name),
            "a property may not share its name with a method or another property of the API",
        );
    }
    if !is_identifier(&p.dom_type) || p.dom_type.contains('$') {
        lw.sink.error_hint(
            &at("domType"),
            format!("`{}` is not the name of a DOM interface", p.dom_type),
            "name the interface its value is an instance of, e.g. \"HTMLIFrameElement\"",
        );
    }
    Property {
        name: p.name.clone(),
        dom_type: p.dom_type.clone(),
        nullable: p.nullable,
        meta: lw.meta_api(
            ApiMeta {
                description: p.description.as_ref(),
                since: p.since.as_deref(),
                until: p.until.as_deref(),
                deprecated: p.deprecated.as_deref(),
                notes: &p.notes,
                source: p.source,
            },
            scope.file,
            pointer,
        ),
    }
}

/// An ASCII JavaScript identifier (`adcFrame`, `_x`, `$el`).
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

fn constant(lw: &Lowerer<'_>, scope: Scope<'_>, c: &ConstantEntry, pointer: &str) -> Constant {
    let role = c.role.map(|r| match r {
        ConstantRoleEntry::ResponseSuffix => ConstantRole::ResponseSuffix,
    });
    if c.name.is_empty() {
        lw.sink.error_hint(
            &format!("{}#{pointer}/name", scope.file),
            "a constant needs a name",
            "give the name the vendor exports it under",
        );
    }
    // An empty suffix would name every answer like its request.
    if role == Some(ConstantRole::ResponseSuffix) && c.value.is_empty() {
        lw.sink.error_hint(
            &format!("{}#{pointer}/value", scope.file),
            "the `responseSuffix` constant is empty",
            "give the suffix answers carry on the wire, e.g. \"_RESPONSE\"",
        );
    }
    Constant {
        name: c.name.clone(),
        value: c.value.clone(),
        role,
        meta: lw.meta_api(
            ApiMeta {
                description: c.description.as_ref(),
                since: c.since.as_deref(),
                until: c.until.as_deref(),
                deprecated: c.deprecated.as_deref(),
                notes: &c.notes,
                source: c.source,
            },
            scope.file,
            pointer,
        ),
    }
}

fn method(
    lw: &Lowerer<'_>,
    scope: Scope<'_>,
    style: CallStyle,
    m: &MethodEntry,
    pointer: &str,
) -> Method {
    let params = params(lw, scope, &m.params, pointer);
    if m.wire.is_empty() && style == CallStyle::Promise {
        lw.sink.error_hint(
            &format!("{}#{pointer}/wire", scope.file),
            format!("method `{}` has an empty `wire`", m.name),
            "every request of a promise-style API is a message: give its name",
        );
    }
    let wire_data = wire_data(lw, scope, m, &params, pointer);
    Method {
        name: m.name.clone(),
        wire: m.wire.clone(),
        result: m
            .result
            .as_ref()
            .map(|r| lw.schema(r, scope, &format!("{pointer}/result"), Place::INNER)),
        params,
        wire_data,
        errors: m.errors.clone(),
        meta: lw.meta_api(
            ApiMeta {
                description: m.description.as_ref(),
                since: m.since.as_deref(),
                until: m.until.as_deref(),
                deprecated: m.deprecated.as_deref(),
                notes: &m.notes,
                source: m.source,
            },
            scope.file,
            pointer,
        ),
    }
}

/// `wireData` and `wireDataIn` -> where the arguments travel.
fn wire_data(
    lw: &Lowerer<'_>,
    scope: Scope<'_>,
    m: &MethodEntry,
    params: &[Param],
    pointer: &str,
) -> Option<WireData> {
    let at = format!("{}#{pointer}/wireData", scope.file);
    let in_at = format!("{}#{pointer}/wireDataIn", scope.file);
    let known = |name: &str, at: &str| {
        if !params.iter().any(|p| p.name == name) {
            lw.sink.error_hint(
                at,
                format!(
                    "`wireData` names parameter `{name}`, which `{}` does not have",
                    m.name
                ),
                "name one of the method's `params`",
            );
        }
    };
    let Some(w) = &m.wire_data else {
        if m.wire_data_in.is_some() {
            lw.sink.error_hint(
                &in_at,
                format!("`wireDataIn` without `wireData` on `{}`", m.name),
                "remove `wireDataIn`, or map the wire keys to parameters in `wireData`",
            );
        }
        return None;
    };
    let in_message = m.wire_data_in == Some(WireDataInEntry::Message);
    Some(match w {
        WireDataEntry::Param(name) => {
            known(name, &at);
            if in_message {
                lw.sink.error_hint(
                    &in_at,
                    format!(
                        "`wireDataIn: \"message\"` needs an object `wireData`, but `{}` sends one argument as the whole `data`",
                        m.name
                    ),
                    "write `wireData` as {\"<top-level key>\": \"<parameter>\"}",
                );
            }
            WireData::Param(name.clone())
        }
        WireDataEntry::Object(map) => {
            for (key, name) in &map.0 {
                let key_at = crate::diag::pointer_push(&at, key);
                known(name, &key_at);
                if in_message && ENVELOPE_KEYS.contains(&key.as_str()) {
                    lw.sink.error_hint(
                        &key_at,
                        format!("top-level key `{key}` is a key of the message envelope"),
                        "a key beside `command` must not be `command`, `data` or `request_id`",
                    );
                }
            }
            if in_message {
                WireData::Message(map.0.clone())
            } else {
                WireData::Object(map.0.clone())
            }
        }
    })
}

fn event(
    lw: &Lowerer<'_>,
    scope: Scope<'_>,
    style: CallStyle,
    e: &EventEntry,
    pointer: &str,
) -> Event {
    let wire = match (&e.wire, style) {
        (Some(w), _) => w.clone(),
        (None, CallStyle::Promise) => e.name.clone(),
        (None, CallStyle::Callback) => {
            lw.sink.error_hint(
                &format!("{}#{pointer}", scope.file),
                format!("event `{}` of a callback API has no `wire`", e.name),
                "give the message's `command` as `wire`",
            );
            e.name.clone()
        }
    };
    Event {
        name: e.name.clone(),
        handler: e.handler.clone(),
        handler_type: e.handler_type.clone(),
        wire,
        params: params(lw, scope, &e.params, pointer),
        response: e
            .response
            .as_ref()
            .map(|r| lw.schema(r, scope, &format!("{pointer}/response"), Place::INNER)),
        response_optional: e.response_optional,
        meta: lw.meta_api(
            ApiMeta {
                description: e.description.as_ref(),
                since: e.since.as_deref(),
                until: e.until.as_deref(),
                deprecated: e.deprecated.as_deref(),
                notes: &e.notes,
                source: e.source,
            },
            scope.file,
            pointer,
        ),
    }
}

fn params(lw: &Lowerer<'_>, scope: Scope<'_>, ps: &[ParamEntry], pointer: &str) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    for (i, p) in ps.iter().enumerate() {
        let at = format!("{pointer}/params/{i}");
        if out.iter().any(|q| q.name == p.name) {
            lw.sink.error(
                &format!("{}#{at}/name", scope.file),
                format!("parameter `{}` is declared twice", p.name),
            );
        }
        let shape: Shape = lw.schema(&p.schema, scope, &format!("{at}/schema"), Place::INNER);
        out.push(Param {
            name: p.name.clone(),
            optional: p.optional,
            shape,
            meta: lw.meta_api(
                ApiMeta {
                    description: p.description.as_ref(),
                    since: p.since.as_deref(),
                    until: p.until.as_deref(),
                    deprecated: p.deprecated.as_deref(),
                    notes: &p.notes,
                    source: p.source,
                },
                scope.file,
                &at,
            ),
        });
    }
    out
}
