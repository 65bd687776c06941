//! The TypeScript emitter: one IR view -> an npm package (`package.json`, `index.js`,
//! `index.d.ts`, `runtime.js`, `global.d.ts`/`global.js`), byte-identical on every run.
//!
//! - `index.d.ts`: every named type of the view under the vendor's own names and shapes, the
//!   vendor's runtime constants typed `as const`, the handler types, the API A client interface
//!   (`AgentDesktopClientAPI`, one `on`/`remove` overload per event) and the API B interface
//!   (`EmbeddedAgentDesktopAPI`), plus a validator signature per type. adcontract's additions for
//!   code that plays the desktop are named `Contract…`/`contract…`: each API's event argument
//!   map and API B's callback table (where each method takes its callback).
//! - `index.js`: plain ESM with the constants and the callback table; it re-exports the
//!   validators.
//! - `validators.js`: every type's validators compiled to straight-line functions (see
//!   [`validators`]), with the helpers they call in `runtime.js` (messages, patterns, unions).
//! - `global.d.ts`: opt-in `Window` augmentation (`import "<pkg>/global"`), kept out of the main
//!   entry because a drop-in types package should not change globals behind the user's back.
//!
//! ## Failure
//! Like the Rust emitter, the only way to fail is two schema names that map to one TypeScript
//! name. [`check`] / [`try_generate`] report every [`Collision`]; [`generate`] keeps an infallible
//! signature and on collisions returns a package whose `index.js` throws and whose `index.d.ts`
//! does not compile, listing the collisions — never silently renamed code.

mod api;
mod names;
pub(crate) mod pattern;
pub(crate) mod text;
mod types;
mod validators;

pub(crate) use validators::script as validators_script;

use std::collections::{BTreeMap, BTreeSet};

use adcontract_schema::ir::{CallStyle, Ir, Shape};

pub use crate::scope::Collision;
use crate::scope::{Origin, Scope};

/// A generated package: relative path -> file contents.
pub type Package = BTreeMap<String, String>;

/// How to generate a TypeScript package.
#[derive(Debug, Clone, Default)]
pub struct TsSettings {
    /// The npm package name; default `@adcontract/agent-desktop-<view>`.
    pub package_name: Option<String>,
    /// What the package is generated from, for the file headers (default: the canonical schema).
    pub source: Option<String>,
}

/// The state of one generation.
#[derive(Debug)]
pub(crate) struct Gen<'a> {
    pub(crate) ir: &'a Ir,
    /// IR type name -> exported TypeScript name.
    pub(crate) type_names: BTreeMap<String, String>,
    /// The TypeScript names of the schema's own types (to avoid emitting a helper over one).
    pub(crate) schema_type_ts_names: BTreeSet<String>,
    pub(crate) collisions: Vec<Collision>,
    /// Whether `ContractDomType` is declared (some API has a member holding a DOM object).
    pub(crate) dom_type_claimed: bool,
    types_scope: Scope,
    values_scope: Scope,
}

/// Names the package always declares, by namespace.
const HELPER_TYPES: &[&str] = &["ValidationError", "ValidateOptions", "ContractTypeName"];
const HELPER_VALUES: &[&str] = &["API_VERSION", "typeNames", "validate", "$deepFreeze"];

impl<'a> Gen<'a> {
    fn new(ir: &'a Ir) -> Self {
        let mut g = Gen {
            ir,
            type_names: BTreeMap::new(),
            schema_type_ts_names: BTreeSet::new(),
            collisions: Vec::new(),
            dom_type_claimed: false,
            types_scope: Scope::typescript("type"),
            values_scope: Scope::typescript("value"),
        };
        g.claim_names();
        g
    }

    pub(crate) fn claim_type(&mut self, ts: &str, origin: Origin) {
        self.types_scope.claim(ts, origin, &mut self.collisions);
    }

    pub(crate) fn claim_value(&mut self, ts: &str, origin: Origin) {
        self.values_scope.claim(ts, origin, &mut self.collisions);
    }

