//! The validators: the view's shapes as a compact JSON table, interpreted by `runtime.js`.
//!
//! Why a table and one interpreter rather than a checker function per type: the interpreter is a
//! line-for-line port of the Rust checker, so the two agree by construction (and the
//! differential test keeps it so); the schema only ever enters the file as JSON data, so no name
//! or pattern can become code; and the output stays small and reviewable.

use adcontract_schema::ir::{Ir, NumberRules, Shape};
use serde_json::{Value, json};

use super::Gen;
use super::text::{js_string, js_value};

/// The interpreter shipped with every package.
pub(crate) const RUNTIME_JS: &str = include_str!("runtime.js");

/// Types of the interpreter, for projects that type-check plain JS imports too.
pub(crate) const RUNTIME_D_TS: &str = r#"/** A shape table row: [type name, type parameters, shape]. */
export type ShapeRow = readonly [string, readonly string[], readonly unknown[]];
export interface RuntimeValidator {
  validate(typeName: string, value: unknown, options?: { readonly denyUnknown?: boolean }): {
    path: string;
    keyword: string;
    message: string;
    severity: "error" | "warning";
  }[];
  isValid(typeName: string, value: unknown): boolean;
}
/** Each pattern as [JavaScript source for `new RegExp(source, "u")`, the schema's ECMA-262 pattern]. */
export declare function createValidator(table: readonly ShapeRow[], patterns: readonly (readonly [string, string])[]): RuntimeValidator;
export declare function deepFreeze<T>(value: T): T;
"#;

/// Collects the patterns of a view while encoding its shapes.
#[derive(Debug, Default)]
pub(crate) struct Encoder {
    /// (JavaScript source, the schema's pattern), deduplicated.
    pub(crate) patterns: Vec<(String, String)>,
}

impl Encoder {
    fn pattern(&mut self, p: &str) -> Value {
        let i = match self.patterns.iter().position(|(_, q)| q == p) {
            Some(i) => i,
            None => {
                self.patterns.push((js_pattern(p), p.to_owned()));
                self.patterns.len() - 1
            }
        };
        json!(i)
    }

    pub(crate) fn shape(&mut self, s: &Shape) -> Value {
        match s {
            Shape::Any => json!(["any"]),
            Shape::Null => json!(["null"]),
            Shape::Boolean => json!(["bool"]),
            Shape::Integer(r) => numeric("int", r),
            Shape::Number(r) => numeric("num", r),
            Shape::String(r) => {
                let pat = r
                    .pattern
                    .as_deref()
                    .map_or(Value::Null, |p| self.pattern(p));
                trim(vec![
                    json!("str"),
                    opt_u(r.min_length),
                    opt_u(r.max_length),
                    pat,
                ])
            }
            Shape::Const { value } => json!(["const", value]),
            Shape::Ref { name, args } if args.is_empty() => json!(["ref", name]),
            Shape::Ref { name, args } => {
                let a: Vec<Value> = args.iter().map(|a| self.shape(a)).collect();
                json!(["ref", name, a])
            }
            Shape::TypeParam { name } => json!(["tp", name]),
            Shape::Nullable { inner } => json!(["nullable", self.shape(inner)]),
            Shape::Array(a) => {
                let items = self.shape(&a.items);
                trim(vec![
                    json!("arr"),
                    items,
                    opt_u(a.min_items),
                    opt_u(a.max_items),
                ])
            }
            Shape::Map(m) => {
                let v = self.shape(&m.values);
                let k = m
                    .key_pattern
                    .as_deref()
                    .map_or(Value::Null, |p| self.pattern(p));
                trim(vec![json!("map"), v, k])
            }
            Shape::Object(o) => {
                let fields: Vec<Value> = o
                    .fields
                    .iter()
                    .map(|f| json!([f.name, u8::from(f.required), self.shape(&f.shape)]))
                    .collect();
                let closed = u8::from(o.unknown == adcontract_schema::ir::UnknownFields::Closed);
                json!(["obj", fields, closed])
            }
            Shape::Enum(e) => json!([
                "enum",
                e.values.iter().map(|v| v.value.clone()).collect::<Vec<_>>()
            ]),
            Shape::Union(u) => {
                let vs: Vec<Value> = u
                    .variants
                    .iter()
                    .map(|v| {
                        json!([
                            self.shape(&v.shape),
                            v.tag_value.clone().unwrap_or(Value::Null)
                        ])
                    })
                    .collect();
                json!([
                    "union",
                    vs,
                    u.tag.clone().map_or(Value::Null, Value::String),
                    u8::from(u.exclusive)
                ])
            }
        }
    }
}

fn opt_u(n: Option<u64>) -> Value {
    n.map_or(Value::Null, Value::from)
}

fn numeric(kind: &str, r: &NumberRules) -> Value {
    let f = |x: Option<f64>| x.map_or(Value::Null, Value::from);
    trim(vec![
        json!(kind),
        f(r.minimum),
        f(r.maximum),
        f(r.exclusive_minimum),
        f(r.exclusive_maximum),
    ])
}

