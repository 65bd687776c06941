//! The typed IR: what every emitter, the validator and the conformance suite read.
//!
//! Lowering produces a [`Contract`]: every type, method and event of every version, each carrying
//! its [`Availability`]. [`Contract::view`] cuts it down to one version and yields an [`Ir`], in
//! which everything present exists in that version, versioned unions have collapsed to their one
//! surviving branch, and [`Meta::deprecated`] says whether the item is deprecated *in that view*.
//!
//! The IR is plain data (serde round-trips it) so that generated code can embed the view it was
//! generated from and validate against exactly the same rules as `adcontract validate`.
//!
//! Order is meaningful and deterministic: types are kept in a `BTreeMap` by name, fields, enum
//! values, methods, events and parameters in source order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A version identifier as written in the API description (`"5.19"`, `"5.24"`, `"latest"`).
pub type VersionId = String;

/// The name of a named type (a `$defs` key), e.g. `"InteractionData"`.
pub type TypeName = String;

/// An RFC 6901 JSON pointer into a schema document, prefixed by the document's file name:
/// `agent-desktop.types.json#/$defs/InteractionData/properties/DNIS`.
pub type SchemaPointer = String;

/// One known version of the APIs, oldest first in [`Contract::versions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
    pub id: VersionId,
    pub label: String,
    pub date: Option<String>,
    pub vendor_commit: Option<String>,
    pub description: Option<String>,
}

/// In which versions an item exists. Indices refer to [`Contract::versions`]; `until` is exclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// Index of the first version that has the item; `None` = the first version.
    pub since: Option<usize>,
    /// Index of the first version that no longer has it; `None` = still present.
    pub until: Option<usize>,
    /// Index of the first version in which it is deprecated.
    pub deprecated: Option<usize>,
}

impl Availability {
    /// Whether the item exists in the version with index `v`.
    pub fn contains(&self, v: usize) -> bool {
        self.since.is_none_or(|s| v >= s) && self.until.is_none_or(|u| v < u)
    }

    /// Whether the item is deprecated in the version with index `v`.
    pub fn is_deprecated_in(&self, v: usize) -> bool {
        self.deprecated.is_some_and(|d| v >= d)
    }

    /// Whether two ranges share at least one version, given `count` versions in all.
    pub fn overlaps(&self, other: &Availability, count: usize) -> bool {
        (0..count).any(|v| self.contains(v) && other.contains(v))
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// A help.brightpattern.com page.
    Doc,
    /// The vendor's TypeScript types file.
    Types,
    /// Both agree.
    DocTypes,
    /// Deduced by adcontract; stated nowhere.
    Inferred,
}

/// What kind of remark a [`Note`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// The doc pages and the vendor types disagree; `decision` says what adcontract chose.
    Disagreement,
    /// The fact is inferred, not stated by any source.
    Inferred,
    /// A quirk of the vendor's API worth knowing.
    Quirk,
}

/// A remark recorded in the schema itself (`x-notes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
    pub decision: Option<String>,
}

/// What every named item carries besides its shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Prose in adcontract's own words. Emitters must escape it for their comment syntax.
    pub description: Option<String>,
    pub availability: Availability,
    /// In a view: whether the item is deprecated there. In a [`Contract`]: always `false`
    /// (see [`Availability::deprecated`]).
    pub deprecated: bool,
    pub source: Option<Source>,
    pub notes: Vec<Note>,
    /// Where the item is written, for diagnostics and for the name-collision error.
    pub pointer: SchemaPointer,
}

/// The whole contract, all versions at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    /// Oldest first.
    pub versions: Vec<Version>,
    pub types: BTreeMap<TypeName, TypeDef>,
    pub apis: Vec<Api>,
}

/// One version's view of the contract. Same building blocks as [`Contract`], already filtered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    pub version: Version,
    /// Index of [`Ir::version`] in the contract's version list.
    pub version_index: usize,
    pub types: BTreeMap<TypeName, TypeDef>,
    pub apis: Vec<Api>,
}

/// A named type (`$defs` entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    pub name: TypeName,
    pub meta: Meta,
    /// Generic parameters (`["T"]` for `OperationResult`), in order.
    pub type_params: Vec<String>,
    /// Each generic parameter's default (`unknown[]` for `APIPacket`'s `T`), parallel to
    /// [`TypeDef::type_params`]; empty when no parameter has one.
    #[serde(default)]
    pub type_param_defaults: Vec<Option<Shape>>,
    /// The vendor's runtime constant for an enum (`agentStates`), if it exports one.
    pub const_name: Option<String>,
    /// The vendor declares that constant without `as const` (`x-const-widened`), so its
    /// declared type is `string[]` and the type named after it is `string`. Only TypeScript
    /// declarations follow it; the contract (validators, Rust) keeps the listed values.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub const_widened: bool,
    pub shape: Shape,
}