    /// The pre-pass: every exported name, claimed with where it comes from.
    fn claim_names(&mut self) {
        for h in HELPER_TYPES {
            self.claim_type(h, Origin::new(format!("(generated `{h}`)"), "(generated)"));
        }
        for h in HELPER_VALUES {
            self.claim_value(h, Origin::new(format!("(generated `{h}`)"), "(generated)"));
        }
        let ir = self.ir;
        for def in ir.types.values() {
            let ts = names::type_name(&def.name);
            self.type_names.insert(def.name.clone(), ts.clone());
            self.schema_type_ts_names.insert(ts.clone());
            let origin = Origin::new(def.name.clone(), def.meta.pointer.clone());
            self.claim_type(&ts, origin.clone());
            self.claim_value(&format!("validate{ts}"), origin.clone());
            self.claim_value(&format!("is{ts}"), origin.clone());
            if let (Some(cn), Shape::Enum(_)) = (&def.const_name, &def.shape) {
                self.claim_value(&names::const_name(cn), origin.clone());
                if def.const_widened {
                    self.claim_type(&types::widened_narrow_name(&ts), origin.clone());
                }
                // The vendor's `typeof` alias of a code map (`ResultErrorCodes`).
                let alias = names::upper_first(&names::const_name(cn));
                if alias != ts && !ir.types.contains_key(&alias) {
                    if let Shape::Enum(e) = &def.shape {
                        if !e.values.is_empty()
                            && e.values
                                .iter()
                                .all(|v| v.code.is_some() && v.value.is_string())
                        {
                            self.claim_type(&alias, origin.clone());
                        }
                    }
                }
            }
        }
        for api in &ir.apis {
            self.claim_api_names(api);
        }
    }

    fn header(&self, settings: &TsSettings, line: &str) -> String {
        let source = settings
            .source
            .as_deref()
            .unwrap_or("the canonical adcontract schema");
        format!(
            "{line} Generated by adcontract-codegen {} from {}, API version `{}` ({}).\n{line} Do not edit: regenerate with `adcontract generate typescript`; `--check` reports drift.\n",
            env!("CARGO_PKG_VERSION"),
            text::one_line(source),
            text::one_line(&self.ir.version.id),
            text::one_line(&self.ir.version.label),
        )
    }
}

/// The package for one view, or every name collision found.
pub fn try_generate(ir: &Ir, settings: &TsSettings) -> Result<Package, Vec<Collision>> {
    let g = Gen::new(ir);
    if !g.collisions.is_empty() {
        return Err(g.collisions);
    }
    let mut pkg = Package::new();
    pkg.insert("package.json".into(), package_json(ir, settings));
    pkg.insert("index.d.ts".into(), g.index_d_ts(settings));
    pkg.insert("index.js".into(), g.index_js(settings));
    pkg.insert(
        "validators.js".into(),
        g.validators_file(&g.header(settings, "//")),
    );
    pkg.insert(
        "runtime.js".into(),
        format!("{}\n{}", runtime_header(), RUNTIME_JS),
    );
    pkg.insert(
        "runtime.d.ts".into(),
        format!("{}\n{}", runtime_header(), validators::RUNTIME_D_TS),
    );
    let (gd, gj) = g.global_files(settings);
    pkg.insert("global.d.ts".into(), gd);
    pkg.insert("global.js".into(), gj);
    Ok(pkg)
}

/// The validators' helpers shipped with every package.
const RUNTIME_JS: &str = include_str!("runtime.js");

