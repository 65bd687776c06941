//! The collecting checkers: `$v<n>(v, c, d)` reports every problem of `v` into the context `c`
//! (`$ctx`: pointer segments, problems, error and warning counts, `denyUnknown`) and returns
//! whether it added no error. Same straight-line structure as the fast verdicts, but nothing
//! stops early. An object's problems come out as: missing required properties, then the
//! declared properties' problems in field order, then undeclared properties in the value's key
//! order (the Rust checker reports the same problems, in the value's key order). Unions
//! hand their alternatives (each a function pair) to the runtime's `$union`, which tries them
//! in the Rust checker's order and words the `anyOf`/`oneOf` messages.
//!
//! Pointers: a checker's own pointer is the context's stack (`c.path`), pushed only around calls
//! to other checkers. Below that, inside one function, every report names its place relative to
//! the function's value ([`At`]): property names are escaped here, at generation time, and only
//! loop indices and map keys join in at run time, when a problem is reported. A valid value thus
//! costs no pointer bookkeeping at all, where a pushed segment per container cost a quarter of
//! the collecting time (measured on InteractionData, `benches/ts_validate.mjs`).

use adcontract_schema::diag::pointer_push;
use adcontract_schema::ir::{Shape, UnknownFields};

use super::super::text::js_string;
use super::Code;
use super::plan::{Env, Plan, Target, depth, inherited_name, not_object, primitive, simple_kind};
use adcontract_schema::validate::json::{literal, quote};

/// One step of a relative pointer.
#[derive(Debug, Clone)]
enum Part {
    /// Pointer text known when generating (`/callParties`), escaped per RFC 6901.
    Lit(String),
    /// An array index, in a loop variable.
    Index(String),
    /// A map key, in a loop variable (escaped at run time by `$esc`).
    Key(String),
}

/// Where a value sits relative to the value of the enclosing checker function.
#[derive(Debug, Clone, Default)]
struct At(Vec<Part>);

impl At {
    fn field(&self, name: &str) -> At {
        let mut parts = self.0.clone();
        let step = pointer_push("", name);
        match parts.last_mut() {
            Some(Part::Lit(text)) => text.push_str(&step),
            _ => parts.push(Part::Lit(step)),
        }
        At(parts)
    }

    fn index(&self, var: &str) -> At {
        let mut parts = self.0.clone();
        parts.push(Part::Index(var.to_owned()));
        At(parts)
    }

    fn key(&self, var: &str) -> At {
        let mut parts = self.0.clone();
        parts.push(Part::Key(var.to_owned()));
        At(parts)
    }

    /// The pointer suffix as a JS expression, built only when a problem is reported:
    /// `"/callParties/" + i3 + "/id"`, or `""` for the value itself.
    fn expr(&self) -> String {
        let mut pieces: Vec<String> = Vec::new();
        let mut text = String::new();
        for part in &self.0 {
            match part {
                Part::Lit(t) => text.push_str(t),
                Part::Index(v) | Part::Key(v) => {
                    text.push('/');
                    pieces.push(js_string(&std::mem::take(&mut text)));
                    pieces.push(match part {
                        Part::Key(_) => format!("$esc({v})"),
                        _ => v.clone(),
                    });
                }
            }
        }
        if !text.is_empty() || pieces.is_empty() {
            pieces.push(js_string(&text));
        }
        pieces.join(" + ")
    }

    /// `call` made at this place: the steps are pushed onto the context's pointer stack around
    /// it (an index as a number, which the runtime renders, so no string is built per item).
    /// The stack is created by the first push (see `$ctx`).
    fn around(&self, call: &str) -> String {
        if self.0.is_empty() {
            return call.to_owned();
        }
        let steps: Vec<String> = self
            .0
            .iter()
            .map(|part| match part {
                Part::Lit(t) => js_string(t),
                Part::Index(v) => v.clone(),
                Part::Key(v) => format!("\"/\" + $esc({v})"),
            })
            .collect();
        format!(
            "{{ (c.path || (c.path = [])).push({}); {call} {}}}",
            steps.join(", "),
            "c.path.pop(); ".repeat(steps.len())
        )
    }
}

