//! The recursive check of one value against one shape.
//!
//! One walk serves two modes: *collect* (every problem, with messages and pointers) and
//! *verdict* (stops at the first error, formats nothing). Unions use verdict mode to find the
//! branches that match, then collect mode on the branch whose problems are worth showing, so
//! their verdict is always the `anyOf`/`oneOf` verdict whatever is reported.
//!
//! Pointers are kept as segments borrowed from the instance and only rendered when a problem is
//! reported. Recursion is bounded by [`MAX_DEPTH`] schema levels (a value nests at most 128
//! levels when parsed by serde_json, but a type may be defined through itself).

use serde_json::{Number, Value};

use super::json::{bound, cmp_num, describe, is_integer, json_eq, literal, quote};
use super::{Problem, Validator};
use crate::diag::Severity;
use crate::ir::{NumberRules, Shape, StringRules, UnionShape, UnknownFields};
use crate::pattern;

/// How many schema levels one check may descend before it gives up with a problem (the
/// generated TypeScript checkers keep the same limit).
pub const MAX_DEPTH: u32 = 1024;

/// One token of an instance pointer.
#[derive(Debug, Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// Generic arguments in scope: the parameters of the `Ref`'d definition bound to its arguments,
/// which are themselves read in the enclosing scope.
#[derive(Debug)]
struct Frame<'s, 'e> {
    params: &'s [String],
    args: &'s [Shape],
    outer: Env<'s, 'e>,
}

type Env<'s, 'e> = Option<&'e Frame<'s, 'e>>;

/// The state of one walk over an instance.
#[derive(Debug)]
struct Walk<'v> {
    collect: bool,
    path: Vec<Seg<'v>>,
    problems: Vec<Problem>,
    errors: usize,
    warnings: usize,
    /// The `Ref`s being checked, innermost last, as (ref node, value, generic scope) addresses:
    /// entering one again at the same value in the same scope is a loop that would never
    /// consume the value (`A = A | null`), reported instead of followed.
    active: Vec<(usize, usize, usize)>,
}

/// Where a walk stood, to roll back what a discarded union branch reported.
#[derive(Debug, Clone, Copy)]
struct Snapshot {
    problems: usize,
    errors: usize,
    warnings: usize,
}

impl<'v> Walk<'v> {
    fn new(collect: bool, path: Vec<Seg<'v>>) -> Self {
        Walk {
            collect,
            path,
            problems: Vec::new(),
            errors: 0,
            warnings: 0,
            active: Vec::new(),
        }
    }

    fn pointer(&self) -> String {
        render(&self.path)
    }

    fn report(
        &mut self,
        severity: Severity,
        keyword: &'static str,
        message: impl FnOnce() -> String,
    ) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        if self.collect {
            let pointer = self.pointer();
            self.problems.push(Problem {
                pointer,
                keyword,
                message: message(),
                severity,
            });
        }
    }

    fn error(&mut self, keyword: &'static str, message: impl FnOnce() -> String) {
        self.report(Severity::Error, keyword, message);
    }

    /// Whether verdict mode may stop: an error was found since `start`.
    fn stop(&self, start: usize) -> bool {
        !self.collect && self.errors > start
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            problems: self.problems.len(),
            errors: self.errors,
            warnings: self.warnings,
        }
    }

    fn rollback(&mut self, s: Snapshot) {
        self.problems.truncate(s.problems);
        self.errors = s.errors;
        self.warnings = s.warnings;
    }
}

/// Renders pointer segments as an RFC 6901 pointer.
fn render(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Index(i) => out.push_str(&i.to_string()),
            Seg::Key(k) => {
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
        }
    }
    out
}

/// Checks `value` against `shape`; returns the verdict and, in collect mode, the problems.
pub(super) fn run(
    v: &Validator<'_>,
    shape: &Shape,
    value: &Value,
    collect: bool,
) -> (bool, Vec<Problem>) {
    let mut w = Walk::new(collect, Vec::new());
    let ok = v.check(shape, None, value, &mut w, 0);
    (ok, w.problems)
}

