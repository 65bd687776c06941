//! The collecting checkers: `$v<n>(v, c, d)` reports every problem of `v` into the context `c`
//! (`$ctx`: pointer segments, problems, error and warning counts, `denyUnknown`) and returns
//! whether it added no error. Same straight-line structure as the fast verdicts, but nothing
//! stops early, and properties are visited in the value's own key order so problems come out in
//! the order the Rust checker reports them (required properties first, in field order). Unions
//! hand their alternatives (each a function pair) to the runtime's `$union`, which tries them
//! in the Rust checker's order and words the `anyOf`/`oneOf` messages.

use adcontract_schema::ir::{Shape, UnknownFields};

use super::super::text::js_string;
use super::Code;
use super::plan::{Env, Plan, Target, depth, primitive, simple_kind};

/// The body of `$v<n>`: checks `shape` (read in `env`) on `v`, reporting into `c`.
pub(super) fn body<'a>(p: &mut Plan<'a>, shape: &'a Shape, env: Env) -> String {
    let mut w = Code::new(1);
    w.line("if (d > 1024) {");
    w.line("  $deep(c);");
    w.line("  return false;");
    w.line("}");
    let mut b = w.child_same();
    stmts(p, &mut b, shape, env, "v", 0);
    if b.is_empty() {
        w.line("return true;");
    } else {
        w.line("const e = c.errors;");
        w.append(b);
        w.line("return c.errors === e;");
    }
    w.finish()
}

fn num(f: f64) -> String {
    super::super::text::js_value(&serde_json::Value::from(f))
}

/// An expression: whether `val` has the JSON type `kind`.
fn kind_test(kind: &str, val: &str) -> String {
    match kind {
        "integer" => format!("typeof {val} === \"number\" && Number.isInteger({val})"),
        "number" => format!("typeof {val} === \"number\""),
        "boolean" => format!("typeof {val} === \"boolean\""),
        "string" => format!("typeof {val} === \"string\""),
        "array" => format!("Array.isArray({val})"),
        _ => format!("$obj({val})"),
    }
}

