//! What the checkers of one view are made of: one function per named type (per set of generic
//! arguments), one per union alternative, the patterns, constants and union descriptors they
//! share, and which references can loop. Both emitters ([`super::guard`], [`super::collect`])
//! ask the plan for the functions they call, so that they call the same ones.
//!
//! Generic types are specialised (monomorphised): `OperationResult<InteractionData>` gets its own
//! function, in which `T` is replaced by the argument read in the caller's scope, exactly the
//! scope the Rust checker's frames give it. A reference whose generic arguments would nest more
//! than [`MAX_FRAMES`] frames deep (a type that applies itself to ever larger arguments) is
//! checked as the depth limit: it could only be followed that far with a value nested hundreds
//! of levels, where the Rust checker stops at its depth limit too.

use std::collections::{BTreeMap, BTreeSet};

use adcontract_schema::ir::{Ir, Shape, TypeDef};
// The Rust checker's depth limit, which the checkers keep (`runtime.js` words it in `$deep`;
// a test holds the two equal).
use adcontract_schema::validate::MAX_DEPTH;
use adcontract_schema::validate::json::literal;
use serde_json::Value;

use super::super::pattern::js_pattern;
use super::super::text::{js_string, js_value};

/// How many nested generic frames a specialisation may have.
pub(super) const MAX_FRAMES: usize = 32;

/// The most shape nodes (with what it checks in place itself) a type may have to be checked in
/// place where it is referenced rather than called (see [`Plan::inline`]).
const INLINE_NODES: usize = 48;

/// A generic scope: the parameters of a referenced definition bound to the reference's
/// arguments, which are read in the `outer` scope.
#[derive(Debug)]
pub(super) struct Frame<'a> {
    pub(super) params: &'a [String],
    pub(super) args: &'a [Shape],
    pub(super) outer: Env,
    depth: usize,
}

/// The generic scope shapes are read in (`None`: no type parameter is bound).
pub(super) type Env = Option<usize>;

/// One function pair (`$i<n>` fast verdict, `$v<n>` collecting checker).
#[derive(Debug, Clone, Copy)]
pub(super) enum Job<'a> {
    /// A named type's shape, in a scope (`Some` only for generic types).
    Def { def: &'a TypeDef, env: Env },
    /// A union alternative's shape, checked at the alternative's own depth.
    Alt { shape: &'a Shape, env: Env },
}

/// Where a reference leads.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    /// The function pair of the referenced type.
    Func(usize),
    /// A name the view does not define.
    Missing,
    /// A generic specialisation nested beyond [`MAX_FRAMES`].
    TooDeep,
}

#[derive(Debug)]
pub(crate) struct Plan<'a> {
    pub(super) ir: &'a Ir,
    pub(super) frames: Vec<Frame<'a>>,
    frame_ids: BTreeMap<(String, String, Env), usize>,
    pub(super) jobs: Vec<Job<'a>>,
    def_jobs: BTreeMap<(String, Env), usize>,
    alt_jobs: BTreeMap<(usize, Env), usize>,
    /// (JavaScript source, the schema's pattern).
    pub(super) patterns: Vec<(String, String)>,
    /// Module-level constants (hardened JSON text).
    pub(super) consts: Vec<String>,
    /// Union descriptors for the collecting checkers (JavaScript object literals).
    pub(super) unions: Vec<String>,
    union_ids: BTreeMap<(usize, Env), usize>,
    /// Per union descriptor, the jobs of its alternatives.
    union_alts: Vec<Vec<usize>>,
    /// `Ref` nodes (by address) that may be entered again at the same value.
    loop_prone: BTreeSet<usize>,
    loop_ids: BTreeMap<usize, usize>,
    /// The named container types checked in place where referenced.
    inlined: BTreeSet<&'a str>,
    /// The job whose functions are being emitted.
    current: usize,
    /// Calls between jobs seen while emitting: (caller, callee, the callee's depth offset).
    calls: Vec<(usize, usize, u32)>,
    /// Per job, the largest offset below its own depth at which it checks the depth limit.
    deepest: BTreeMap<usize, u32>,
    /// The jobs that can never reach the depth limit (see [`Plan::prove_depths`]).
    shallow: BTreeSet<usize>,
}

fn addr<T>(x: &T) -> usize {
    std::ptr::from_ref(x) as usize
}