/// The header of the runtime files, which are the same in every package.
fn runtime_header() -> String {
    format!(
        "// Generated by adcontract-codegen {}: the validator runtime, the same in every package.\n// Do not edit: regenerate with `adcontract generate typescript`; `--check` reports drift.\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The package for one view; on name collisions, a package that fails loudly (see the module doc).
pub fn generate(ir: &Ir, settings: &TsSettings) -> Package {
    match try_generate(ir, settings) {
        Ok(p) => p,
        Err(cs) => {
            let list: Vec<String> = cs.iter().map(|c| text::one_line(&c.to_string())).collect();
            let mut pkg = Package::new();
            pkg.insert("package.json".into(), package_json(ir, settings));
            pkg.insert(
                "index.js".into(),
                format!(
                    "throw new Error({});\n",
                    text::js_string(&format!(
                        "adcontract: name collisions:\n{}",
                        list.join("\n")
                    ))
                ),
            );
            let comments: String = list.iter().map(|l| format!("// {l}\n")).collect();
            pkg.insert(
                "index.d.ts".into(),
                format!("{comments}export declare const ADCONTRACT_NAME_COLLISION: never = ;\n"),
            );
            pkg
        }
    }
}

/// Every name collision of a view (empty when the view can be generated).
pub fn check(ir: &Ir) -> Vec<Collision> {
    Gen::new(ir).collisions
}

/// The name under which the package exports a schema type (`validate<Name>`, `is<Name>`), or
/// `None` if the view has no such type.
pub fn exported_type_name(ir: &Ir, schema_name: &str) -> Option<String> {
    ir.types
        .contains_key(schema_name)
        .then(|| names::type_name(schema_name))
}

/// The npm package name for a view.
pub fn default_package_name(ir: &Ir) -> String {
    let slug: String = ir
        .version
        .id
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches(|c| c == '.' || c == '_').to_owned();
    format!(
        "@adcontract/agent-desktop-{}",
        if slug.is_empty() {
            "view".to_owned()
        } else {
            slug
        }
    )
}

/// A semver for the view: `5.19` -> `5.19.0`; anything else -> `0.0.0-<id>[.<date>]`.
fn package_version(ir: &Ir) -> String {
    let id = &ir.version.id;
    let parts: Vec<&str> = id.split('.').collect();
    let numeric = |p: &&str| {
        !p.is_empty()
            && p.chars().all(|c| c.is_ascii_digit())
            && (p.len() == 1 || !p.starts_with('0'))
    };
    if (1..=3).contains(&parts.len()) && parts.iter().all(numeric) {
        let mut ps: Vec<&str> = parts.clone();
        while ps.len() < 3 {
            ps.push("0");
        }
        return ps.join(".");
    }
    let ident = |s: &str| -> String {
        let t: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if t.is_empty() { "view".into() } else { t }
    };
    let mut v = format!("0.0.0-{}", ident(id));
    if let Some(d) = &ir.version.date {
        let digits: String = d.chars().filter(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            v.push('.');
            v.push_str(digits.trim_start_matches('0'));
        }
    }
    v
}

fn package_json(ir: &Ir, settings: &TsSettings) -> String {
    let name = settings
        .package_name
        .clone()
        .unwrap_or_else(|| default_package_name(ir));
    let description = format!(
        "Types, constants and runtime validators of Bright Pattern's Agent Desktop APIs, version {} (generated by adcontract).",
        ir.version.label
    );
    let pkg = serde_json::json!({
        "name": name,
        "version": package_version(ir),
        "description": description,
        "type": "module",
        "main": "./index.js",
        "types": "./index.d.ts",
        "exports": {
            ".": { "types": "./index.d.ts", "default": "./index.js" },
            "./global": { "types": "./global.d.ts", "default": "./global.js" },
            "./package.json": "./package.json"
        },
        "files": ["index.js", "index.d.ts", "validators.js", "runtime.js", "runtime.d.ts", "global.js", "global.d.ts"],
        "sideEffects": false
    });
    let mut s = text::harden(&serde_json::to_string_pretty(&pkg).unwrap_or_default());
    s.push('\n');
    s
}

impl Gen<'_> {
    fn index_d_ts(&self, settings: &TsSettings) -> String {
        let mut d = self.header(settings, "//");
        d.push('\n');
        d.push_str(&format!(
            "/** The contract version this package was generated for. */\nexport declare const API_VERSION: {};\n\n",
            text::js_string(&self.ir.version.id)
        ));
        d.push_str("// ---- Types ----\n\n");
        for def in self.ir.types.values() {
            self.type_decl(def, &mut d);
        }
        self.dom_type_d_ts(&mut d);
        // The call style decides which surface an API gets, here as in the names claimed and in
        // `index.js`, so that declarations and values always agree.
        for api in &self.ir.apis {
            match api.style {
                CallStyle::Promise => self.widget_d_ts(api, &mut d),
                CallStyle::Callback => self.embedded_d_ts(api, &mut d),
            }
        }
        self.validators_d_ts(&mut d);
        d
    }

    fn index_js(&self, settings: &TsSettings) -> String {
        let mut j = self.header(settings, "//");
        j.push_str("\nimport { deepFreeze as $deepFreeze } from \"./runtime.js\";\n\n");
        j.push_str(&format!(
            "export const API_VERSION = {};\n\n",
            text::js_string(&self.ir.version.id)
        ));
        for def in self.ir.types.values() {
            if let (Some(cn), Shape::Enum(e)) = (&def.const_name, &def.shape) {
                let cn = names::const_name(cn);
                // A constant the vendor declares as a mutable `string[]` is one here too.
                if def.const_widened {
                    j.push_str(&format!(
                        "export const {cn} = {};\n",
                        types::enum_const_js(e)
                    ));
                } else {
                    j.push_str(&format!(
                        "export const {cn} = $deepFreeze({});\n",
                        types::enum_const_js(e)
                    ));
                }
            }
        }
        j.push('\n');
        for api in &self.ir.apis {
            match api.style {
                CallStyle::Promise => self.widget_js(api, &mut j),
                CallStyle::Callback => self.embedded_js(api, &mut j),
            }
        }
        self.validators_reexport(&mut j);
        // Freezing is a call, which a bundler must keep unless told it is pure: marked so, every
        // constant an importer does not use is dropped (`sideEffects: false` only drops files).
        j.replace("= $deepFreeze(", "= /* @__PURE__ */ $deepFreeze(")
    }
}

#[cfg(test)]
mod tests;
