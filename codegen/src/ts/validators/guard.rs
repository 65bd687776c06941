//! The fast verdicts: `$i<n>(v, d, x)` is `true` when `v` has no error as its shape (at depth
//! `d`, undeclared properties of open objects being errors when `x`), and collects nothing. The
//! body is straight-line code that returns `false` at the first failing check. An object's
//! declared properties are all read first, its scalar fields are tested in one `&`-joined
//! expression, then come enums (a `switch`), containers and maps; no key iteration on open
//! objects unless `x`, and a call only where a named type or a union alternative begins (small
//! non-recursive types are checked in place instead, see [`Plan::inline`]). Only the verdict
//! counts here, so the order of the checks is free to follow what the engine runs fastest.

use adcontract_schema::ir::{Shape, UnknownFields};

use super::super::text::js_string;
use super::Code;
use super::plan::{Env, Plan, Target, depth, inherited_name, not_object, primitive};

/// The body of `$i<n>`: checks `shape` (read in `env`) on `v`.
pub(super) fn body<'a>(p: &mut Plan<'a>, shape: &'a Shape, env: Env) -> String {
    let mut w = Code::new(1);
    if let Some(deep) = p.too_deep(0) {
        w.line(&format!("if ({deep}) return false;"));
    }
    stmts(p, &mut w, shape, env, "v", 0);
    w.line("return true;");
    w.finish()
}

