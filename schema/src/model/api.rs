//! The API description document (`agent-desktop.api.json`) as Rust types.
//!
//! These types are the format's definition: `load` deserializes into them (rejecting unknown
//! keys), and [`meta_schema`] generates the document's JSON Schema from them, so the doc comments
//! below are the descriptions a reader of the meta-schema sees.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The API description: versions, both browser APIs, their methods and events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiDocument {
    /// The meta-schema this document follows (informative).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A remark for the reader; ignored.
    #[serde(rename = "$comment", default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Version of this file format; always 1.
    pub format: u32,
    /// The types file, relative to this file (`agent-desktop.types.json`).
    pub types: String,
    /// Every known version, oldest first.
    pub versions: Vec<VersionEntry>,
    /// The browser APIs described.
    pub apis: Vec<ApiEntry>,
}

/// One version of the APIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VersionEntry {
    /// The identifier used in version ranges (`5.19`, `5.24`, `latest`).
    pub id: String,
    /// A human-readable label (`5.19.99 Carina`).
    pub label: String,
    /// Release date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The vendor commit the version's facts were taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Which browser API an entry describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ApiIdEntry {
    /// API A: the Communicator Widget SDK.
    Widget,
    /// API B: the Embedded Agent Desktop SDK.
    Embedded,
}

/// How an API answers calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum StyleEntry {
    /// Methods return `Promise<OperationResult<T>>`.
    Promise,
    /// Fire-and-forget messages; answers arrive through callbacks.
    Callback,
}

/// What kind of remark a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NoteKindEntry {
    /// The doc pages and the vendor types disagree.
    Disagreement,
    /// Deduced; no source states it.
    Inferred,
    /// A quirk of the vendor API.
    Quirk,
}

/// A remark recorded with an item (`x-notes` in the types file, `notes` here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteEntry {
    pub kind: NoteKindEntry,
    /// What the sources say.
    pub text: String,
    /// What adcontract decided, for a disagreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SourceEntry {
    /// A help page.
    #[serde(rename = "doc")]
    Doc,
    /// The vendor's TypeScript types.
    #[serde(rename = "types")]
    Types,
    /// Both agree.
    #[serde(rename = "doc+types")]
    DocTypes,
    /// Deduced by adcontract.
    #[serde(rename = "inferred")]
    Inferred,
}

/// One browser API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiEntry {
    pub id: ApiIdEntry,
    pub title: String,
    /// How a page obtains the API.
    pub entry: String,
    pub style: StyleEntry,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
    /// Runtime constants the vendor's module exports with this API, each with the version range
    /// in which it is exported under that name (`responseSuffix` until 5.24, `RESPONSE_SUFFIX`
    /// from 5.24 on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constants: Vec<ConstantEntry>,
    /// The versions (`since`/`until`) in which the vendor declares the answer lists
    /// (`requestResponseMessages`, `callbackResponseMessages`) as plain `string[]`, built by
    /// string concatenation, instead of arrays of the answer names. Absent = never. Only
    /// TypeScript declarations follow it; record why in `notes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub untyped_answer_lists: Option<QuirkEntry>,
    /// Members of the API object that hold a browser object rather than data (the widget
    /// client's `adcFrame`), each in the versions the vendor declares it. Nothing travels on
    /// the wire; only TypeScript declarations show them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyEntry>,
    #[serde(default)]
    pub methods: Vec<MethodEntry>,
    #[serde(default)]
    pub events: Vec<EventEntry>,
}