/// Statements reporting every problem of `val` against `shape` at depth `d + k`.
fn stmts<'a>(p: &mut Plan<'a>, w: &mut Code, shape: &'a Shape, env: Env, val: &str, k: u32) {
    match shape {
        Shape::Any => {}
        Shape::Null => w.line(&format!("if ({val} !== null) $type(c, \"null\", {val});")),
        Shape::Boolean => w.line(&format!(
            "if (typeof {val} !== \"boolean\") $type(c, \"boolean\", {val});"
        )),
        Shape::Integer(r) | Shape::Number(r) => {
            let kind = if matches!(shape, Shape::Integer(_)) {
                "integer"
            } else {
                "number"
            };
            let mut b = w.child();
            for (i, bound, op) in [
                (0, r.minimum, ">="),
                (1, r.maximum, "<="),
                (2, r.exclusive_minimum, ">"),
                (3, r.exclusive_maximum, "<"),
            ] {
                if let Some(m) = bound {
                    let m = num(m);
                    b.line(&format!("if (!({val} {op} {m})) $bound(c, {i}, {m}, {val});"));
                }
            }
            let head = format!(
                "if (!({})) $type(c, \"{kind}\", {val});",
                kind_test(kind, val)
            );
            if b.is_empty() {
                w.line(&head);
            } else {
                w.line(&head);
                w.block("else {", b);
            }
        }
        Shape::String(r) => {
            let mut b = w.child();
            if r.min_length.is_some() || r.max_length.is_some() {
                let n = b.var("n");
                b.line(&format!("const {n} = $len({val});"));
                if let Some(m) = r.min_length {
                    b.line(&format!(
                        "if ({n} < {m}) $count(c, \"minLength\", {m}, {n});"
                    ));
                }
                if let Some(m) = r.max_length {
                    b.line(&format!(
                        "if ({n} > {m}) $count(c, \"maxLength\", {m}, {n});"
                    ));
                }
            }
            if let Some(pat) = &r.pattern {
                let i = p.pattern(pat);
                b.line(&format!(
                    "$pattern(c, $g{i}(), {val}, {});",
                    js_string(pat)
                ));
            }
            w.line(&format!(
                "if (typeof {val} !== \"string\") $type(c, \"string\", {val});"
            ));
            if !b.is_empty() {
                w.block("else {", b);
            }
        }
        Shape::Const { value } => {
            let (test, expected) = match primitive(value) {
                Some(lit) => (format!("{val} !== {lit}"), lit),
                None => {
                    let c = p.constant(value);
                    (format!("!$eq({val}, $c{c})"), format!("$c{c}"))
                }
            };
            w.line(&format!("if ({test}) $const(c, {expected}, {val});"));
        }
        Shape::Enum(e) => {
            let values: Vec<serde_json::Value> = e.values.iter().map(|v| v.value.clone()).collect();
            let list = p.constant(&serde_json::Value::Array(values));
            let lits: Option<Vec<String>> = e.values.iter().map(|v| primitive(&v.value)).collect();
            match lits {
                Some(lits) if !lits.is_empty() => {
                    w.line(&format!("switch ({val}) {{"));
                    for l in &lits {
                        w.line(&format!("  case {l}:"));
                    }
                    w.line("    break;");
                    w.line("  default:");
                    w.line(&format!("    $enum(c, $c{list}, {val});"));
                    w.line("}");
                }
                _ => w.line(&format!(
                    "if (!$oneOf({val}, $c{list})) $enum(c, $c{list}, {val});"
                )),
            }
        }
        Shape::Ref { name, args } => match p.target(name, args, env) {
            Target::Missing => w.line(&format!("$undefined(c, {});", js_string(name))),
            Target::TooDeep => w.line("$deep(c);"),
            Target::Func(id) => {
                let call = format!("$v{id}({val}, c, {});", depth(k + 1));
                match p.loop_id(shape) {
                    Some(l) => {
                        w.line(&format!(
                            "if (!$enter({l}, {val})) $loop(c, {});",
                            js_string(name)
                        ));
                        let mut b = w.child();
                        b.line(&call);
                        b.line("$leave();");
                        w.block("else {", b);
                    }
                    None => w.line(&call),
                }
            }
        },
        Shape::TypeParam { name } => {
            if let Some((arg, outer)) = p.bound(name, env) {
                stmts(p, w, arg, outer, val, k + 1);
            }
        }
        Shape::Nullable { inner } => {
            let mut b = w.child();
            match simple_kind(p.ir, inner) {
                Some(kind) => {
                    b.line(&format!(
                        "if (!({})) $type(c, \"{kind} or null\", {val});",
                        kind_test(kind, val)
                    ));
                    let mut i = b.child();
                    stmts(p, &mut i, inner, env, val, k + 1);
                    if !i.is_empty() {
                        b.block("else {", i);
                    }
                }
                None => stmts(p, &mut b, inner, env, val, k + 1),
            }
            if !b.is_empty() {
                w.block(&format!("if ({val} !== null) {{"), b);
            }
        }
        Shape::Array(a) => {
            let mut b = w.child();
            if let Some(m) = a.min_items {
                b.line(&format!(
                    "if ({val}.length < {m}) $count(c, \"minItems\", {m}, {val}.length);"
                ));
            }
            if let Some(m) = a.max_items {
                b.line(&format!(
                    "if ({val}.length > {m}) $count(c, \"maxItems\", {m}, {val}.length);"
                ));
            }
            let (i, item) = (b.var("i"), b.var("a"));
            let mut l = b.child();
            l.line(&format!("const {item} = {val}[{i}];"));
            let before = l.len();
            stmts(p, &mut l, &a.items, env, &item, k + 1);
            if l.len() > before {
                l.line("c.path.pop();");
                let mut body = b.child();
                body.line(&format!("c.path.push({i});"));
                body.append(l);
                b.block(
                    &format!("for (let {i} = 0; {i} < {val}.length; {i}++) {{"),
                    body,
                );
            }
            w.line(&format!(
                "if (!Array.isArray({val})) $type(c, \"array\", {val});"
            ));
            if !b.is_empty() {
                w.block("else {", b);
            }
        }
        Shape::Map(m) => {
            let mut b = w.child();
            let (key, item) = (b.var("k"), b.var("a"));
            let mut l = b.child();
            if let Some(pat) = &m.key_pattern {
                let i = p.pattern(pat);
                l.line(&format!(
                    "$keyPattern(c, $g{i}(), {key}, {});",
                    js_string(pat)
                ));
            }
            let mut inner = l.child_same();
            stmts(p, &mut inner, &m.values, env, &item, k + 1);
            if !inner.is_empty() {
                l.line(&format!("const {item} = {val}[{key}];"));
                l.append(inner);
            }
            if !l.is_empty() {
                let mut body = b.child();
                body.line(&format!("c.path.push({key});"));
                body.append(l);
                body.line("c.path.pop();");
                b.block(&format!("for (const {key} of Object.keys({val})) {{"), body);
            }
            w.line(&format!("if (!$obj({val})) $type(c, \"object\", {val});"));
            if !b.is_empty() {
                w.block("else {", b);
            }
        }
        Shape::Object(o) => {
            let mut b = w.child();
            for f in o.fields.iter().filter(|f| f.required) {
                let key = js_string(&f.name);
                b.line(&format!("if (!$has({val}, {key})) $required(c, {key});"));
            }
            let (key, item) = (b.var("k"), b.var("a"));
            let mut sw = b.child();
            sw.line(&format!("c.path.push({key});"));
            sw.line(&format!("switch ({key}) {{"));
            let mut seen = std::collections::BTreeSet::new();
            for f in &o.fields {
                // The first field of a name wins, as a property can only be declared once.
                if !seen.insert(f.name.as_str()) {
                    continue;
                }
                let mut fc = sw.child().child();
                stmts(p, &mut fc, &f.shape, env, &item, k + 1);
                sw.line(&format!("  case {}: {{", js_string(&f.name)));
                if !fc.is_empty() {
                    sw.line(&format!("    const {item} = {val}[{key}];"));
                    sw.append(fc);
                }
                sw.line("    break;");
                sw.line("  }");
            }
            sw.line("  default:");
            match o.unknown {
                UnknownFields::Closed => sw.line(&format!("    $closed(c, {key});")),
                UnknownFields::Open => sw.line(&format!("    $undeclared(c, {key});")),
            }
            sw.line("}");
            sw.line("c.path.pop();");
            b.block(&format!("for (const {key} of Object.keys({val})) {{"), sw);
            w.line(&format!("if (!$obj({val})) $type(c, \"object\", {val});"));
            w.block("else {", b);
        }
        Shape::Union(u) => {
            let id = p.union(u, env);
            w.line(&format!("$union(c, $u{id}, {val}, {});", depth(k + 1)));
        }
    }
}