/// The structure of a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Shape {
    /// Any JSON value (`{}` / `true`).
    Any,
    /// Exactly `null`.
    Null,
    Boolean,
    Integer(NumberRules),
    Number(NumberRules),
    String(StringRules),
    /// Exactly this JSON value (`const`).
    Const {
        value: serde_json::Value,
    },
    /// A named type; `args` are the generic arguments when the target has type parameters.
    Ref {
        name: TypeName,
        args: Vec<Shape>,
    },
    /// A use of a generic parameter of the enclosing [`TypeDef`].
    TypeParam {
        name: String,
    },
    /// `T | null` (`type: [T, "null"]` or an `anyOf` with a `null` branch).
    Nullable {
        inner: Box<Shape>,
    },
    Array(Box<ArrayShape>),
    /// A JSON object used as a map from string keys to values of one shape (`Record<string, V>`).
    Map(Box<MapShape>),
    /// A JSON object with declared fields.
    Object(ObjectShape),
    /// A closed set of string or integer literals.
    Enum(EnumShape),
    /// One of several shapes.
    Union(UnionShape),
}

impl Shape {
    /// The shapes directly inside this one, in source order: a reference's type arguments, a
    /// nullable's inner shape, an array's items, a map's values, an object's fields, a union's
    /// variants. Scalars, constants, enums and type parameters have none. Recursions that need
    /// no per-child context (a field's pointer, a variant's tag) walk the IR through this.
    pub fn children(&self) -> Vec<&Shape> {
        match self {
            Shape::Ref { args, .. } => args.iter().collect(),
            Shape::Nullable { inner } => vec![&**inner],
            Shape::Array(a) => vec![&a.items],
            Shape::Map(m) => vec![&m.values],
            Shape::Object(o) => o.fields.iter().map(|f| &f.shape).collect(),
            Shape::Union(u) => u.variants.iter().map(|v| &v.shape).collect(),
            Shape::Any
            | Shape::Null
            | Shape::Boolean
            | Shape::Integer(_)
            | Shape::Number(_)
            | Shape::String(_)
            | Shape::Const { .. }
            | Shape::TypeParam { .. }
            | Shape::Enum(_) => Vec::new(),
        }
    }

    /// The type parameters the shape uses, in order of first use, each once.
    pub fn type_params(&self) -> Vec<&str> {
        fn walk<'s>(shape: &'s Shape, out: &mut Vec<&'s str>) {
            if let Shape::TypeParam { name } = shape {
                if !out.contains(&name.as_str()) {
                    out.push(name);
                }
            }
            for child in shape.children() {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }
}

/// Bounds of a number or integer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberRules {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
}

/// Constraints on a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StringRules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// An ECMA-262 regular expression (the subset the validator supports is checked by `check`).
    pub pattern: Option<String>,
    /// `format`: an annotation only, never asserted.
    pub format: Option<String>,
    /// `x-personal`: the string holds personal data or a secret of this kind, so a recorder
    /// replaces it with a pseudonym before it leaves the page. Never asserted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalKind>,
}

/// What kind of personal data or secret a string holds (`x-personal`). The kind decides the
/// shape of its pseudonym, so a redacted value still looks like what it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PersonalKind {
    /// A phone number (`+1 555 0100`, a DNIS or ANI).
    Phone,
    /// An e-mail address.
    Email,
    /// A person's name or login name.
    Name,
    /// The subject line of an e-mail or a case.
    Subject,
    /// Free text a person wrote: chat messages, notes, descriptions.
    Text,
    /// A URL that may carry a token or a person's data (recording links, screen pops).
    Url,
    /// A credential: the integration key, a password, a token.
    Secret,
}