/// Drops trailing nulls (absent rules) to keep the table short.
fn trim(mut v: Vec<Value>) -> Value {
    while v.len() > 1 && v.last() == Some(&Value::Null) {
        v.pop();
    }
    Value::Array(v)
}

/// The `new RegExp(p, "u")` source of a schema pattern, from the scanner the validator and
/// `check` share (`adcontract_schema::pattern`). A checked IR holds only supported patterns; a
/// refused one (an unchecked IR) is shipped as written, and the runtime reports it as
/// unsupported when it fails to compile, rather than the emitter failing.
pub(crate) fn js_pattern(p: &str) -> String {
    adcontract_schema::pattern::js_source(p).unwrap_or_else(|_| p.to_owned())
}

impl Gen<'_> {
    fn ts_name(&self, name: &str) -> String {
        self.type_names
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    pub(crate) fn validators_d_ts(&self, d: &mut String) {
        d.push_str("// ---- Validators ----\n\n");
        d.push_str("/** One problem found in a value: where (`path`, a JSON pointer), which rule (`keyword`), and what. */\n");
        d.push_str("export interface ValidationError {\n  /** RFC 6901 pointer into the value; `\"\"` is the value itself. */\n  path: string;\n  /** The JSON Schema keyword broken (`type`, `required`, `enum`, `additionalProperties`, ...). */\n  keyword: string;\n  message: string;\n  /** Undeclared properties are warnings (errors with `denyUnknown`); warnings never make a value invalid. */\n  severity: \"error\" | \"warning\";\n}\n\n");
        d.push_str("export interface ValidateOptions {\n  /** Report undeclared properties as errors instead of warnings. */\n  readonly denyUnknown?: boolean;\n}\n\n");
        let names: Vec<String> = self.ir.types.keys().map(|n| js_string(n)).collect();
        let union = if names.is_empty() {
            "never".to_owned()
        } else {
            names.join(" | ")
        };
        d.push_str(&format!("/** The names `validate` accepts (the schema's type names). */\nexport type ContractTypeName = {union};\n"));
        d.push_str("export declare const typeNames: readonly ContractTypeName[];\n\n");
        d.push_str("/** Every problem of `value` against the named type; throws a `TypeError` for an unknown name. */\nexport declare function validate(typeName: ContractTypeName, value: unknown, options?: ValidateOptions): ValidationError[];\n\n");
        for def in self.ir.types.values() {
            let ts = self.ts_name(&def.name);
            let target = if def.type_params.is_empty() {
                ts.clone()
            } else {
                format!(
                    "{ts}<{}>",
                    vec!["unknown"; def.type_params.len()].join(", ")
                )
            };
            d.push_str(&format!(
                "/** Every problem of `value` as a `{ts}` (errors and warnings). */\nexport declare function validate{ts}(value: unknown, options?: ValidateOptions): ValidationError[];\n"
            ));
            d.push_str(&format!(
                "/** Whether `value` is a valid `{ts}` (no errors; undeclared properties allowed). */\nexport declare function is{ts}(value: unknown): value is {target};\n\n"
            ));
        }
    }

    pub(crate) fn validators_js(&self, j: &mut String) {
        let (rows, patterns) = table(self.ir);
        j.push_str("const $types = [\n");
        for r in rows {
            j.push_str(&format!("  {r},\n"));
        }
        j.push_str("];\n");
        let pats: Vec<String> = patterns
            .iter()
            .map(|(js, orig)| format!("[{}, {}]", js_string(js), js_string(orig)))
            .collect();
        j.push_str(&format!("const $patterns = [{}];\n", pats.join(", ")));
        j.push_str("const $validator = $createValidator($types, $patterns);\n\n");
        let names: Vec<String> = self.ir.types.keys().map(|n| js_string(n)).collect();
        j.push_str(&format!(
            "export const typeNames = $deepFreeze([{}]);\n\n",
            names.join(", ")
        ));
        j.push_str("export function validate(typeName, value, options) {\n  return $validator.validate(typeName, value, options);\n}\n\n");
        for def in self.ir.types.values() {
            let ts = self.ts_name(&def.name);
            let n = js_string(&def.name);
            j.push_str(&format!(
                "export function validate{ts}(value, options) {{\n  return $validator.validate({n}, value, options);\n}}\nexport function is{ts}(value) {{\n  return $validator.isValid({n}, value);\n}}\n"
            ));
        }
    }
}

/// The rows (`[name, typeParams, shape]`, as hardened JSON text) and the patterns of a view.
pub(crate) fn table(ir: &Ir) -> (Vec<String>, Vec<(String, String)>) {
    let mut enc = Encoder::default();
    let rows = ir
        .types
        .values()
        .map(|def| js_value(&json!([def.name, def.type_params, enc.shape(&def.shape)])))
        .collect();
    (rows, enc.patterns)
}
