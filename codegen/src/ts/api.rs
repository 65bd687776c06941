//! The API surface: API A's constants, handler types and `AgentDesktopClientAPI`; API B's
//! `EmbeddedAgentDesktopAPI` and callback table; each API's event argument map; the opt-in
//! `Window` augmentation.
//!
//! Everything here is derived from the view's API data: the message lists from the methods'
//! and events' wire names, `needResponse` from whether an event has a response, the handler
//! return types from the responses, the exported constants (and the answer suffix, by its role)
//! from the API's constants. Only the promise style's own conventions are fixed: results wrapped
//! in `OperationResult<T>`, handlers that may answer synchronously or with a promise
//! (`SyncAsyncResult<T>`), and a message logger.

use adcontract_schema::ir::{Api, ApiId, CallStyle, Event, Meta, Param, Shape};

use super::Gen;
use super::names::{const_name, param_name, pascal, property_key, type_name};
use super::text::{doc_lines, js_string, jsdoc};
use crate::scope::{Origin, Scope};

/// The promise style's result wrapper (the vendor's name; the Rust emitter looks it up too).
pub(crate) const OPERATION_RESULT: &str = "OperationResult";

const WIDGET_TYPES: &[&str] = &[
    "SyncAsyncResult",
    "MessageLogger",
    "CallbackMessage",
    "RequestMessage",
    "CallbackMessageWithResponse",
    "CallbackResponseMessage",
    "RequestResponseMessage",
    "CallbackMethodsReturnTypeMap",
    "AgentDesktopClientAPI",
    "AgentDesktopClientAPIConstructor",
    WIDGET_EVENT_ARGS,
];
const WIDGET_VALUES: &[&str] = &[
    "requestMessages",
    "callbackMessages",
    "requestResponseMessages",
    "callbackResponseMessages",
];
const EMBEDDED_TYPES: &[&str] = &["EmbeddedAgentDesktopAPI", EMBEDDED_EVENT_ARGS];
const EMBEDDED_VALUES: &[&str] = &[EMBEDDED_CALLBACKS];
/// adcontract's own exports are not vendor names: they start with `Contract` / `contract`, like
/// `ContractTypeName` (docs/typescript-bindings.md, "Names the package adds").
const WIDGET_EVENT_ARGS: &str = "ContractWidgetEventArgs";
const EMBEDDED_EVENT_ARGS: &str = "ContractEmbeddedEventArgs";
const EMBEDDED_CALLBACKS: &str = "contractEmbeddedCallbacks";
/// How a member holding a DOM object is typed: the DOM library's interface of that name when
/// the program has the DOM library, else `unknown`. The vendor's file names the DOM type itself
/// and so compiles only with the DOM library; the package also serves node programs (the
/// conformance harness), which have none.
const DOM_TYPE: &str = "ContractDomType";
/// API B's message envelope; the schema usually defines it (`EmbeddedMessage<T>`), else it is
/// synthesized with the same shape.
const EMBEDDED_MESSAGE: &str = "EmbeddedMessage";

/// The vendor's helper types that a view's schema may or may not define itself.
const OPTIONAL_WIDGET_TYPES: &[&str] = &["InitOptions", "ResultStatus", OPERATION_RESULT];