impl PersonalKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [PersonalKind; 7] = [
        PersonalKind::Phone,
        PersonalKind::Email,
        PersonalKind::Name,
        PersonalKind::Subject,
        PersonalKind::Text,
        PersonalKind::Url,
        PersonalKind::Secret,
    ];

    /// The spelling in the schema (`"phone"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalKind::Phone => "phone",
            PersonalKind::Email => "email",
            PersonalKind::Name => "name",
            PersonalKind::Subject => "subject",
            PersonalKind::Text => "text",
            PersonalKind::Url => "url",
            PersonalKind::Secret => "secret",
        }
    }

    /// The kind spelled `s`, if there is one.
    pub fn parse(s: &str) -> Option<PersonalKind> {
        PersonalKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArrayShape {
    pub items: Shape,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapShape {
    pub values: Shape,
    /// `propertyNames.pattern`, e.g. `^(0|[1-9][0-9]*)$` for `{ [key: number]: T }`.
    pub key_pattern: Option<String>,
}

/// What an object does with properties it does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UnknownFields {
    /// Accepted (the default for Agent Desktop data); `validate` warns.
    Open,
    /// `additionalProperties: false`: an error.
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectShape {
    /// In source order; fields inherited through `allOf` come first, in their base's order.
    pub fields: Vec<Field>,
    pub unknown: UnknownFields,
    /// Named types this object was flattened from through `allOf` (`ExternalKBArticleData` for
    /// `ExternalKBArticle`), so an emitter may write `Base & { … }`.
    pub extends: Vec<TypeName>,
}

/// A declared property of an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The exact wire name (`DNIS`, `type`, `dialpad-search`).
    pub name: String,
    /// Listed in `required`. Absent and `null` are different things: a required nullable field
    /// must be present and may be `null`; an optional field may be absent.
    pub required: bool,
    pub shape: Shape,
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumShape {
    pub values: Vec<EnumValue>,
}

/// One literal of an enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// A JSON string or integer.
    pub value: serde_json::Value,
    /// For named codes (`ResultErrorName`): the numeric code (`x-code`).
    pub code: Option<i64>,
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnionShape {
    pub variants: Vec<Variant>,
    /// The discriminating property when every variant is an object (directly or through a `Ref`)
    /// with a required property of that name holding a distinct `Const` (`type`, `status`,
    /// `success`). `None` for untagged unions (`InitialObjects`).
    pub tag: Option<String>,
    /// `oneOf` (exactly one branch must match) rather than `anyOf` (at least one).
    pub exclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub shape: Shape,
    /// The variant's tag value when [`UnionShape::tag`] is set (a string or a boolean).
    pub tag_value: Option<serde_json::Value>,
    pub meta: Meta,
}

/// Which of the two browser APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ApiId {
    /// API A: the Communicator Widget SDK, `new window.brightpattern.AdApi(options)`.
    Widget,
    /// API B: the Embedded Agent Desktop SDK, `window.bpspat.api`.
    Embedded,
}

/// How calls are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CallStyle {
    /// Every method returns `Promise<OperationResult<T>>`.
    Promise,
    /// Fire-and-forget calls; answers and events arrive as `{command, data, request_id}` messages.
    Callback,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Api {
    pub id: ApiId,
    pub title: String,
    /// How a page obtains the API (`new window.brightpattern.AdApi(options)`).
    pub entry: String,
    pub style: CallStyle,
    pub meta: Meta,
    /// Runtime constants the vendor's module exports with this API, in source order. In a
    /// [`Contract`] one name may appear with several ranges and one role with several names; a
    /// view keeps the constants of its version only, at most one per role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constants: Vec<Constant>,
    pub methods: Vec<Method>,
    pub events: Vec<Event>,
    /// The versions in which the vendor declares the answer lists (`requestResponseMessages`,
    /// `callbackResponseMessages`) as plain `string[]` rather than arrays of the answer names
    /// (`untypedAnswerLists` in the API description; in a view, present only if so declared in
    /// that version). Only TypeScript declarations follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untyped_answer_lists: Option<Meta>,
    /// Members of the API object that hold a browser object, not data (`properties` in the API
    /// description; in a view, those of its version). Only TypeScript declarations show them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
}

/// A member of an API object whose value is a browser (DOM) object, such as the widget client's
/// `adcFrame` (the iframe it talks to). It never travels on the wire, so it has no [`Shape`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The JavaScript member name.
    pub name: String,
    /// The DOM interface its value is an instance of (`HTMLIFrameElement`).
    pub dom_type: String,
    /// Whether it may also be `null`.
    pub nullable: bool,
    pub meta: Meta,
}

/// The answer suffix when a view declares no [`ConstantRole::ResponseSuffix`] constant: the
/// value the vendor has used in every version, so descriptions that predate the constants
/// list keep naming answers as before.
pub const DEFAULT_RESPONSE_SUFFIX: &str = "_RESPONSE";

impl Api {
    /// The constant with `role` (meaningful in a view, which has at most one per role).
    pub fn constant(&self, role: ConstantRole) -> Option<&Constant> {
        self.constants.iter().find(|c| c.role == Some(role))
    }

    /// What `<NAME>` is suffixed with to name its answer on the wire (`START_CALL_RESPONSE`).
    pub fn response_suffix(&self) -> &str {
        self.constant(ConstantRole::ResponseSuffix)
            .map_or(DEFAULT_RESPONSE_SUFFIX, |c| c.value.as_str())
    }
}