impl<'a> Plan<'a> {
    pub(crate) fn new(ir: &'a Ir) -> Self {
        let mut p = Plan {
            ir,
            frames: Vec::new(),
            frame_ids: BTreeMap::new(),
            jobs: Vec::new(),
            def_jobs: BTreeMap::new(),
            alt_jobs: BTreeMap::new(),
            patterns: Vec::new(),
            consts: Vec::new(),
            unions: Vec::new(),
            union_ids: BTreeMap::new(),
            union_alts: Vec::new(),
            loop_prone: BTreeSet::new(),
            loop_ids: BTreeMap::new(),
            inlined: BTreeSet::new(),
            current: 0,
            calls: Vec::new(),
            deepest: BTreeMap::new(),
            shallow: BTreeSet::new(),
        };
        p.find_loops();
        p.find_inlined();
        // Every named type first, in name order, so that `$i<n>` numbers are stable.
        for def in ir.types.values() {
            p.def_job(def, None);
        }
        p
    }

    /// Starts emitting the functions of job `id`.
    pub(super) fn begin(&mut self, id: usize) {
        self.current = id;
    }

    /// Notes that the current job calls job `callee` at `d + k`.
    pub(super) fn call(&mut self, callee: usize, k: u32) {
        self.calls.push((self.current, callee, k));
    }

    /// The test of the depth limit at `d + k` in the current job, or `None` where no value can
    /// be that deep (the job is [`shallow`](Plan::prove_depths)).
    pub(super) fn too_deep(&mut self, k: u32) -> Option<String> {
        let deepest = self.deepest.entry(self.current).or_insert(0);
        *deepest = (*deepest).max(k);
        (!self.shallow.contains(&self.current)).then(|| format!("{} > {MAX_DEPTH}", depth(k)))
    }

    /// After every job was emitted once: the jobs whose depth checks can never fire. Each job
    /// is entered at depth 0 (an exported checker) or by the calls seen; where the calls form
    /// no cycle, the deepest a job is ever entered is the longest path to it, and a job entered
    /// at most `m` deep whose checks look at most `k` below cannot exceed the limit when
    /// `m + k <= MAX_DEPTH`. Jobs in or below a cycle (recursive types) keep every check.
    /// Generation runs twice for this (see `checkers`): the calls are only known once the
    /// bodies exist, and emitting is cheap next to a check run on every value.
    pub(super) fn prove_depths(&self) -> BTreeSet<usize> {
        let n = self.jobs.len();
        let mut incoming = vec![0usize; n];
        let mut out: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
        for &(from, to, k) in &self.calls {
            if from < n && to < n {
                incoming[to] += 1;
                out[from].push((to, k));
            }
        }
        // Kahn's order: a job is settled once all its callers are; those left are in or below
        // a cycle.
        let mut entered = vec![0u64; n];
        let mut ready: Vec<usize> = (0..n).filter(|&j| incoming[j] == 0).collect();
        let mut settled = BTreeSet::new();
        while let Some(j) = ready.pop() {
            settled.insert(j);
            for &(to, k) in &out[j] {
                entered[to] = entered[to].max(entered[j] + u64::from(k));
                incoming[to] -= 1;
                if incoming[to] == 0 {
                    ready.push(to);
                }
            }
        }
        settled
            .into_iter()
            .filter(|&j| {
                let k = self.deepest.get(&j).copied().unwrap_or(0);
                entered[j] + u64::from(k) <= u64::from(MAX_DEPTH)
            })
            .collect()
    }

    /// Takes the jobs an earlier plan of the same view proved shallow (see `prove_depths`).
    pub(super) fn assume_shallow(&mut self, jobs: BTreeSet<usize>) {
        self.shallow = jobs;
    }

    /// The function pair checking a named type unscoped (the exported `is…`/`validate…`).
    pub(super) fn top(&self, name: &str) -> Option<usize> {
        self.def_jobs.get(&(name.to_owned(), None)).copied()
    }

    fn def_job(&mut self, def: &'a TypeDef, env: Env) -> usize {
        let key = (def.name.clone(), env);
        if let Some(&id) = self.def_jobs.get(&key) {
            return id;
        }
        self.jobs.push(Job::Def { def, env });
        let id = self.jobs.len() - 1;
        self.def_jobs.insert(key, id);
        id
    }