impl Gen<'_> {
    pub(crate) fn claim_api_names(&mut self, api: &Api) {
        let generated = |n: &str| {
            Origin::new(
                format!("(generated `{n}` for {})", api.title),
                api.meta.pointer.clone(),
            )
        };
        let (tys, vals): (&[&str], &[&str]) = match api.style {
            CallStyle::Promise => (WIDGET_TYPES, WIDGET_VALUES),
            CallStyle::Callback => (EMBEDDED_TYPES, EMBEDDED_VALUES),
        };
        for t in tys {
            self.claim_type(t, generated(t));
        }
        if api.style == CallStyle::Callback && !self.ir.types.contains_key(EMBEDDED_MESSAGE) {
            self.claim_type(EMBEDDED_MESSAGE, generated(EMBEDDED_MESSAGE));
        }
        for v in vals {
            self.claim_value(v, generated(v));
        }
        for c in &api.constants {
            self.claim_value(
                &const_name(&c.name),
                Origin::new(c.name.clone(), c.meta.pointer.clone()),
            );
        }
        if api.style == CallStyle::Promise {
            for t in OPTIONAL_WIDGET_TYPES {
                if !self.ir.types.contains_key(*t) {
                    self.claim_type(t, generated(t));
                }
            }
            for e in &api.events {
                let h = handler_type_name(e);
                self.claim_type(
                    &h,
                    Origin::new(format!("handler of {}", e.name), e.meta.pointer.clone()),
                );
            }
        }
        if !api.properties.is_empty() && !self.dom_type_claimed {
            self.dom_type_claimed = true;
            self.claim_type(DOM_TYPE, generated(DOM_TYPE));
        }
        // Members of the interface and parameters of each method.
        let mut members = Scope::typescript("method");
        let mut sink = Vec::new();
        for p in &api.properties {
            members.claim(
                &p.name,
                Origin::new(p.name.clone(), p.meta.pointer.clone()),
                &mut sink,
            );
        }
        if api.style == CallStyle::Promise {
            for fixed in ["on", "remove", "injectMessageLogger"] {
                members.claim(fixed, generated(fixed), &mut sink);
            }
        }
        for m in &api.methods {
            members.claim(
                &m.name,
                Origin::new(m.name.clone(), m.meta.pointer.clone()),
                &mut sink,
            );
            self.claim_params(
                &m.params,
                api.style == CallStyle::Callback && m.result.is_some(),
                &mut sink,
            );
        }
        for e in &api.events {
            if api.style == CallStyle::Callback {
                members.claim(
                    &e.name,
                    Origin::new(e.name.clone(), e.meta.pointer.clone()),
                    &mut sink,
                );
            }
            self.claim_params(&e.params, false, &mut sink);
        }
        self.collisions.extend(sink);
    }

    fn claim_params(&self, params: &[Param], callback: bool, sink: &mut Vec<super::Collision>) {
        let mut scope = Scope::typescript("parameter");
        if callback {
            scope.claim(
                "callback",
                Origin::new("(generated `callback`)", "(generated)"),
                sink,
            );
        }
        for p in params {
            scope.claim(
                &param_name(&p.name),
                Origin::new(p.name.clone(), p.meta.pointer.clone()),
                sink,
            );
        }
    }

    /// `(a: A, b?: B)`: a parameter is optional only when every later one is too (TypeScript
    /// forbids a required parameter after an optional one); an optional one before a required
    /// one is written `T | undefined`.
    fn param_list(&self, params: &[Param], indent: &str) -> String {
        self.params_before(params, indent, false)
    }

    /// [`Gen::param_list`] for parameters that may be followed by a required one (API B's
    /// callback), which makes every optional one `T | undefined`.
    fn params_before(&self, params: &[Param], indent: &str, required_after: bool) -> String {
        self.params_as(params, indent, required_after, "")
    }

    /// The elements of a labelled tuple with the parameters' types. An optional parameter takes
    /// `undefined`, and with `exactOptionalPropertyTypes` an optional tuple element does not
    /// unless it says so.
    fn tuple_elements(&self, params: &[Param], indent: &str) -> String {
        self.params_as(params, indent, false, " | undefined")
    }

    fn params_as(
        &self,
        params: &[Param],
        indent: &str,
        required_after: bool,
        trailing_optional: &str,
    ) -> String {
        let mut out = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let rest_optional = !required_after && params.iter().skip(i).all(|q| q.optional);
            let ty = self.ty(&p.shape, indent);
            let n = param_name(&p.name);
            out.push(match (p.optional, rest_optional) {
                (true, true) => format!("{n}?: {ty}{trailing_optional}"),
                (true, false) => format!("{n}: {ty} | undefined"),
                _ => format!("{n}: {ty}"),
            });
        }
        out.join(", ")
    }

    fn member_doc(&self, indent: &str, meta: &Meta, extra: &[String], params: &[Param]) -> String {
        let mut prose = self.prose(meta);
        if !extra.is_empty() {
            if !prose.is_empty() {
                prose.push(String::new());
            }
            prose.extend(extra.iter().cloned());
        }
        let mut tags = Vec::new();
        for p in params {
            let d = p
                .meta
                .description
                .as_deref()
                .map(doc_lines)
                .unwrap_or_default();
            if !d.is_empty() {
                tags.push(format!("@param {} {}", param_name(&p.name), d.join(" ")));
            }
        }
        if meta.deprecated {
            tags.push("@deprecated".into());
        }
        jsdoc(indent, &prose, &tags)
    }

    /// `ContractDomType<Name>`, once, when some API has a member holding a DOM object.
    pub(crate) fn dom_type_d_ts(&self, d: &mut String) {
        if !self.dom_type_claimed {
            return;
        }
        d.push_str(&jsdoc(
            "",
            &[
                "The DOM library's interface `Name` (`HTMLIFrameElement`) where the program has the DOM library (`\"lib\": [\"dom\"]`), else `unknown`.".into(),
                String::new(),
                "Not in the vendor's file, which names the DOM type directly and so needs the DOM library: this package also serves programs without it.".into(),
            ],
            &[],
        ));
        d.push_str(&format!("export type {DOM_TYPE}<Name extends string> = typeof globalThis extends {{ [K in Name]: {{ prototype: infer T }} }} ? T : unknown;\n\n"));
    }

    /// The interface members holding DOM objects (`adcFrame: ContractDomType<...> | null;`).
    fn properties_d_ts(&self, api: &Api, d: &mut String) {
        for p in &api.properties {
            d.push_str(&self.member_doc("  ", &p.meta, &[], &[]));
            let null = if p.nullable { " | null" } else { "" };
            d.push_str(&format!(
                "  {}: {DOM_TYPE}<{}>{null};\n",
                property_key(&p.name),
                js_string(&p.dom_type)
            ));
        }
    }

    /// The handler's answer type; `X | undefined | void` when the answer may be left out (the
    /// vendor's spelling, so that a handler returning nothing type-checks).
    fn response_type(&self, e: &Event) -> Option<String> {
        e.response.as_ref().map(|r| {
            let t = self.ty(r, "");
            if e.response_optional {
                format!("{t} | undefined | void")
            } else {
                t
            }
        })
    }

    pub(crate) fn widget_d_ts(&self, api: &Api, d: &mut String) {
        d.push_str(&format!(
            "// ---- {} ----\n\n",
            super::text::one_line(&api.title)
        ));
        let requests = dedup(api.methods.iter().map(|m| m.wire.clone()));
        let events: Vec<&Event> = api.events.iter().collect();
        let with_response: Vec<&Event> = events
            .iter()
            .copied()
            .filter(|e| e.response.is_some())
            .collect();

        if !self.ir.types.contains_key(OPERATION_RESULT) {
            d.push_str("/** What every request resolves to (it never rejects). */\n");
            d.push_str("export type OperationResult<ReturnType = null> =\n  | { status: \"success\"; data: ReturnType }\n  | { status: \"error\"; error: { code: number; name: string; message?: string } };\n\n");
        }
        if !self.ir.types.contains_key("ResultStatus") {
            let tags = self.result_status_tags();
            if !tags.is_empty() {
                d.push_str(&format!("/** The `status` of an `OperationResult`. */\nexport type ResultStatus = {};\n\n", tags.join(" | ")));
            }
        }
        d.push_str("/** A handler's answer: the value itself or a promise of it. */\nexport type SyncAsyncResult<ReturnType = void> = ReturnType | Promise<ReturnType>;\n\n");
        d.push_str("/** Receives every inbound and outbound protocol message (`injectMessageLogger`). */\nexport type MessageLogger = (message: string, data: any) => void;\n\n");
        if !self.ir.types.contains_key("InitOptions") {
            d.push_str("/** Options of the client constructor (not described by this schema). */\nexport type InitOptions = Record<string, any>;\n\n");
        }

        // Constants.
        d.push_str("/** The request messages (one per method). */\n");
        d.push_str(&format!(
            "export declare const requestMessages: readonly [{}];\n",
            lits(&requests)
        ));
        d.push_str("export type RequestMessage = typeof requestMessages[number];\n\n");
        self.constants_d_ts(api, d);
        let suffix = api.response_suffix();
        let req_resp: Vec<String> = requests.iter().map(|r| format!("{r}{suffix}")).collect();
        // The vendor builds the answer lists at runtime (`.map`, `typedKeys`), so they are
        // mutable arrays: of the answer names, or (`untyped_answer_lists`) of plain strings.
        let (req_elem, cb_elem) = match &api.untyped_answer_lists {
            Some(_) => ("string", "string"),
            None => ("RequestResponseMessage", "CallbackResponseMessage"),
        };
        d.push_str("/** The answers to the requests (`<REQUEST>` plus the answer suffix). */\n");
        d.push_str(&format!(
            "export type RequestResponseMessage = {};\n",
            union_or_never(&req_resp)
        ));
        d.push_str(&self.answer_list_doc(api, "requests"));
        d.push_str(&format!(
            "export declare const requestResponseMessages: {req_elem}[];\n\n"
        ));
        d.push_str("/** The events, each saying whether its handler must answer. */\n");
        if events.is_empty() {
            d.push_str("export declare const callbackMessages: {};\n");
        } else {
            d.push_str("export declare const callbackMessages: {\n");
            for e in &events {
                d.push_str(&format!(
                    "  readonly {}: {{ readonly needResponse: {} }};\n",
                    property_key(&e.wire),
                    e.response.is_some()
                ));
            }
            d.push_str("};\n");
        }
        d.push_str("export type CallbackMessage = keyof typeof callbackMessages;\n");
        let wr: Vec<String> = with_response.iter().map(|e| e.wire.clone()).collect();
        d.push_str(&format!("/** The events whose handler must answer. */\nexport type CallbackMessageWithResponse = {};\n", union_or_never(&wr)));
        let cb_resp: Vec<String> = wr.iter().map(|w| format!("{w}{suffix}")).collect();
        d.push_str(&format!(
            "/** The answers to those events. */\nexport type CallbackResponseMessage = {};\n",
            union_or_never(&cb_resp)
        ));
        d.push_str(&self.answer_list_doc(api, "events that expect one"));
        d.push_str(&format!(
            "export declare const callbackResponseMessages: {cb_elem}[];\n\n"
        ));

        // Handlers.
        for e in &events {
            let doc = self.member_doc(
                "",
                &e.meta,
                &[format!("Handler of `{}`.", super::text::one_line(&e.wire))],
                &e.params,
            );
            d.push_str(&doc);
            let ret = self
                .response_type(e)
                .map(|r| format!("SyncAsyncResult<{r}>"))
                .unwrap_or_else(|| "SyncAsyncResult".into());
            d.push_str(&format!(
                "export type {} = ({}) => {ret};\n\n",
                handler_type_name(e),
                self.param_list(&e.params, "")
            ));
        }
        d.push_str("/** What each event's handler returns. */\n");
        if events.is_empty() {
            d.push_str("export type CallbackMethodsReturnTypeMap = {};\n\n");
        } else {
            d.push_str("export type CallbackMethodsReturnTypeMap = {\n");
            for e in &events {
                d.push_str(&format!(
                    "  {}: {};\n",
                    property_key(&e.wire),
                    self.response_type(e).unwrap_or_else(|| "void".into())
                ));
            }
            d.push_str("};\n\n");
        }

        self.event_args_d_ts(
            WIDGET_EVENT_ARGS,
            &events,
            |e| &e.wire,
            "as its handler receives them (`on`)",
            d,
        );

        // The client.
        let mut prose = self.prose(&api.meta);
        prose.push(format!(
            "Obtained with `{}`.",
            super::text::one_line(&api.entry)
        ));
        d.push_str(&jsdoc("", &prose, &[]));
        d.push_str("export interface AgentDesktopClientAPI {\n");
        self.properties_d_ts(api, d);
        d.push_str("  /** Receives every inbound and outbound protocol message. */\n  injectMessageLogger(callback: MessageLogger): void;\n");
        for m in &api.methods {
            let mut extra = vec![format!(
                "Wire message: `{}`.",
                super::text::one_line(&m.wire)
            )];
            if !m.errors.is_empty() {
                extra.push(format!(
                    "Errors: {}.",
                    m.errors
                        .iter()
                        .map(|e| format!("`{}`", super::text::one_line(e)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            d.push_str(&self.member_doc("  ", &m.meta, &extra, &m.params));
            let r = m
                .result
                .as_ref()
                .map_or_else(|| "null".to_owned(), |r| self.ty(r, "  "));
            d.push_str(&format!(
                "  {}({}): Promise<OperationResult<{r}>>;\n",
                property_key(&m.name),
                self.param_list(&m.params, "  ")
            ));
        }
        for verb in ["on", "remove"] {
            for e in &events {
                let what = if verb == "on" { "Registers" } else { "Removes" };
                let mut tags = Vec::new();
                if e.meta.deprecated {
                    tags.push("@deprecated".to_owned());
                }
                d.push_str(&jsdoc(
                    "  ",
                    &[format!(
                        "{what} a handler of `{}`.",
                        super::text::one_line(&e.wire)
                    )],
                    &tags,
                ));
                d.push_str(&format!(
                    "  {verb}(message: {}, handler: {}): void;\n",
                    js_string(&e.wire),
                    handler_type_name(e)
                ));
            }
        }
        d.push_str("}\n\n");
        d.push_str(&jsdoc(
            "",
            &[format!(
                "The constructor of the client (`{}`).",
                super::text::one_line(&api.entry)
            )],
            &[],
        ));
        d.push_str("export interface AgentDesktopClientAPIConstructor {\n  new (options?: InitOptions): AgentDesktopClientAPI;\n}\n\n");
    }

    /// The doc comment of an answer list: what it holds and, where the vendor declares it as
    /// `string[]`, the schema's reason.
    fn answer_list_doc(&self, api: &Api, of: &str) -> String {
        let mut prose = vec![format!(
            "The answer names of the {of}, in order (a mutable array, as the vendor builds it)."
        )];
        if let Some(m) = &api.untyped_answer_lists {
            prose
                .push("Declared `string[]`, as the vendor's file of this version does.".to_owned());
            prose.extend(self.prose(m));
        }
        jsdoc("", &prose, &[])
    }

    /// The tag values of `OperationResult`'s variants, as literal types.
    fn result_status_tags(&self) -> Vec<String> {
        match self.ir.types.get(OPERATION_RESULT).map(|d| &d.shape) {
            Some(Shape::Union(u)) if u.tag.is_some() => u
                .variants
                .iter()
                .filter_map(|v| v.tag_value.as_ref())
                .map(|t| super::types::literal_type(t).0)
                .collect(),
            Some(_) => Vec::new(),
            None => vec!["\"success\"".into(), "\"error\"".into()],
        }
    }

    /// The view's constants of one API, each under the name it has in this version.
    fn constants_d_ts(&self, api: &Api, d: &mut String) {
        for c in &api.constants {
            d.push_str(&self.member_doc("", &c.meta, &[], &[]));
            d.push_str(&format!(
                "export declare const {}: {};\n",
                const_name(&c.name),
                js_string(&c.value)
            ));
        }
        if !api.constants.is_empty() {
            d.push('\n');
        }
    }

    pub(crate) fn constants_js(&self, api: &Api, j: &mut String) {
        for c in &api.constants {
            j.push_str(&format!(
                "export const {} = {};\n",
                const_name(&c.name),
                js_string(&c.value)
            ));
        }
    }

    pub(crate) fn widget_js(&self, api: &Api, j: &mut String) {
        let requests = dedup(api.methods.iter().map(|m| m.wire.clone()));
        j.push_str(&format!(
            "export const requestMessages = $deepFreeze([{}]);\n",
            lits(&requests)
        ));
        self.constants_js(api, j);
        let suffix = api.response_suffix();
        let req_resp: Vec<String> = requests.iter().map(|r| format!("{r}{suffix}")).collect();
        // Mutable, as the vendor's (built with `.map`).
        j.push_str(&format!(
            "export const requestResponseMessages = [{}];\n",
            lits(&req_resp)
        ));
        j.push_str("export const callbackMessages = $deepFreeze({\n");
        for e in &api.events {
            j.push_str(&format!(
                "  {}: {{ needResponse: {} }},\n",
                object_key(&e.wire),
                e.response.is_some()
            ));
        }
        j.push_str("});\n");
        let cb_resp: Vec<String> = api
            .events
            .iter()
            .filter(|e| e.response.is_some())
            .map(|e| format!("{}{suffix}", e.wire))
            .collect();
        j.push_str(&format!(
            "export const callbackResponseMessages = [{}];\n\n",
            lits(&cb_resp)
        ));
    }

    pub(crate) fn embedded_d_ts(&self, api: &Api, d: &mut String) {
        d.push_str(&format!(
            "// ---- {} ----\n\n",
            super::text::one_line(&api.title)
        ));
        self.constants_d_ts(api, d);
        let envelope = match self.ir.types.get(EMBEDDED_MESSAGE) {
            Some(def) if def.type_params.len() == 1 => self
                .type_names
                .get(EMBEDDED_MESSAGE)
                .cloned()
                .unwrap_or_default(),
            Some(_) => String::new(),
            None => {
                d.push_str(
                    "/** A message of the embedded API: `{command, data, request_id}`. */\n",
                );
                d.push_str("export type EmbeddedMessage<T = unknown> = {\n  command: string;\n  data: T;\n  request_id?: string;\n};\n\n");
                EMBEDDED_MESSAGE.to_owned()
            }
        };
        // The schema's own envelope when it is generic in its data, else a plain one.
        let message = |data: String| {
            if envelope.is_empty() {
                format!("{{ command: string; data: {data}; request_id?: string }}")
            } else {
                format!("{envelope}<{data}>")
            }
        };
        let mut prose = self.prose(&api.meta);
        prose.push(format!(
            "Obtained as `{}`.",
            super::text::one_line(&api.entry)
        ));
        d.push_str(&jsdoc("", &prose, &[]));
        d.push_str("export interface EmbeddedAgentDesktopAPI {\n");
        self.properties_d_ts(api, d);
        for m in &api.methods {
            let extra = wire_note("Command", &m.wire);
            d.push_str(&self.member_doc("  ", &m.meta, &extra, &m.params));
            let mut ps = self.params_before(&m.params, "  ", m.result.is_some());
            if let Some(r) = &m.result {
                let cb = format!("callback: (message: {}) => void", message(self.ty(r, "  ")));
                ps = if ps.is_empty() {
                    cb
                } else {
                    format!("{ps}, {cb}")
                };
            }
            d.push_str(&format!("  {}({ps}): void;\n", property_key(&m.name)));
        }
        for e in &api.events {
            let extra = wire_note("Command", &e.wire);
            d.push_str(&self.member_doc("  ", &e.meta, &extra, &[]));
            let data = match e.params.as_slice() {
                [] => "undefined".to_owned(),
                [p] => self.ty(&p.shape, "  "),
                many => format!(
                    "[{}]",
                    many.iter()
                        .map(|p| self.ty(&p.shape, "  "))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            d.push_str(&format!(
                "  {}(callback: (message: {}) => void): void;\n",
                property_key(&e.name),
                message(data)
            ));
        }
        d.push_str("}\n\n");
        let events: Vec<&Event> = api.events.iter().collect();
        self.event_args_d_ts(
            EMBEDDED_EVENT_ARGS,
            &events,
            |e| &e.name,
            "keyed by the member that registers the event's handler, which gets them as its message's `data` (one argument as is, several as an array, none as `undefined`)",
            d,
        );
        d.push_str(&jsdoc(
            "",
            &[
                "Where each method of `EmbeddedAgentDesktopAPI` takes its callback: the index of the callback parameter, or `null` for a method that answers nothing. Every method is listed.".into(),
                String::new(),
                "Not in the vendor's file: for code that calls the methods generically, such as the conformance harness (a callback goes after the method's last parameter, missing optional arguments are passed as `undefined`).".into(),
            ],
            &[],
        ));
        let table = callback_table(api);
        if table.is_empty() {
            d.push_str(&format!(
                "export declare const {EMBEDDED_CALLBACKS}: {{}};\n\n"
            ));
        } else {
            d.push_str(&format!("export declare const {EMBEDDED_CALLBACKS}: {{\n"));
            for (name, at) in &table {
                let at = at.map_or_else(|| "null".to_owned(), |i| i.to_string());
                d.push_str(&format!("  readonly {}: {at};\n", property_key(name)));
            }
            d.push_str("};\n\n");
        }
    }

    /// The constants and the callback table of a callback-style API.
    pub(crate) fn embedded_js(&self, api: &Api, j: &mut String) {
        self.constants_js(api, j);
        j.push_str(&format!(
            "export const {EMBEDDED_CALLBACKS} = $deepFreeze({{\n"
        ));
        for (name, at) in callback_table(api) {
            let at = at.map_or_else(|| "null".to_owned(), |i| i.to_string());
            j.push_str(&format!("  {}: {at},\n", object_key(name)));
        }
        j.push_str("});\n\n");
    }

    /// `export type <name> = { <event>: [<param>: <T>, ...]; ... }`: each event's arguments in
    /// order, with the labels and optional elements of the handler's parameter list.
    fn event_args_d_ts<'e>(
        &self,
        name: &str,
        events: &[&'e Event],
        key: impl Fn(&'e Event) -> &'e str,
        how: &str,
        d: &mut String,
    ) {
        d.push_str(&jsdoc(
            "",
            &[
                format!("Each event's arguments, in order, {how}."),
                String::new(),
                "Not in the vendor's file: for code that raises events, such as a fake desktop under the conformance harness (its typed `emit`).".into(),
            ],
            &[],
        ));
        if events.is_empty() {
            d.push_str(&format!("export type {name} = {{}};\n\n"));
            return;
        }
        d.push_str(&format!("export type {name} = {{\n"));
        for e in events {
            d.push_str(&format!(
                "  {}: [{}];\n",
                property_key(key(e)),
                self.tuple_elements(&e.params, "  ")
            ));
        }
        d.push_str("};\n\n");
    }

    /// `global.d.ts` / `global.js`: `Window` members at the APIs' entry paths.
    pub(crate) fn global_files(&self, settings: &super::TsSettings) -> (String, String) {
        let mut members: Vec<(Vec<String>, &str)> = Vec::new();
        for api in &self.ir.apis {
            let Some(path) = entry_path(&api.entry) else {
                continue;
            };
            let ty = match (api.id, api.style) {
                (ApiId::Widget, CallStyle::Promise) | (_, CallStyle::Promise) => {
                    "AgentDesktopClientAPIConstructor"
                }
                _ => "EmbeddedAgentDesktopAPI",
            };
            members.push((path, ty));
        }
        let mut imports: Vec<&str> = members.iter().map(|(_, t)| *t).collect();
        imports.sort_unstable();
        imports.dedup();
        let mut d = self.header(settings, "//");
        d.push_str(
            "// Opt-in: `import \"<this package>/global\"` declares the APIs on `window`.\n\n",
        );
        if !imports.is_empty() {
            d.push_str(&format!(
                "import type {{ {} }} from \"./index.js\";\n\n",
                imports.join(", ")
            ));
        }
        d.push_str("declare global {\n  interface Window {\n");
        // Merge the paths into one nested object type per top-level member.
        let mut tree = Node::default();
        for (path, ty) in &members {
            tree.insert(path, ty);
        }
        for (k, child) in &tree.children {
            d.push_str(&format!(
                "    {}: {};\n",
                property_key(k),
                child.render("    ")
            ));
        }
        d.push_str("  }\n}\n\nexport {};\n");
        let j = format!("{}\nexport {{}};\n", self.header(settings, "//"));
        (d, j)
    }
}

/// A nested object type being assembled from entry paths.
#[derive(Debug, Default)]
struct Node {
    leaf: Option<String>,
    children: std::collections::BTreeMap<String, Node>,
}

impl Node {
    fn insert(&mut self, path: &[String], ty: &str) {
        match path.split_first() {
            None => self.leaf = Some(ty.to_owned()),
            Some((first, rest)) => self
                .children
                .entry(first.clone())
                .or_default()
                .insert(rest, ty),
        }
    }

    fn render(&self, indent: &str) -> String {
        if self.children.is_empty() {
            return self.leaf.clone().unwrap_or_else(|| "unknown".into());
        }
        let inner = format!("{indent}  ");
        let mut s = String::from("{\n");
        for (k, c) in &self.children {
            s.push_str(&format!(
                "{inner}{}: {};\n",
                property_key(k),
                c.render(&inner)
            ));
        }
        s.push_str(indent);
        s.push('}');
        match &self.leaf {
            Some(l) => format!("{l} & {s}"),
            None => s,
        }
    }
}

/// `new window.brightpattern.AdApi(options)` -> `["brightpattern", "AdApi"]`; `None` unless the
/// entry is a plain `window.a.b` member path.
fn entry_path(entry: &str) -> Option<Vec<String>> {
    let e = entry.trim();
    let e = e.strip_prefix("new ").unwrap_or(e).trim();
    let e = match e.find('(') {
        Some(i) => e.get(..i)?.trim(),
        None => e,
    };
    let mut parts = e.split('.');
    if parts.next()? != "window" {
        return None;
    }
    let rest: Vec<String> = parts.map(str::to_owned).collect();
    let ok = !rest.is_empty() && rest.iter().all(|p| super::names::is_identifier(p));
    ok.then_some(rest)
}

/// The handler type of an event: the vendor's name when the schema gives one, else
/// `On<Event>Handler` (`ON_INTERACTION_REMOVED` -> `OnInteractionRemovedHandler`).
pub(crate) fn handler_type_name(e: &Event) -> String {
    match &e.handler_type {
        Some(h) => type_name(h),
        None => {
            let base = e.name.strip_prefix("ON_").unwrap_or(&e.name);
            format!("On{}Handler", pascal(&base.to_lowercase()))
        }
    }
}

/// `Command: `X`.` for a member's JSDoc; nothing when the member sends no message.
fn wire_note(what: &str, wire: &str) -> Vec<String> {
    if wire.is_empty() {
        Vec::new()
    } else {
        vec![format!("{what}: `{}`.", super::text::one_line(wire))]
    }
}

/// Every method of a callback-style API with the index of its callback parameter (`None`: the
/// method answers nothing), in source order. The callback follows the declared parameters, as in
/// `EmbeddedAgentDesktopAPI`.
fn callback_table(api: &Api) -> Vec<(&str, Option<usize>)> {
    api.methods
        .iter()
        .map(|m| (m.name.as_str(), m.result.as_ref().map(|_| m.params.len())))
        .collect()
}

/// A key in a JavaScript object literal: always quoted, and computed for `__proto__` (which a
/// literal key would turn into the prototype).
fn object_key(name: &str) -> String {
    if name == "__proto__" {
        format!("[{}]", js_string(name))
    } else {
        js_string(name)
    }
}

/// Distinct non-empty names in first-seen order.
fn dedup(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in it {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn lits(xs: &[String]) -> String {
    xs.iter()
        .map(|x| js_string(x))
        .collect::<Vec<_>>()
        .join(", ")
}

fn union_or_never(xs: &[String]) -> String {
    if xs.is_empty() {
        "never".into()
    } else {
        xs.iter()
            .map(|x| js_string(x))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_paths() {
        assert_eq!(
            entry_path("new window.brightpattern.AdApi(options)"),
            Some(vec!["brightpattern".into(), "AdApi".into()])
        );
        assert_eq!(
            entry_path("window.bpspat.api"),
            Some(vec!["bpspat".into(), "api".into()])
        );
        assert_eq!(entry_path("brightpattern.AdApi()"), None);
        assert_eq!(entry_path("window.a-b"), None);
    }
}