/// A runtime constant the vendor exports (`export const RESPONSE_SUFFIX = '_RESPONSE' as const`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constant {
    /// The exported name, exactly as the vendor spells it in this item's versions.
    pub name: String,
    pub value: String,
    /// What the value means to the protocol; consumers look constants up by role because the
    /// vendor renames them between versions.
    pub role: Option<ConstantRole>,
    pub meta: Meta,
}

/// What a [`Constant`]'s value means to the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConstantRole {
    /// Appended to a request's or an event's wire name to name its answer.
    ResponseSuffix,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Method {
    /// The JavaScript method name (`completeInteraction`).
    pub name: String,
    /// The wire message (`COMPLETE_INTERACTION`, or API B's `command`); empty for an API B
    /// method that sends no message (`init`), see [`Method::sends_message`].
    pub wire: String,
    pub params: Vec<Param>,
    /// API A: the `T` of `OperationResult<T>`. API B: the callback's payload, if any.
    pub result: Option<Shape>,
    /// API B: where the arguments travel in the message.
    pub wire_data: Option<WireData>,
    /// Error names (`ResultErrorName` values) the method is documented or inferred to return.
    pub errors: Vec<String>,
    pub meta: Meta,
}

impl Method {
    /// Whether calling the method posts a message. `wire` stays a plain string (empty = no
    /// message) because the generated Rust `Call` envelope names every call, `init` included.
    pub fn sends_message(&self) -> bool {
        !self.wire.is_empty()
    }
}

/// Where API B arguments travel in the `{command, data, request_id}` message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WireData {
    /// `data` is the argument of this parameter.
    Param(String),
    /// `data` is an object: wire key -> parameter name, in order.
    Object(Vec<(String, String)>),
    /// The arguments are top-level keys of the message itself, beside `command`, and the
    /// message has no `data`: wire key -> parameter name, in order.
    Message(Vec<(String, String)>),
}

/// A positional parameter of a method or of an event handler.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Param {
    pub name: String,
    pub optional: bool,
    pub shape: Shape,
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// API A: the `ON_…` name; API B: the documented registration method (`onAgentLogin`).
    pub name: String,
    /// The doc page's handler name (`onInteractionEnd` for `ON_INTERACTION_REMOVED`).
    pub handler: Option<String>,
    /// The vendor's handler type name (`OnInteractionRemovedHandler`).
    pub handler_type: Option<String>,
    /// API A: same as `name`; API B: the message's `command` (`LOGIN_CHANGED`).
    pub wire: String,
    pub params: Vec<Param>,
    /// `Some` when the handler must answer (`needResponse: true`); the answer's shape.
    pub response: Option<Shape>,
    /// The handler may give no answer at all (`undefined` / `void` in the vendor's types) besides
    /// [`Event::response`]; on the wire an absent answer or `null`.
    #[serde(default)]
    pub response_optional: bool,
    pub meta: Meta,
}

impl Contract {
    /// The index of a version id, if known.
    pub fn version_index(&self, id: &str) -> Option<usize> {
        self.versions.iter().position(|v| v.id == id)
    }

    /// The newest version's id.
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }
}

impl TypeDef {
    /// The default of generic parameter `i`, if it declares one.
    pub fn type_param_default(&self, i: usize) -> Option<&Shape> {
        self.type_param_defaults.get(i).and_then(Option::as_ref)
    }
}

impl Ir {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(name)
    }

    pub fn api(&self, id: ApiId) -> Option<&Api> {
        self.apis.iter().find(|a| a.id == id)
    }

    /// Follows `Ref`s (without generic substitution) to the shape they name.
    pub fn resolve<'a>(&'a self, shape: &'a Shape) -> &'a Shape {
        let mut current = shape;
        // Bounded: a cycle of plain aliases is rejected by `check`, but never trust that here.
        for _ in 0..=self.types.len() {
            match current {
                Shape::Ref { name, .. } => match self.types.get(name) {
                    Some(def) => current = &def.shape,
                    None => return current,
                },
                _ => return current,
            }
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_ranges_are_half_open() {
        let a = Availability {
            since: Some(1),
            until: Some(2),
            deprecated: None,
        };
        assert!(!a.contains(0));
        assert!(a.contains(1));
        assert!(!a.contains(2));
        let always = Availability::default();
        assert!((0..5).all(|v| always.contains(v)));
        let b = Availability {
            since: Some(2),
            until: None,
            deprecated: Some(2),
        };
        assert!(!a.overlaps(&b, 3));
        assert!(b.is_deprecated_in(2) && !b.is_deprecated_in(1));
    }
}