/// The body of `$v<n>`: checks `shape` (read in `env`) on `v`, reporting into `c`.
pub(super) fn body<'a>(p: &mut Plan<'a>, shape: &'a Shape, env: Env) -> String {
    let mut w = Code::new(1);
    if let Some(deep) = p.too_deep(0) {
        w.line(&format!("if ({deep}) {{"));
        w.line("  $deep(c, \"\");");
        w.line("  return false;");
        w.line("}");
    }
    let mut b = w.child_same();
    stmts(p, &mut b, shape, env, "v", 0, &At::default());
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

/// An expression: whether `val` fails to have the JSON type `kind` (as [`simple_kind`] names
/// it).
fn not_kind(kind: &str, val: &str) -> String {
    match kind {
        "integer" => format!("!(typeof {val} === \"number\" && Number.isInteger({val}))"),
        "number" => format!("typeof {val} !== \"number\""),
        "boolean" | "string" => format!("typeof {val} !== \"{kind}\""),
        "array" => format!("!Array.isArray({val})"),
        _ => not_object(val),
    }
}

/// A `type` problem at `at`: `val` is not `kind`. The message's fixed part is worded here, so
/// the runtime only appends how it describes the value.
fn wrong_type(at: &At, kind: &str, val: &str) -> String {
    let expected = js_string(&format!("expected {kind}; got "));
    format!("$got(c, {}, \"type\", {expected}, {val});", at.expr())
}

/// `body` behind an inlined checker's depth check `deep`: the limit is a problem at `at`, and
/// only a value within it is checked.
fn behind_depth(w: &mut Code, deep: &str, at: &At, body: Code) {
    w.line(&format!("if ({deep}) $deep(c, {});", at.expr()));
    if !body.is_empty() {
        w.block("else {", body);
    }
}

/// The length bounds (`minLength`/`maxLength`, `minItems`/`maxItems`) of a length `n` (an
/// expression), each as (bound, the comparison that breaks it, keyword).
fn counts(w: &mut Code, at: &At, n: &str, bounds: [(Option<u64>, &str, &str); 2]) {
    for (bound, op, keyword) in bounds {
        if let Some(m) = bound {
            w.line(&format!(
                "if ({n} {op} {m}) $count(c, {}, \"{keyword}\", {m}, {n});",
                at.expr()
            ));
        }
    }
}