    /// The function pair of a union alternative read in `env`.
    pub(super) fn alt_job(&mut self, shape: &'a Shape, env: Env) -> usize {
        let key = (addr(shape), env);
        if let Some(&id) = self.alt_jobs.get(&key) {
            return id;
        }
        self.jobs.push(Job::Alt { shape, env });
        let id = self.jobs.len() - 1;
        self.alt_jobs.insert(key, id);
        id
    }

    /// Where `Ref { name, args }`, read in `env`, leads.
    pub(super) fn target(&mut self, name: &str, args: &'a [Shape], env: Env) -> Target {
        let Some(def) = self.ir.types.get(name) else {
            return Target::Missing;
        };
        if def.type_params.is_empty() {
            return Target::Func(self.def_job(def, None));
        }
        let depth = env.and_then(|e| self.frames.get(e)).map_or(0, |f| f.depth) + 1;
        if depth > MAX_FRAMES {
            return Target::TooDeep;
        }
        let args_key = serde_json::to_string(args).unwrap_or_default();
        let key = (name.to_owned(), args_key, env);
        let frame = match self.frame_ids.get(&key) {
            Some(&f) => f,
            None => {
                self.frames.push(Frame {
                    params: &def.type_params,
                    args,
                    outer: env,
                    depth,
                });
                let f = self.frames.len() - 1;
                self.frame_ids.insert(key, f);
                f
            }
        };
        Target::Func(self.def_job(def, Some(frame)))
    }