/// Statements that return `false` when `val` fails `shape` at depth `d + k`, else fall through.
fn stmts<'a>(p: &mut Plan<'a>, w: &mut Code, shape: &'a Shape, env: Env, val: &str, k: u32) {
    if let Some(target) = p.inline(shape) {
        // What the called checker would do, in place: its depth check, then its checks.
        if let Some(deep) = p.too_deep(k + 1) {
            w.line(&format!("if ({deep}) return false;"));
        }
        stmts(p, w, target, None, val, k + 1);
        return;
    }
    if let Some(test) = scalar_test(p, shape, val) {
        if test != ANYTHING {
            w.line(&format!("if (!({test})) return false;"));
        }
        return;
    }
    match shape {
        // Each a single expression, emitted above.
        Shape::Any | Shape::Null | Shape::Boolean | Shape::Integer(_) | Shape::Number(_) => {}
        Shape::String(r) => {
            w.line(&format!("if (typeof {val} !== \"string\") return false;"));
            if r.min_length.is_some() || r.max_length.is_some() {
                let n = w.var("n");
                w.line(&format!("const {n} = $len({val});"));
                let mut tests = Vec::new();
                if let Some(m) = r.min_length {
                    tests.push(format!("{n} < {m}"));
                }
                if let Some(m) = r.max_length {
                    tests.push(format!("{n} > {m}"));
                }
                w.line(&format!("if ({}) return false;", tests.join(" || ")));
            }
            if let Some(pat) = &r.pattern {
                let i = p.pattern(pat);
                w.line(&format!("if (!$test($g{i}(), {val})) return false;"));
            }
        }
        Shape::Const { value } => {
            let c = p.constant(value);
            w.line(&format!("if (!$eq({val}, $c{c})) return false;"));
        }
        Shape::Enum(e) => {
            let lits: Option<Vec<String>> = e.values.iter().map(|v| primitive(&v.value)).collect();
            match lits {
                Some(lits) if !lits.is_empty() => {
                    w.line(&format!("switch ({val}) {{"));
                    for l in &lits {
                        w.line(&format!("  case {l}:"));
                    }
                    w.line("    break;");
                    w.line("  default:");
                    w.line("    return false;");
                    w.line("}");
                }
                _ => {
                    let values: Vec<serde_json::Value> =
                        e.values.iter().map(|v| v.value.clone()).collect();
                    let c = p.constant(&serde_json::Value::Array(values));
                    w.line(&format!("if (!$oneOf({val}, $c{c})) return false;"));
                }
            }
        }
        Shape::Ref { .. } if p.leaf(shape).is_some() => {
            if let Some(target) = p.leaf(shape) {
                stmts(p, w, target, None, val, k + 1);
            }
        }
        Shape::Ref { name, args } => match p.target(name, args, env) {
            Target::Missing | Target::TooDeep => w.line("return false;"),
            Target::Func(id) => {
                p.call(id, k + 1);
                let call = format!("$i{id}({val}, {}, x)", depth(k + 1));
                match p.loop_id(shape) {
                    Some(l) => {
                        let ok = w.var("ok");
                        w.line(&format!("if (!$enter({l}, {val})) return false;"));
                        w.line(&format!("const {ok} = {call};"));
                        w.line("$leave();");
                        w.line(&format!("if (!{ok}) return false;"));
                    }
                    None => w.line(&format!("if (!{call}) return false;")),
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
            stmts(p, &mut b, inner, env, val, k + 1);
            if !b.is_empty() {
                w.block(&format!("if ({val} !== null) {{"), b);
            }
        }
        Shape::Array(a) => {
            w.line(&format!("if (!Array.isArray({val})) return false;"));
            if let Some(m) = a.min_items {
                w.line(&format!("if ({val}.length < {m}) return false;"));
            }
            if let Some(m) = a.max_items {
                w.line(&format!("if ({val}.length > {m}) return false;"));
            }
            let (i, item) = (w.var("i"), w.var("a"));
            let mut b = w.child();
            b.line(&format!("const {item} = {val}[{i}];"));
            let before = b.len();
            stmts(p, &mut b, &a.items, env, &item, k + 1);
            if b.len() > before {
                w.block(
                    &format!("for (let {i} = 0; {i} < {val}.length; {i}++) {{"),
                    b,
                );
            }
        }
        Shape::Map(m) => {
            w.line(&format!("if ({}) return false;", not_object(val)));
            let (key, item) = (w.var("k"), w.var("a"));
            let mut b = w.child();
            b.line(&format!("const {item} = {val}[{key}];"));
            let scalar = scalar_test(p, &m.values, &item);
            if let Some(t) = scalar.filter(|t| t != ANYTHING && m.key_pattern.is_none()) {
                // The common map of strings: one branch per entry, not one more for the
                // `undefined` that only a hand-made object holds (1-2% of `is` on
                // InteractionData, whose two maps are most of its time).
                b.line(&format!(
                    "if (!({t}) && {item} !== undefined) return false;"
                ));
                w.block(&format!("for (const {key} in {val}) {{"), b);
                return;
            }
            b.line(&format!("if ({item} === undefined) continue;"));
            let before = b.len();
            if let Some(pat) = &m.key_pattern {
                let i = p.pattern(pat);
                b.line(&format!("if (!$test($g{i}(), {key})) return false;"));
            }
            stmts(p, &mut b, &m.values, env, &item, k + 1);
            if b.len() > before {
                w.block(&format!("for (const {key} in {val}) {{"), b);
            }
        }
        Shape::Object(o) => {
            w.line(&format!("if ({}) return false;", not_object(val)));
            // Every property is read first, then the scalar ones are tested in one expression
            // joined with `&` (no early exit), and only then the rest, field by field. With
            // no branch between them, the reads of the values (most of them cache misses on
            // real data) are all in flight at once; tested one by one, each waited for the
            // last. Measured on InteractionData: about a tenth faster (`benches/ts_validate.mjs`).
            let mut fields = Vec::new();
            for f in &o.fields {
                let key = js_string(&f.name);
                let item = w.var("a");
                if inherited_name(&f.name) {
                    w.line(&format!(
                        "const {item} = $has({val}, {key}) ? {val}[{key}] : undefined;"
                    ));
                } else {
                    w.line(&format!("const {item} = {val}[{key}];"));
                }
                fields.push((item, f));
            }
            let mut tests = Vec::new();
            let mut rest = Vec::new();
            for (item, f) in &fields {
                // A test other than `ANYTHING` fails on `undefined`, so it also asks for presence.
                match scalar_test(p, &f.shape, item) {
                    Some(t) if t == ANYTHING && f.required => {
                        tests.push(format!("({item} !== undefined)"))
                    }
                    Some(t) if t == ANYTHING => {}
                    Some(t) if f.required => tests.push(format!("({t})")),
                    Some(t) => tests.push(format!("({item} === undefined || {t})")),
                    None => rest.push((item, *f)),
                }
            }
            // Then the other scalars (enums), containers, and maps last: a `for … in` over
            // unknown keys stalls the most, so everything else is in flight before it (a few
            // percent on InteractionData, whose `attachedData` is a map).
            rest.sort_by_key(|(_, f)| stage(p, &f.shape));
            if !tests.is_empty() {
                w.line(&format!("if (!({})) return false;", tests.join(" & ")));
            }
            for (item, f) in rest {
                if f.required {
                    w.line(&format!("if ({item} === undefined) return false;"));
                    stmts(p, w, &f.shape, env, item, k + 1);
                } else {
                    let mut b = w.child();
                    stmts(p, &mut b, &f.shape, env, item, k + 1);
                    if !b.is_empty() {
                        w.block(&format!("if ({item} !== undefined) {{"), b);
                    }
                }
            }
            // Undeclared properties are looked for by name, in the runtime, rather than by
            // comparing a key count with the declared ones present: that count kept every
            // property read above alive to the end of the function, and the engine spilled them
            // (dropping it measured 3-5% of `is` on InteractionData, where `x` is false).
            let mut names: Vec<serde_json::Value> = Vec::new();
            for f in &o.fields {
                let name = serde_json::Value::from(f.name.as_str());
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let names = p.constant(&serde_json::Value::Array(names));
            let gate = match o.unknown {
                UnknownFields::Closed => "",
                UnknownFields::Open => "x && ",
            };
            w.line(&format!(
                "if ({gate}$other({val}, $c{names})) return false;"
            ));
        }
        Shape::Union(u) => {
            // The alternatives are checked one level down (the union's own level).
            let calls: Vec<String> = u
                .variants
                .iter()
                .map(|v| alt_call(p, &v.shape, env, val, k + 1))
                .collect();
            let tagged = u
                .tag
                .as_deref()
                .filter(|_| u.variants.iter().any(|v| v.tag_value.is_some()));
            let Some(tag) = tagged else {
                untagged_stmts(w, &calls, u.exclusive);
                return;
            };
            let (t, tv, ok, n) = (w.var("t"), w.var("tv"), w.var("ok"), w.var("n"));
            let tag_js = js_string(tag);
            w.line(&format!("let {t} = -1, {tv};"));
            let mut pick = w.child();
            pick.line(&format!("{tv} = {val}[{tag_js}];"));
            let mut first = true;
            for (i, v) in u.variants.iter().enumerate() {
                let Some(tag_value) = &v.tag_value else {
                    continue;
                };
                let test = equals(p, &tv, tag_value);
                let kw = if first { "if" } else { "else if" };
                first = false;
                pick.line(&format!("{kw} ({test}) {t} = {i};"));
            }
            w.block(
                &format!(
                    "if (typeof {val} === \"object\" && {val} !== null && !Array.isArray({val}) && $present({val}, {tag_js})) {{"
                ),
                pick,
            );
            // The tag picks an alternative; the others are still tried, as for `oneOf` only
            // one may match (and for `anyOf` one is enough when the chosen one fails).
            let mut chosen = w.child();
            chosen.line(&format!("let {ok};"));
            chosen.line(&format!("switch ({t}) {{"));
            for (i, call) in calls.iter().enumerate() {
                if u.variants.get(i).is_some_and(|v| v.tag_value.is_some()) {
                    chosen.line(&format!("  case {i}: {ok} = {call}; break;"));
                }
            }
            chosen.line("}");
            let mut others = if u.exclusive {
                chosen.child_same()
            } else {
                chosen.child()
            };
            others.line(&format!("let {n} = 0;"));
            for (i, (v, call)) in u.variants.iter().zip(&calls).enumerate() {
                // An alternative whose tag constant differs fails on the tag alone.
                let same_tag = p
                    .tag_const(&v.shape, tag)
                    .map(|(_, c)| format!(" && {}", equals(p, &tv, c)))
                    .unwrap_or_default();
                let room = if u.exclusive {
                    format!("{n} < 2")
                } else {
                    format!("{n} === 0")
                };
                others.line(&format!(
                    "if ({room} && {t} !== {i}{same_tag} && {call}) {n}++;"
                ));
            }
            others.line(&format!("{ok} = {ok} ? {n} === 0 : {n} === 1;"));
            if u.exclusive {
                chosen.append(others);
            } else {
                chosen.block(&format!("if (!{ok}) {{"), others);
            }
            chosen.line(&format!("if (!{ok}) return false;"));
            let mut rest = w.child();
            untagged_stmts(&mut rest, &calls, u.exclusive);
            w.line(&format!("if ({t} >= 0) {{"));
            w.append(chosen);
            w.block("} else {", rest);
        }
    }
}

/// When to check a field that is not in the scalar expression: 0 a scalar (an enum, a counted
/// or matched string), 1 a container or a call, 2 a map.
fn stage(p: &Plan<'_>, shape: &Shape) -> u8 {
    let shape = p.inline(shape).unwrap_or(shape);
    match shape {
        Shape::Map(_) => 2,
        Shape::Array(_) | Shape::Object(_) | Shape::Union(_) => 1,
        Shape::Ref { .. } if p.leaf(shape).is_none() => 1,
        Shape::Nullable { inner } => stage(p, inner),
        _ => 0,
    }
}

/// The test of a shape every value passes.
const ANYTHING: &str = "true";

/// An expression for the test of a scalar `shape` on `val` (true when it passes; [`ANYTHING`]
/// when every value does), or `None` when the shape needs statements (containers, calls,
/// counted strings, patterns, enums).
fn scalar_test(p: &mut Plan<'_>, shape: &Shape, val: &str) -> Option<String> {
    if p.inline(shape).is_some() {
        return None;
    }
    let num = |f: f64| super::super::text::js_value(&serde_json::Value::from(f));
    Some(match shape {
        Shape::Any => ANYTHING.to_owned(),
        Shape::Null => format!("{val} === null"),
        Shape::Boolean => format!("typeof {val} === \"boolean\""),
        Shape::String(r)
            if r.min_length.is_none() && r.max_length.is_none() && r.pattern.is_none() =>
        {
            format!("typeof {val} === \"string\"")
        }
        Shape::Integer(r) | Shape::Number(r) => {
            let mut t = vec![format!("typeof {val} === \"number\"")];
            if matches!(shape, Shape::Integer(_)) {
                t.push(format!("Number.isInteger({val})"));
            }
            for (bound, op) in [
                (r.minimum, ">="),
                (r.maximum, "<="),
                (r.exclusive_minimum, ">"),
                (r.exclusive_maximum, "<"),
            ] {
                if let Some(m) = bound {
                    t.push(format!("{val} {op} {}", num(m)));
                }
            }
            t.join(" && ")
        }
        Shape::Const { value } => format!("{val} === {}", primitive(value)?),
        Shape::Nullable { inner } => match scalar_test(p, inner, val)? {
            t if t == ANYTHING => t,
            t => format!("{val} === null || {t}"),
        },
        Shape::Ref { .. } => {
            let target = p.leaf(shape)?;
            if matches!(target, Shape::Enum(_)) {
                return None;
            }
            scalar_test(p, target, val)?
        }
        _ => return None,
    })
}

/// The verdict of an untagged union from its alternatives' calls.
fn untagged_stmts(w: &mut Code, calls: &[String], exclusive: bool) {
    if calls.is_empty() {
        w.line("return false;");
    } else if !exclusive {
        w.line(&format!("if (!({})) return false;", calls.join(" || ")));
    } else {
        let n = w.var("n");
        w.line(&format!("let {n} = 0;"));
        for (i, c) in calls.iter().enumerate() {
            if i == 0 {
                w.line(&format!("if ({c}) {n} = 1;"));
            } else {
                w.line(&format!("if ({c} && ++{n} > 1) return false;"));
            }
        }
        w.line(&format!("if ({n} !== 1) return false;"));
    }
}

/// An expression: whether `val` matches a union alternative at depth `d + k`.
fn alt_call<'a>(p: &mut Plan<'a>, shape: &'a Shape, env: Env, val: &str, k: u32) -> String {
    if let Shape::Ref { name, args } = shape {
        if p.loop_id(shape).is_none() {
            return match p.target(name, args, env) {
                Target::Func(id) => {
                    p.call(id, k + 1);
                    format!("$i{id}({val}, {}, x)", depth(k + 1))
                }
                Target::Missing | Target::TooDeep => "false".into(),
            };
        }
    }
    let id = p.alt_job(shape, env);
    p.call(id, k);
    format!("$i{id}({val}, {}, x)", depth(k))
}

/// An expression: whether `val` equals the JSON value `c`.
pub(super) fn equals(p: &mut Plan<'_>, val: &str, c: &serde_json::Value) -> String {
    match primitive(c) {
        Some(lit) => format!("{val} === {lit}"),
        None => format!("$eq({val}, $c{})", p.constant(c)),
    }
}