fn type_error(w: &mut Walk<'_>, expected: &str, value: &Value) -> bool {
    w.error("type", || {
        format!("expected {expected}; got {}", describe(value))
    });
    false
}

impl<'ir> Validator<'ir> {
    /// The verdict of `value` against `shape`, and whether warnings were found on the way
    /// (exact when the verdict is `true`: the walk then ran to the end).
    fn verdict<'s>(
        &'s self,
        shape: &'s Shape,
        env: Env<'s, '_>,
        value: &Value,
        parent: &mut Walk<'_>,
        depth: u32,
    ) -> (bool, bool) {
        let mut w = Walk::new(false, Vec::new());
        w.active = std::mem::take(&mut parent.active);
        let ok = self.check(shape, env, value, &mut w, depth);
        parent.active = std::mem::take(&mut w.active);
        (ok, w.warnings > 0)
    }

    /// Checks `value` against `shape`, reporting into `w`; `true` when no error was added.
    fn check<'s, 'v>(
        &'s self,
        shape: &'s Shape,
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        if depth > MAX_DEPTH {
            w.error("$ref", || {
                format!("the schema nests more than {MAX_DEPTH} levels here; is a type defined only through itself?")
            });
            return false;
        }
        match shape {
            Shape::Any => true,
            Shape::Null => value.is_null() || type_error(w, "null", value),
            Shape::Boolean => value.is_boolean() || type_error(w, "boolean", value),
            Shape::Integer(rules) => match value {
                Value::Number(n) if is_integer(n) => number_bounds(rules, n, w),
                _ => type_error(w, "integer", value),
            },
            Shape::Number(rules) => match value {
                Value::Number(n) => number_bounds(rules, n, w),
                _ => type_error(w, "number", value),
            },
            Shape::String(rules) => match value {
                Value::String(s) => self.string_rules(rules, s, w),
                _ => type_error(w, "string", value),
            },
            Shape::Const { value: c } => {
                json_eq(value, c) || {
                    w.error("const", || {
                        format!("expected {}; got {}", literal(c), describe(value))
                    });
                    false
                }
            }
            Shape::Enum(e) => {
                e.values.iter().any(|ev| json_eq(value, &ev.value)) || {
                    w.error("enum", || {
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
                        format!(
                            "expected one of {}{more}; got {}",
                            shown.join(", "),
                            describe(value)
                        )
                    });
                    false
                }
            }
            Shape::Ref { name, args } => {
                let def = self
                    .refs
                    .get(&(std::ptr::from_ref(shape) as usize))
                    .copied();
                let Some(def) = def.or_else(|| self.ir.types.get(name)) else {
                    w.error("$ref", || {
                        format!("type {name:?} is not defined in this view")
                    });
                    return false;
                };
                let value_at = std::ptr::from_ref(value) as usize;
                let key = (
                    std::ptr::from_ref(shape) as usize,
                    value_at,
                    env.map_or(0, |f| std::ptr::from_ref(f) as usize),
                );
                // The entries for this value are the top of the stack (see `Walk::active`).
                let looping = w
                    .active
                    .iter()
                    .rev()
                    .take_while(|k| k.1 == value_at)
                    .any(|k| *k == key);
                if looping {
                    w.error("$ref", || {
                        format!("type {name:?} refers to itself here without going into the value (a loop)")
                    });
                    return false;
                }
                w.active.push(key);
                let ok = self.check_def(def, args, env, value, w, depth);
                w.active.pop();
                ok
            }
            Shape::TypeParam { name } => self.type_param(name, env, value, w, depth),
            Shape::Nullable { inner } => {
                if value.is_null() {
                    return true;
                }
                if let Some(kind) = self.simple_kind(inner) {
                    if !kind_matches(kind, value) {
                        return type_error(w, &format!("{kind} or null"), value);
                    }
                }
                self.check(inner, env, value, w, depth + 1)
            }
            Shape::Array(a) => {
                let Value::Array(items) = value else {
                    return type_error(w, "array", value);
                };
                let start = w.errors;
                let len = items.len() as u64;
                if let Some(min) = a.min_items.filter(|&m| len < m) {
                    w.error("minItems", || {
                        format!("expected at least {min} item{}; got {len}", plural(min))
                    });
                }
                if let Some(max) = a.max_items.filter(|&m| len > m) {
                    w.error("maxItems", || {
                        format!("expected at most {max} item{}; got {len}", plural(max))
                    });
                }
                for (i, item) in items.iter().enumerate() {
                    if w.stop(start) {
                        break;
                    }
                    w.path.push(Seg::Index(i));
                    self.check(&a.items, env, item, w, depth + 1);
                    w.path.pop();
                }
                w.errors == start
            }
            Shape::Map(m) => {
                let Value::Object(map) = value else {
                    return type_error(w, "object", value);
                };
                let start = w.errors;
                for (k, v) in map {
                    if w.stop(start) {
                        break;
                    }
                    w.path.push(Seg::Key(k));
                    if let Some(p) = &m.key_pattern {
                        if !self.matches(p, k, w) {
                            w.error("propertyNames", || {
                                format!(
                                    "property name {} does not match the pattern {}",
                                    quote(k),
                                    quote(p)
                                )
                            });
                        }
                    }
                    self.check(&m.values, env, v, w, depth + 1);
                    w.path.pop();
                }
                w.errors == start
            }
            Shape::Object(o) => {
                let Value::Object(map) = value else {
                    return type_error(w, "object", value);
                };
                let start = w.errors;
                let at = w.problems.len();
                let required = o.fields.iter().filter(|f| f.required).count();
                if !w.collect && map.len() < required {
                    // Some required property is missing: the verdict needs no more.
                    w.error("required", String::new);
                    return false;
                }
                // Required properties are counted while the instance's keys are read; only when
                // some are missing are they looked up one by one (to say which).
                let mut required_present = 0;
                let index = self.field_index.get(&(std::ptr::from_ref(o) as usize));
                for (k, v) in map {
                    if w.stop(start) {
                        break;
                    }
                    let field = match index {
                        Some(ix) => ix.get(k.as_str()).and_then(|&i| o.fields.get(i)),
                        None => o.fields.iter().find(|f| f.name == *k),
                    };
                    w.path.push(Seg::Key(k));
                    match (field, o.unknown) {
                        (Some(f), _) => {
                            required_present += usize::from(f.required);
                            self.check(&f.shape, env, v, w, depth + 1);
                        }
                        (None, UnknownFields::Closed) => {
                            w.error("additionalProperties", || {
                                format!("property {} is not allowed here", quote(k))
                            });
                        }
                        (None, UnknownFields::Open) => {
                            let severity = if self.options.deny_unknown {
                                Severity::Error
                            } else {
                                Severity::Warning
                            };
                            w.report(severity, "additionalProperties", || {
                                format!("property {} is not declared", quote(k))
                            });
                        }
                    }
                    w.path.pop();
                }
                if required_present < required && !w.stop(start) {
                    // Reported before the problems of the properties, in field order.
                    let later = w.problems.split_off(at.min(w.problems.len()));
                    for f in o.fields.iter().filter(|f| f.required) {
                        if !map.contains_key(&f.name) {
                            w.error("required", || {
                                format!("missing required property {}", quote(&f.name))
                            });
                        }
                    }
                    w.problems.extend(later);
                }
                w.errors == start
            }
            Shape::Union(u) => self.union(u, env, value, w, depth + 1),
        }
    }

    fn check_def<'s, 'v>(
        &'s self,
        def: &'s crate::ir::TypeDef,
        args: &'s [Shape],
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        if def.type_params.is_empty() {
            self.check(&def.shape, env, value, w, depth + 1)
        } else {
            let frame = Frame {
                params: &def.type_params,
                args,
                outer: env,
            };
            self.check(&def.shape, Some(&frame), value, w, depth + 1)
        }
    }

    fn type_param<'s, 'v>(
        &'s self,
        name: &str,
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        let bound = env.and_then(|f| {
            let i = f.params.iter().position(|p| p == name)?;
            Some((f.args.get(i)?, f.outer))
        });
        match bound {
            Some((arg, outer)) => self.check(arg, outer, value, w, depth + 1),
            // Unbound (the generic type itself was asked for): any value, as in JSON Schema.
            None => true,
        }
    }

    fn string_rules(&self, r: &StringRules, s: &str, w: &mut Walk<'_>) -> bool {
        let start = w.errors;
        // Lengths count code points; the byte length bounds them (1 to 4 bytes each), which
        // spares the count in the common case.
        if let Some(min) = r
            .min_length
            .filter(|&m| (s.len() as u64) < m.saturating_mul(4))
        {
            let n = s.chars().count() as u64;
            if n < min {
                w.error("minLength", || {
                    format!("expected at least {min} character{}; got {n}", plural(min))
                });
            }
        }
        if let Some(max) = r.max_length.filter(|&m| s.len() as u64 > m) {
            let n = s.chars().count() as u64;
            if n > max {
                w.error("maxLength", || {
                    format!("expected at most {max} character{}; got {n}", plural(max))
                });
            }
        }
        if let Some(p) = &r.pattern {
            if !self.matches(p, s, w) {
                w.error("pattern", || {
                    format!("{} does not match the pattern {}", quote(s), quote(p))
                });
            }
        }
        w.errors == start
    }

    /// Whether `s` matches the ECMA-262 `pattern`. A pattern of a shape outside the view is
    /// compiled on the spot; one that cannot be compiled is reported (and counts as a match so
    /// the instance gets one problem, not two).
    fn matches(&self, pattern: &str, s: &str, w: &mut Walk<'_>) -> bool {
        if let Some(r) = self.regexes.get(pattern) {
            return r.is_match(s);
        }
        match pattern::compile(pattern) {
            Ok(r) => r.is_match(s),
            Err(e) => {
                w.error("pattern", || e.to_string());
                true
            }
        }
    }

    /// The JSON type a shape demands, when it demands exactly one (through `Ref`s).
    fn simple_kind(&self, shape: &Shape) -> Option<&'static str> {
        match self.ir.resolve(shape) {
            Shape::Boolean => Some("boolean"),
            Shape::Integer(_) => Some("integer"),
            Shape::Number(_) => Some("number"),
            Shape::String(_) => Some("string"),
            Shape::Array(_) => Some("array"),
            Shape::Map(_) | Shape::Object(_) => Some("object"),
            _ => None,
        }
    }

    fn union<'s, 'v>(
        &'s self,
        u: &'s UnionShape,
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        if let (Some(tag), Value::Object(map)) = (&u.tag, value) {
            if let Some(tv) = map.get(tag) {
                let chosen = u
                    .variants
                    .iter()
                    .position(|v| v.tag_value.as_ref().is_some_and(|t| json_eq(t, tv)));
                if let Some(ci) = chosen {
                    return self.tagged(u, tag, ci, env, value, w, depth);
                }
            }
        }
        self.untagged(u, env, value, w, depth)
    }

    /// A tagged union whose tag selects variant `ci`: its problems are the ones reported, but
    /// the other variants are still tried so the verdict is the `anyOf`/`oneOf` one.
    #[allow(clippy::too_many_arguments)]
    fn tagged<'s, 'v>(
        &'s self,
        u: &'s UnionShape,
        tag: &str,
        ci: usize,
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        let snap = w.snapshot();
        let Some(chosen) = u.variants.get(ci) else {
            return self.untagged(u, env, value, w, depth);
        };
        let chosen_ok = self.check(&chosen.shape, env, value, w, depth);
        if chosen_ok && !u.exclusive {
            return true;
        }
        let mut others = Vec::new();
        for (i, v) in u.variants.iter().enumerate() {
            if i == ci || self.tag_rejects(&v.shape, tag, value) {
                continue;
            }
            let (ok, warned) = self.verdict(&v.shape, env, value, w, depth);
            if ok {
                others.push((i, warned));
                if !u.exclusive || others.len() > 1 {
                    break;
                }
            }
        }
        match (chosen_ok, others.as_slice()) {
            (true, []) => true,
            (false, []) => false,
            (true, [(i, _), ..]) => {
                self.more_than_one(u, ci, *i, w);
                false
            }
            (false, [(i, warned)]) => {
                // Another variant matches although the tag says otherwise; its verdict wins.
                w.rollback(snap);
                if *warned {
                    if let Some(v) = u.variants.get(*i) {
                        self.check(&v.shape, env, value, w, depth);
                    }
                }
                true
            }
            (false, [(i, _), (j, _), ..]) => {
                // Only reachable for `oneOf`: `anyOf` stops at the first match.
                w.rollback(snap);
                self.more_than_one(u, *i, *j, w);
                false
            }
        }
    }

    fn more_than_one(&self, u: &UnionShape, a: usize, b: usize, w: &mut Walk<'_>) {
        w.error("oneOf", || {
            let name = |i: usize| {
                u.variants
                    .get(i)
                    .map(|v| self.alt_name(&v.shape))
                    .unwrap_or_default()
            };
            format!(
                "matches more than one alternative ({} and {}); exactly one must match",
                name(a),
                name(b)
            )
        });
    }

    /// Whether a variant certainly fails on the tag alone: it is an object whose tag field is
    /// a `Const` the value does not hold.
    fn tag_rejects(&self, shape: &Shape, tag: &str, value: &Value) -> bool {
        let Shape::Object(o) = self.ir.resolve(shape) else {
            return false;
        };
        let Some(f) = o.fields.iter().find(|f| f.name == tag) else {
            return false;
        };
        let Shape::Const { value: c } = self.ir.resolve(&f.shape) else {
            return false;
        };
        match value.get(tag) {
            None => f.required,
            Some(v) => !json_eq(v, c),
        }
    }

    fn untagged<'s, 'v>(
        &'s self,
        u: &'s UnionShape,
        env: Env<'s, '_>,
        value: &'v Value,
        w: &mut Walk<'v>,
        depth: u32,
    ) -> bool {
        let mut matched: Vec<(usize, bool)> = Vec::new();
        for (i, v) in u.variants.iter().enumerate() {
            let (ok, warned) = self.verdict(&v.shape, env, value, w, depth);
            if ok {
                matched.push((i, warned));
                if !u.exclusive || matched.len() > 1 {
                    break;
                }
            }
        }
        let kw = if u.exclusive { "oneOf" } else { "anyOf" };
        match matched.as_slice() {
            [(i, warned), ..] if !u.exclusive || matched.len() == 1 => {
                if *warned {
                    if let Some(v) = u.variants.get(*i) {
                        self.check(&v.shape, env, value, w, depth);
                    }
                }
                true
            }
            [(i, _), (j, _), ..] => {
                self.more_than_one(u, *i, *j, w);
                false
            }
            _ => {
                if w.collect {
                    let message =
                        self.no_match_message(u, env, value, &w.path, &mut w.active, depth);
                    w.error(kw, || message);
                } else {
                    w.error(kw, String::new);
                }
                false
            }
        }
    }

    /// Says why no alternative matched, with the closest alternative's first problem as a hint.
    fn no_match_message<'s, 'v>(
        &'s self,
        u: &'s UnionShape,
        env: Env<'s, '_>,
        value: &'v Value,
        path: &[Seg<'v>],
        active: &mut Vec<(usize, usize, usize)>,
        depth: u32,
    ) -> String {
        let alts: Vec<String> = u.variants.iter().map(|v| self.alt_name(&v.shape)).collect();
        if let Some(tag) = &u.tag {
            let tags: Vec<String> = u
                .variants
                .iter()
                .filter_map(|v| v.tag_value.as_ref().map(literal))
                .collect();
            match value {
                Value::Object(map) => match map.get(tag) {
                    None => {
                        return format!(
                            "missing the discriminating property {} (one of {})",
                            quote(tag),
                            tags.join(", ")
                        );
                    }
                    Some(t) => {
                        return format!(
                            "property {} is {}; expected one of {}",
                            quote(tag),
                            describe(t),
                            tags.join(", ")
                        );
                    }
                },
                _ => {
                    return format!(
                        "expected an object ({}); got {}",
                        alts.join(" or "),
                        describe(value)
                    );
                }
            }
        }
        let mut message = format!("expected {}; got {}", alts.join(" or "), describe(value));
        // The closest branch: one whose type fits rather than one that fails on the type at the
        // union itself (the summary already says that), then the fewest problems, then the first.
        let here_ptr = render(path);
        let mut best: Option<((bool, usize), usize, Vec<Problem>)> = None;
        for (i, v) in u.variants.iter().enumerate() {
            let mut sub = Walk::new(true, path.to_vec());
            sub.active = std::mem::take(active);
            self.check(&v.shape, env, value, &mut sub, depth);
            *active = std::mem::take(&mut sub.active);
            let problems: Vec<Problem> =
                sub.problems.into_iter().filter(Problem::is_error).collect();
            let wrong_type = problems
                .iter()
                .all(|p| p.keyword == "type" && p.pointer == here_ptr);
            let rank = (wrong_type, problems.len());
            if best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
                best = Some((rank, i, problems));
            }
        }
        if let Some(((wrong_type, _), i, problems)) = best {
            if let (Some(first), false) = (problems.first(), wrong_type || u.variants.len() < 2) {
                let more = problems.len() - 1;
                let more = if more > 0 {
                    format!(" (+{more} more)")
                } else {
                    String::new()
                };
                let alt = alts.get(i).cloned().unwrap_or_default();
                message.push_str(&format!("; closest is {alt}: {first}{more}"));
            }
        }
        message
    }

    /// A short name for an alternative in messages.
    fn alt_name(&self, shape: &Shape) -> String {
        match shape {
            Shape::Ref { name, args } if args.is_empty() => name.clone(),
            Shape::Ref { name, args } => {
                format!(
                    "{name}<{}>",
                    args.iter()
                        .map(|a| self.alt_name(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            Shape::Any => "any value".into(),
            Shape::Null => "null".into(),
            Shape::Boolean => "boolean".into(),
            Shape::Integer(_) => "integer".into(),
            Shape::Number(_) => "number".into(),
            Shape::String(_) => "string".into(),
            Shape::Const { value } => literal(value),
            Shape::TypeParam { name } => name.clone(),
            Shape::Nullable { inner } => format!("{} or null", self.alt_name(inner)),
            Shape::Array(a) => format!("array of {}", self.alt_name(&a.items)),
            Shape::Map(_) => "map".into(),
            Shape::Object(_) => "object".into(),
            Shape::Enum(e) => {
                let shown: Vec<String> =
                    e.values.iter().take(5).map(|v| literal(&v.value)).collect();
                format!(
                    "one of {}{}",
                    shown.join("/"),
                    if e.values.len() > 5 { "/…" } else { "" }
                )
            }
            Shape::Union(_) => "union".into(),
        }
    }
}

fn kind_matches(kind: &str, value: &Value) -> bool {
    match (kind, value) {
        ("integer", Value::Number(n)) => is_integer(n),
        ("number", Value::Number(_))
        | ("boolean", Value::Bool(_))
        | ("string", Value::String(_)) => true,
        ("array", Value::Array(_)) | ("object", Value::Object(_)) => true,
        _ => false,
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn number_bounds(r: &NumberRules, n: &Number, w: &mut Walk<'_>) -> bool {
    use std::cmp::Ordering::{Greater, Less};
    let start = w.errors;
    if let Some(m) = r.minimum {
        if !matches!(cmp_num(n, m), Some(o) if o != Less) {
            w.error("minimum", || {
                format!("expected at least {}; got {n}", bound(m))
            });
        }
    }
    if let Some(m) = r.maximum {
        if !matches!(cmp_num(n, m), Some(o) if o != Greater) {
            w.error("maximum", || {
                format!("expected at most {}; got {n}", bound(m))
            });
        }
    }
    if let Some(m) = r.exclusive_minimum {
        if cmp_num(n, m) != Some(Greater) {
            w.error("exclusiveMinimum", || {
                format!("expected more than {}; got {n}", bound(m))
            });
        }
    }
    if let Some(m) = r.exclusive_maximum {
        if cmp_num(n, m) != Some(Less) {
            w.error("exclusiveMaximum", || {
                format!("expected less than {}; got {n}", bound(m))
            });
        }
    }
    w.errors == start
}