    /// The shape of a referenced type to check in place rather than call: a non-generic type
    /// whose check is a few comparisons (an enum, a constant, a scalar), as ajv inlines small
    /// references. Its depth is still counted one level down, as a call would.
    pub(super) fn leaf(&self, node: &Shape) -> Option<&'a Shape> {
        let Shape::Ref { name, args } = node else {
            return None;
        };
        let def = self.ir.types.get(name)?;
        let leaf = args.is_empty()
            && def.type_params.is_empty()
            && !self.loop_prone.contains(&addr(node))
            && matches!(
                def.shape,
                Shape::Enum(_)
                    | Shape::Const { .. }
                    | Shape::String(_)
                    | Shape::Integer(_)
                    | Shape::Number(_)
                    | Shape::Boolean
                    | Shape::Null
            );
        leaf.then_some(&def.shape)
    }

    /// The shape of a referenced type to check in place rather than call: a small object, array
    /// or map type that is neither generic nor recursive (so expanding it always ends), as ajv
    /// inlines small references. A call costs more than the checks of such a type, and the
    /// engine's own inlining gives up inside large checkers. Its depth is checked where it
    /// begins, as the called function would.
    pub(super) fn inline(&self, node: &Shape) -> Option<&'a Shape> {
        let Shape::Ref { name, args } = node else {
            return None;
        };
        let def = self.ir.types.get(name)?;
        let inline = args.is_empty()
            && self.inlined.contains(name.as_str())
            && !self.loop_prone.contains(&addr(node));
        inline.then_some(&def.shape)
    }

    /// Fills `inlined`: the non-generic object, array and map types that cannot reach
    /// themselves through any reference and stay within [`INLINE_NODES`] once expanded.
    fn find_inlined(&mut self) {
        let ir = self.ir;
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for def in ir.types.values() {
            let mut names = BTreeSet::new();
            all_refs(&def.shape, &mut names);
            edges.insert(&def.name, names.into_iter().collect());
        }
        let candidates: BTreeSet<&'a str> = ir
            .types
            .values()
            .filter(|d| {
                d.type_params.is_empty()
                    && matches!(d.shape, Shape::Object(_) | Shape::Array(_) | Shape::Map(_))
                    && !reaches_itself(&edges, &d.name)
            })
            .map(|d| d.name.as_str())
            .collect();
        // Sizes with the candidates expanded; a candidate reaches only candidates that cannot
        // reach it back (none is recursive), so the memoised walk ends.
        let mut sizes: BTreeMap<&'a str, usize> = BTreeMap::new();
        for &name in &candidates {
            expanded(ir, name, &candidates, &mut sizes);
        }
        self.inlined = candidates
            .into_iter()
            .filter(|n| sizes.get(n).is_some_and(|&s| s <= INLINE_NODES))
            .collect();
    }

    /// The argument a type parameter stands for in `env`, with the scope it is read in.
    pub(super) fn bound(&self, name: &str, env: Env) -> Option<(&'a Shape, Env)> {
        let f = self.frames.get(env?)?;
        let i = f.params.iter().position(|p| p == name)?;
        Some((f.args.get(i)?, f.outer))
    }

    /// The index of a pattern's lazily compiled `RegExp` (`$g<n>()`).
    pub(super) fn pattern(&mut self, p: &str) -> usize {
        if let Some(i) = self.patterns.iter().position(|(_, q)| q == p) {
            return i;
        }
        self.patterns.push((js_pattern(p), p.to_owned()));
        self.patterns.len() - 1
    }

    /// The index of a module-level constant (`$c<n>`) holding `v`.
    pub(super) fn constant(&mut self, v: &Value) -> usize {
        let text = js_value(v);
        if let Some(i) = self.consts.iter().position(|c| *c == text) {
            return i;
        }
        self.consts.push(text);
        self.consts.len() - 1
    }

    /// The loop id of a `Ref` node that may be entered again at the same value.
    pub(super) fn loop_id(&mut self, node: &Shape) -> Option<usize> {
        let a = addr(node);
        if !self.loop_prone.contains(&a) {
            return None;
        }
        let n = self.loop_ids.len();
        Some(*self.loop_ids.entry(a).or_insert(n))
    }

    /// The descriptor (`$u<n>`) of a union read in `env`, for the collecting checkers.
    pub(super) fn union(&mut self, u: &'a adcontract_schema::ir::UnionShape, env: Env) -> usize {
        let key = (addr(u), env);
        if let Some(&id) = self.union_ids.get(&key) {
            return id;
        }
        let alts: Vec<String> = u
            .variants
            .iter()
            .map(|v| js_string(&alt_name(&v.shape)))
            .collect();
        let ids: Vec<usize> = u
            .variants
            .iter()
            .map(|v| self.alt_job(&v.shape, env))
            .collect();
        let tags: Vec<String> = u
            .variants
            .iter()
            .map(|v| v.tag_value.as_ref().map_or("null".into(), js_value))
            .collect();
        let rejects: Vec<String> = u
            .variants
            .iter()
            .map(
                |v| match u.tag.as_deref().and_then(|t| self.tag_const(&v.shape, t)) {
                    Some((required, c)) => format!("[{required}, {}]", js_value(c)),
                    None => "null".into(),
                },
            )
            .collect();
        let list = |f: &dyn Fn(usize) -> String| ids.iter().map(|&i| f(i)).collect::<Vec<_>>();
        let text = format!(
            "{{ alts: [{}], is: [{}], check: [{}], tag: {}, tags: [{}], rejects: [{}], exclusive: {} }}",
            alts.join(", "),
            list(&|i| format!("$i{i}")).join(", "),
            list(&|i| format!("$v{i}")).join(", "),
            u.tag.as_deref().map_or("null".into(), js_string),
            tags.join(", "),
            rejects.join(", "),
            u.exclusive
        );
        self.unions.push(text);
        self.union_alts.push(ids);
        let id = self.unions.len() - 1;
        self.union_ids.insert(key, id);
        id
    }

    /// The jobs of the alternatives of union descriptor `id`.
    pub(super) fn union_alts(&self, id: usize) -> Vec<usize> {
        self.union_alts.get(id).cloned().unwrap_or_default()
    }

    /// When an alternative is an object whose `tag` field is a `Const` (through references):
    /// whether that field is required, and the constant. Such an alternative certainly fails
    /// on a value whose tag differs.
    pub(super) fn tag_const(&self, shape: &'a Shape, tag: &str) -> Option<(bool, &'a Value)> {
        let Shape::Object(o) = resolve(self.ir, shape) else {
            return None;
        };
        let f = o.fields.iter().find(|f| f.name == tag)?;
        match resolve(self.ir, &f.shape) {
            Shape::Const { value } => Some((f.required, value)),
            _ => None,
        }
    }

    /// The `Ref` nodes that can be entered again at the same value: those in a position that
    /// does not go into the value (the shape itself, a nullable's inner shape, a union's
    /// alternatives, a reference's arguments) of a definition that can reach itself that way.
    /// Marking more nodes than needed only costs a check; missing one would recurse until the
    /// depth limit where the Rust checker reports a loop.
    fn find_loops(&mut self) {
        let ir = self.ir;
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut nodes: BTreeMap<&str, Vec<&Shape>> = BTreeMap::new();
        for def in ir.types.values() {
            let mut refs = Vec::new();
            in_place_refs(&def.shape, &mut refs);
            edges.insert(
                &def.name,
                refs.iter()
                    .filter_map(|r| match r {
                        Shape::Ref { name, .. } => Some(name.as_str()),
                        _ => None,
                    })
                    .collect(),
            );
            nodes.insert(&def.name, refs);
        }
        for def in ir.types.values() {
            if reaches_itself(&edges, &def.name) {
                for r in nodes.get(def.name.as_str()).into_iter().flatten() {
                    self.loop_prone.insert(addr(*r));
                }
            }
        }
    }
}