/// A quirk of the vendor's declarations that holds in a range of versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuirkEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// A member of the API object holding a browser (DOM) object, e.g.
/// `{ "name": "adcFrame", "domType": "HTMLIFrameElement", "nullable": true, "until": "latest" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PropertyEntry {
    /// The member's JavaScript name (`adcFrame`).
    pub name: String,
    /// The name of the DOM interface its value is an instance of (`HTMLIFrameElement`). A DOM
    /// object is no JSON value, so it has no schema.
    pub dom_type: String,
    /// Whether the member may also hold `null`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// A method of an API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MethodEntry {
    /// The JavaScript method name (`completeInteraction`).
    pub name: String,
    /// The wire message (`COMPLETE_INTERACTION`; API B: the `command`). API B only: the empty
    /// string for a method that sends no message at all (`init`).
    pub wire: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Positional parameters, in order.
    #[serde(default)]
    pub params: Vec<ParamEntry>,
    /// A JSON Schema fragment: API A the `T` of `OperationResult<T>`; API B the callback's payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<serde_json::Value>,
    /// API B: how the arguments become the message's `data` (or, with `wireDataIn: "message"`,
    /// top-level keys of the message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire_data: Option<WireDataEntry>,
    /// API B, with an object `wireData`: where its keys are written. Absent = `"data"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire_data_in: Option<WireDataInEntry>,
    /// `ResultErrorName` values the method may fail with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// An event an API emits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventEntry {
    /// API A: the `ON_…` name; API B: the registration method (`onAgentLogin`).
    pub name: String,
    /// The doc page's handler name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// The vendor's handler type name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler_type: Option<String>,
    /// API B: the message's `command`. API A: defaults to `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The handler's parameters, in order.
    #[serde(default)]
    pub params: Vec<ParamEntry>,
    /// A JSON Schema fragment: present when the handler must answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<serde_json::Value>,
    /// With `response`: the handler may also give no answer at all (the vendor's
    /// `X | undefined | void`); on the wire the answer is then absent or `null`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub response_optional: bool,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// A positional parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ParamEntry {
    pub name: String,
    /// Whether the argument may be omitted.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// A JSON Schema fragment in the types file's subset; `$ref`s point into the types file.
    pub schema: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// A runtime constant the vendor exports (`export const RESPONSE_SUFFIX = '_RESPONSE' as const`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConstantEntry {
    /// The exported name, spelled exactly as the vendor does in the versions of this entry.
    pub name: String,
    /// The value; emitters write it as a literal (`as const`).
    pub value: String,
    /// What the value means to the protocol. Tools find a constant by its role, never by its
    /// name, because the vendor renames constants between versions. Absent = exported only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ConstantRoleEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// First version that has the item (inclusive); absent = the first version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// First version that no longer has it (exclusive); absent = still present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// First version in which it is deprecated (it still exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceEntry>,
}

/// What a constant's value means to the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ConstantRoleEntry {
    /// Appended to a request's or an event's wire name to name its answer (`START_CALL` ->
    /// `START_CALL_RESPONSE`). At most one per version; when an API declares one in some version
    /// it must declare one in every version it exists in.
    ResponseSuffix,
}

/// API B: where the keys of an object `wireData` are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum WireDataInEntry {
    /// Inside the message's `data` object: `{command, data: {state, reason}, request_id}`.
    Data,
    /// At the top level of the message, beside `command` (the message has no `data`):
    /// `{command, item_id, code, request_id}`.
    Message,
}

/// API B: how arguments become `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WireDataEntry {
    /// `data` is the argument of this parameter.
    Param(String),
    /// `data` is an object: wire key -> parameter name.
    Object(OrderedStringMap),
}

/// A JSON object of strings whose key order is kept (wire key order matters to emitters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderedStringMap(pub Vec<(String, String)>);

impl Serialize for OrderedStringMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for OrderedStringMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OrderedStringMap;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object whose values are parameter names")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(OrderedStringMap(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl JsonSchema for OrderedStringMap {
    fn schema_name() -> Cow<'static, str> {
        "OrderedStringMap".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Wire key -> parameter name, in the order the keys are written.",
            "additionalProperties": { "type": "string" }
        })
    }
}

/// The JSON Schema of the API description, generated from the types above.
pub fn meta_schema() -> serde_json::Value {
    schemars::schema_for!(ApiDocument).to_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_schema_snapshot() {
        // Kept with the crate's other top-level snapshots, where docs/schema-format.md points.
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!("api_meta_schema", meta_schema());
        });
    }

    #[test]
    fn wire_data_object_keeps_key_order() {
        let w: WireDataEntry = serde_json::from_str(r#"{"z": "a", "b": "c"}"#).unwrap();
        assert_eq!(
            w,
            WireDataEntry::Object(OrderedStringMap(vec![
                ("z".into(), "a".into()),
                ("b".into(), "c".into())
            ]))
        );
        assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"z":"a","b":"c"}"#);
    }
}