/// Statements reporting every problem of `val` against `shape` at depth `d + k`; `val` sits at
/// `at` below the function's value.
fn stmts<'a>(
    p: &mut Plan<'a>,
    w: &mut Code,
    shape: &'a Shape,
    env: Env,
    val: &str,
    k: u32,
    at: &At,
) {
    if let Some(target) = p.inline(shape) {
        // What the called checker would do, in place: its depth check, then its checks.
        match p.too_deep(k + 1) {
            Some(deep) => {
                let mut b = w.child();
                stmts(p, &mut b, target, None, val, k + 1, at);
                behind_depth(w, &deep, at, b);
            }
            None => stmts(p, w, target, None, val, k + 1, at),
        }
        return;
    }
    match shape {
        Shape::Any => {}
        Shape::Null => w.line(&format!(
            "if ({val} !== null) {}",
            wrong_type(at, "null", val)
        )),
        Shape::Boolean
        | Shape::Integer(_)
        | Shape::Number(_)
        | Shape::String(_)
        | Shape::Array(_)
        | Shape::Map(_)
        | Shape::Object(_) => {
            if let Some((kind, b)) = of_kind(p, w, shape, env, val, k, at) {
                w.line(&format!(
                    "if ({}) {}",
                    not_kind(kind, val),
                    wrong_type(at, kind, val)
                ));
                if !b.is_empty() {
                    w.block("else {", b);
                }
            }
        }
        Shape::Const { value } => {
            let test = match primitive(value) {
                Some(lit) => format!("{val} !== {lit}"),
                None => format!("!$eq({val}, $c{})", p.constant(value)),
            };
            // Worded here, with the Rust checker's own formatting of the constant.
            let expected = js_string(&format!("expected {}; got ", literal(value)));
            w.line(&format!(
                "if ({test}) $got(c, {}, \"const\", {expected}, {val});",
                at.expr()
            ));
        }
        Shape::Enum(e) => {
            let shown: Vec<String> = e
                .values
                .iter()
                .take(12)
                .map(|v| literal(&v.value))
                .collect();
            let more = if e.values.len() > 12 {
                format!(", … ({} in all)", e.values.len())
            } else {
                String::new()
            };
            let expected = js_string(&format!("expected one of {}{more}; got ", shown.join(", ")));
            let report = format!("$got(c, {}, \"enum\", {expected}, {val});", at.expr());
            let lits: Option<Vec<String>> = e.values.iter().map(|v| primitive(&v.value)).collect();
            match lits {
                Some(lits) if !lits.is_empty() => {
                    w.line(&format!("switch ({val}) {{"));
                    for l in &lits {
                        w.line(&format!("  case {l}:"));
                    }
                    w.line("    break;");
                    w.line("  default:");
                    w.line(&format!("    {report}"));
                    w.line("}");
                }
                _ => {
                    let values: Vec<serde_json::Value> =
                        e.values.iter().map(|v| v.value.clone()).collect();
                    let list = p.constant(&serde_json::Value::Array(values));
                    w.line(&format!("if (!$oneOf({val}, $c{list})) {report}"));
                }
            }
        }
        Shape::Ref { .. } if p.leaf(shape).is_some() => {
            if let Some(target) = p.leaf(shape) {
                stmts(p, w, target, None, val, k + 1, at);
            }
        }
        Shape::Ref { name, args } => match p.target(name, args, env) {
            Target::Missing => w.line(&format!(
                "$undefined(c, {}, {});",
                at.expr(),
                js_string(name)
            )),
            Target::TooDeep => w.line(&format!("$deep(c, {});", at.expr())),
            Target::Func(id) => {
                p.call(id, k + 1);
                let call = at.around(&format!("$v{id}({val}, c, {});", depth(k + 1)));
                match p.loop_id(shape) {
                    Some(l) => {
                        w.line(&format!(
                            "if (!$enter({l}, {val})) $loop(c, {}, {});",
                            at.expr(),
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
                stmts(p, w, arg, outer, val, k + 1, at);
            }
        }
        Shape::Nullable { inner } => {
            let mut b = w.child();
            let known = of_kind(p, &b, inner, env, val, k + 1, at);
            match known
                .as_ref()
                .map(|(kind, _)| *kind)
                .or_else(|| simple_kind(p.ir, inner))
            {
                Some(kind) => {
                    // One type test, worded `… or null`; then only what follows a type test,
                    // unless `inner` is a called checker (which tests the type in its own words).
                    let i = match known {
                        Some((_, i)) => i,
                        None => {
                            let mut i = b.child();
                            stmts(p, &mut i, inner, env, val, k + 1, at);
                            i
                        }
                    };
                    b.line(&format!(
                        "if ({}) {}",
                        not_kind(kind, val),
                        wrong_type(at, &format!("{kind} or null"), val)
                    ));
                    if !i.is_empty() {
                        b.block("else {", i);
                    }
                }
                None => stmts(p, &mut b, inner, env, val, k + 1, at),
            }
            if !b.is_empty() {
                w.block(&format!("if ({val} !== null) {{"), b);
            }
        }
        Shape::Union(u) => {
            let id = p.union(u, env);
            for alt in p.union_alts(id) {
                p.call(alt, k + 1);
            }
            w.line(&at.around(&format!("$union(c, $u{id}, {val}, {});", depth(k + 1))));
        }
    }
}

/// The checks `stmts` makes of `val` once it is known to have the one JSON type `shape` asks
/// for (its `kind`, as [`simple_kind`] names it): everything after the type test. `None` for a
/// shape not tested that way, or a reference to a checker that is called (it tests the type
/// itself). A nullable value is type-tested once, with the `or null` wording, and then only
/// these checks follow.
fn of_kind<'a>(
    p: &mut Plan<'a>,
    w: &Code,
    shape: &'a Shape,
    env: Env,
    val: &str,
    k: u32,
    at: &At,
) -> Option<(&'static str, Code)> {
    let inlined = p.inline(shape);
    if let Some(target) = inlined.or_else(|| p.leaf(shape)) {
        // Decided before anything is planned: an inlined or leaf target is never a reference.
        if !matches!(
            target,
            Shape::Boolean
                | Shape::Integer(_)
                | Shape::Number(_)
                | Shape::String(_)
                | Shape::Array(_)
                | Shape::Map(_)
                | Shape::Object(_)
        ) {
            return None;
        }
        // An inlined checker keeps its depth check, before its checks (as `stmts` places it).
        let deep = if inlined.is_some() {
            p.too_deep(k + 1)
        } else {
            None
        };
        return match deep {
            Some(deep) => {
                let mut o = w.child();
                let (kind, b) = of_kind(p, &o, target, None, val, k + 1, at)?;
                behind_depth(&mut o, &deep, at, b);
                Some((kind, o))
            }
            None => of_kind(p, w, target, None, val, k + 1, at),
        };
    }
    match shape {
        Shape::Boolean => Some(("boolean", w.child())),
        Shape::Integer(r) | Shape::Number(r) => {
            let mut b = w.child();
            for (i, bound, op) in [
                (0, r.minimum, ">="),
                (1, r.maximum, "<="),
                (2, r.exclusive_minimum, ">"),
                (3, r.exclusive_maximum, "<"),
            ] {
                if let Some(m) = bound {
                    let m = num(m);
                    b.line(&format!(
                        "if (!({val} {op} {m})) $bound(c, {}, {i}, {m}, {val});",
                        at.expr()
                    ));
                }
            }
            let kind = if matches!(shape, Shape::Integer(_)) {
                "integer"
            } else {
                "number"
            };
            Some((kind, b))
        }
        Shape::String(r) => {
            let mut b = w.child();
            if r.min_length.is_some() || r.max_length.is_some() {
                let n = b.var("n");
                b.line(&format!("const {n} = $len({val});"));
                let bounds = [
                    (r.min_length, "<", "minLength"),
                    (r.max_length, ">", "maxLength"),
                ];
                counts(&mut b, at, &n, bounds);
            }
            if let Some(pat) = &r.pattern {
                let i = p.pattern(pat);
                b.line(&format!(
                    "if (!$test($g{i}(), {val})) $pattern(c, {}, $g{i}(), {val}, {});",
                    at.expr(),
                    js_string(pat)
                ));
            }
            Some(("string", b))
        }
        Shape::Array(a) => {
            let mut b = w.child();
            let bounds = [
                (a.min_items, "<", "minItems"),
                (a.max_items, ">", "maxItems"),
            ];
            counts(&mut b, at, &format!("{val}.length"), bounds);
            let (i, item) = (b.var("i"), b.var("a"));
            let mut l = b.child();
            l.line(&format!("const {item} = {val}[{i}];"));
            let before = l.len();
            stmts(p, &mut l, &a.items, env, &item, k + 1, &at.index(&i));
            if l.len() > before {
                b.block(
                    &format!("for (let {i} = 0; {i} < {val}.length; {i}++) {{"),
                    l,
                );
            }
            Some(("array", b))
        }
        Shape::Map(m) => {
            let mut b = w.child();
            let (key, item) = (b.var("k"), b.var("a"));
            let here = at.key(&key);
            let mut l = b.child();
            l.line(&format!("const {item} = {val}[{key}];"));
            l.line(&format!("if ({item} === undefined) continue;"));
            let before = l.len();
            if let Some(pat) = &m.key_pattern {
                let i = p.pattern(pat);
                l.line(&format!(
                    "if (!$test($g{i}(), {key})) $keyPattern(c, {}, $g{i}(), {key}, {});",
                    here.expr(),
                    js_string(pat)
                ));
            }
            stmts(p, &mut l, &m.values, env, &item, k + 1, &here);
            if l.len() > before {
                b.block(&format!("for (const {key} in {val}) {{"), l);
            }
            Some(("object", b))
        }
        Shape::Object(o) => {
            let mut b = w.child();
            // Every declared property is read once, into a local, in field order (the first
            // field of a name wins, as a property can only be declared once); the required ones
            // are then asked of those locals, so a value's properties are never read twice.
            let mut names = Vec::new();
            let mut locals = std::collections::BTreeMap::new();
            for f in &o.fields {
                if locals.contains_key(f.name.as_str()) {
                    continue;
                }
                let key = js_string(&f.name);
                let item = b.var("a");
                if inherited_name(&f.name) {
                    b.line(&format!(
                        "const {item} = $has({val}, {key}) ? {val}[{key}] : undefined;"
                    ));
                } else {
                    b.line(&format!("const {item} = {val}[{key}];"));
                }
                locals.insert(f.name.as_str(), item.clone());
                names.push((key, item, f));
            }
            for f in o.fields.iter().filter(|f| f.required) {
                let Some(item) = locals.get(f.name.as_str()) else {
                    continue;
                };
                let message = js_string(&format!("missing required property {}", quote(&f.name)));
                b.line(&format!(
                    "if ({item} === undefined) $error(c, {}, \"required\", {message});",
                    at.expr()
                ));
            }
            // Only a value holding more properties than the declared ones it has is walked
            // again, to find (and report) the undeclared ones.
            let n = b.var("n");
            b.line(&format!("let {n} = 0;"));
            for (_, item, f) in &names {
                let mut fc = b.child();
                fc.line(&format!("{n}++;"));
                stmts(p, &mut fc, &f.shape, env, item, k + 1, &at.field(&f.name));
                b.block(&format!("if ({item} !== undefined) {{"), fc);
            }
            let names: Vec<String> = names.into_iter().map(|(key, _, _)| key).collect();
            let key = b.var("k");
            let mut extra = b.child();
            let mut l = extra.child();
            l.line(&format!("if ({val}[{key}] === undefined) continue;"));
            l.line(&format!("switch ({key}) {{"));
            for name in &names {
                l.line(&format!("  case {name}:"));
            }
            if !names.is_empty() {
                l.line("    break;");
            }
            l.line("  default:");
            let report = match o.unknown {
                UnknownFields::Closed => "$closed",
                UnknownFields::Open => "$undeclared",
            };
            l.line(&format!("    {report}(c, {}, {key});", at.expr()));
            l.line("}");
            extra.block(&format!("for (const {key} in {val}) {{"), l);
            // The keys are counted here rather than in a shared helper: each loop then learns
            // the few object layouts it meets, which is most of this check's cost. Only a
            // mismatch (an undeclared or an `undefined` property) asks `$extra` for the exact count.
            let t = b.var("t");
            b.line(&format!("let {t} = 0;"));
            b.line(&format!("for (const _ in {val}) {t}++;"));
            b.block(&format!("if ({t} !== {n} && $extra({val}, {n})) {{"), extra);
            Some(("object", b))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::At;

    #[test]
    fn relative_pointers_join_literals_and_loop_variables() {
        assert_eq!(At::default().expr(), "\"\"");
        let at = At::default()
            .field("callParties")
            .index("i3")
            .field("a/b~c");
        assert_eq!(at.expr(), "\"/callParties/\" + i3 + \"/a~1b~0c\"");
        assert_eq!(At::default().key("k1").expr(), "\"/\" + $esc(k1)");
        assert_eq!(
            at.around("f();"),
            "{ (c.path || (c.path = [])).push(\"/callParties\", i3, \"/a~1b~0c\"); f(); c.path.pop(); c.path.pop(); c.path.pop(); }"
        );
        assert_eq!(At::default().around("f();"), "f();");
    }
}