/// Whether `name` reaches itself along `edges` (type name to the names it references).
fn reaches_itself(edges: &BTreeMap<&str, Vec<&str>>, name: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = edges.get(name).cloned().unwrap_or_default();
    while let Some(n) = stack.pop() {
        if n == name {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    false
}

/// The names every reference in `s` leads to.
fn all_refs<'s>(s: &'s Shape, out: &mut BTreeSet<&'s str>) {
    if let Shape::Ref { name, .. } = s {
        out.insert(name);
    }
    for c in s.children() {
        all_refs(c, out);
    }
}

/// The node count of candidate `name` with the candidates it references counted expanded.
fn expanded<'a>(
    ir: &'a Ir,
    name: &'a str,
    candidates: &BTreeSet<&'a str>,
    sizes: &mut BTreeMap<&'a str, usize>,
) -> usize {
    if let Some(&s) = sizes.get(name) {
        return s;
    }
    fn walk<'a>(
        ir: &'a Ir,
        s: &'a Shape,
        candidates: &BTreeSet<&'a str>,
        sizes: &mut BTreeMap<&'a str, usize>,
    ) -> usize {
        let own = match s {
            Shape::Ref { name, args } if args.is_empty() && candidates.contains(name.as_str()) => {
                expanded(ir, name, candidates, sizes)
            }
            _ => 1,
        };
        // Saturating: references fanning out level after level grow the expanded count
        // exponentially (a hostile schema can overflow it), and any large count means "call".
        s.children()
            .into_iter()
            .map(|c| walk(ir, c, candidates, sizes))
            .fold(own, usize::saturating_add)
    }
    let size = ir
        .types
        .get(name)
        .map_or(1, |d| walk(ir, &d.shape, candidates, sizes));
    sizes.insert(name, size);
    size
}

/// The `Ref` nodes of `s` reached without going into the value.
fn in_place_refs<'s>(s: &'s Shape, out: &mut Vec<&'s Shape>) {
    match s {
        Shape::Ref { args, .. } => {
            out.push(s);
            for a in args {
                in_place_refs(a, out);
            }
        }
        Shape::Nullable { inner } => in_place_refs(inner, out),
        Shape::Union(u) => {
            for v in &u.variants {
                in_place_refs(&v.shape, out);
            }
        }
        _ => {}
    }
}

/// A shape through its references (by name; bounded like [`Ir::resolve`]).
pub(super) fn resolve<'s>(ir: &'s Ir, shape: &'s Shape) -> &'s Shape {
    ir.resolve(shape)
}

/// The JSON type a shape demands, when it demands exactly one (through references).
pub(super) fn simple_kind(ir: &Ir, shape: &Shape) -> Option<&'static str> {
    match resolve(ir, shape) {
        Shape::Boolean => Some("boolean"),
        Shape::Integer(_) => Some("integer"),
        Shape::Number(_) => Some("number"),
        Shape::String(_) => Some("string"),
        Shape::Array(_) => Some("array"),
        Shape::Map(_) | Shape::Object(_) => Some("object"),
        _ => None,
    }
}

/// A short name for a union alternative in messages (as the Rust checker names it).
pub(super) fn alt_name(shape: &Shape) -> String {
    match shape {
        Shape::Ref { name, args } if args.is_empty() => name.clone(),
        Shape::Ref { name, args } => format!(
            "{name}<{}>",
            args.iter().map(alt_name).collect::<Vec<_>>().join(", ")
        ),
        Shape::Any => "any value".into(),
        Shape::Null => "null".into(),
        Shape::Boolean => "boolean".into(),
        Shape::Integer(_) => "integer".into(),
        Shape::Number(_) => "number".into(),
        Shape::String(_) => "string".into(),
        Shape::Const { value } => literal(value),
        Shape::TypeParam { name } => name.clone(),
        Shape::Nullable { inner } => format!("{} or null", alt_name(inner)),
        Shape::Array(a) => format!("array of {}", alt_name(&a.items)),
        Shape::Map(_) => "map".into(),
        Shape::Object(_) => "object".into(),
        Shape::Enum(e) => {
            let shown: Vec<String> = e.values.iter().take(5).map(|v| literal(&v.value)).collect();
            format!(
                "one of {}{}",
                shown.join("/"),
                if e.values.len() > 5 { "/…" } else { "" }
            )
        }
        Shape::Union(_) => "union".into(),
    }
}

/// A JavaScript literal for a primitive JSON value (`None` for arrays and objects).
pub(super) fn primitive(v: &Value) -> Option<String> {
    match v {
        Value::Array(_) | Value::Object(_) => None,
        other => Some(js_value(other)),
    }
}

/// Names that `Object.prototype` defines: reading one on a plain object that lacks it finds the
/// inherited one, so its presence is asked with `$has` first.
pub(super) fn inherited_name(name: &str) -> bool {
    matches!(
        name,
        "__proto__"
            | "constructor"
            | "hasOwnProperty"
            | "isPrototypeOf"
            | "propertyIsEnumerable"
            | "toLocaleString"
            | "toString"
            | "valueOf"
            | "__defineGetter__"
            | "__defineSetter__"
            | "__lookupGetter__"
            | "__lookupSetter__"
    )
}

/// `d`, or `d + k`: a depth `k` levels below the function's own.
pub(super) fn depth(k: u32) -> String {
    if k == 0 {
        "d".to_owned()
    } else {
        format!("d + {k}")
    }
}

/// An expression: whether `val` is not a JSON object (an array or `null` is not). Written out
/// rather than calling a runtime helper: inside a large checker the engine stops inlining
/// calls, and this measured 2-3% of `validate` on InteractionData.
pub(super) fn not_object(val: &str) -> String {
    format!("typeof {val} !== \"object\" || {val} === null || Array.isArray({val})")
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, Plan};
    use crate::rust::testutil::mini;

    /// Records, for job `from`, a depth check `k` below its own depth and calls to `to`.
    fn job(p: &mut Plan<'_>, from: usize, k: u32, to: &[(usize, u32)]) {
        p.begin(from);
        let _ = p.too_deep(k);
        for &(callee, offset) in to {
            p.call(callee, offset);
        }
    }

    #[test]
    fn depth_checks_are_dropped_only_where_no_value_can_reach_the_limit() {
        let ir = mini();
        let mut p = Plan::new(&ir);
        assert!(p.jobs.len() >= 6, "the fixture has enough types");
        // 0 -> 1 at MAX_DEPTH - 10; 1 checks 5 below itself (fits), 2 checks 20 below (does not).
        job(&mut p, 0, 0, &[(1, MAX_DEPTH - 10), (2, MAX_DEPTH - 10)]);
        job(&mut p, 1, 5, &[]);
        job(&mut p, 2, 20, &[]);
        // 3 <-> 4 form a cycle (a recursive type), and 5 is only reached from it.
        job(&mut p, 3, 1, &[(4, 1)]);
        job(&mut p, 4, 1, &[(3, 1), (5, 1)]);
        job(&mut p, 5, 0, &[]);
        let shallow = p.prove_depths();
        assert!(shallow.contains(&0) && shallow.contains(&1), "{shallow:?}");
        for deep in [2, 3, 4, 5] {
            assert!(!shallow.contains(&deep), "job {deep} must keep its checks");
        }
        // A shallow job emits no test; the others still do.
        p.assume_shallow(shallow);
        p.begin(1);
        assert_eq!(p.too_deep(5), None);
        p.begin(2);
        assert_eq!(p.too_deep(20), Some(format!("d + 20 > {MAX_DEPTH}")));
    }
}
