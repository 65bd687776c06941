//! The fast path of `adcontract validate`: one pass over a line's bytes, no `Value` tree.
//!
//! A [`Program`] is compiled once from the view's shapes (every `Ref` resolved, generic
//! arguments substituted, patterns precompiled) into a flat list of [`Node`]s. [`Program::check`]
//! then drives serde_json's `Deserializer` with a `DeserializeSeed` per node ([`seed`]): keys and
//! strings are borrowed from the input, required properties are a bitmask, property names are
//! matched by predicting the next declared field (instances list them in schema order) and
//! otherwise by comparing lengths first, string enums by a length-bucketed compare. No path is
//! tracked and nothing is formatted.
//!
//! The answer is deliberately one-sided: [`Check::Clean`] means the exact validator
//! ([`super::Validator`]) would report *nothing* for the line (no error, no warning). Anything
//! else ([`Check::NotClean`]: an error, a warning such as an undeclared property, malformed
//! JSON, or a construct the program does not decide) sends the line to the exact validator,
//! which alone writes messages. So the output never depends on the fast path, only the speed.
//! The differential test (`schema/tests/it/fast_path.rs`) holds the fast path to that promise.
//!
//! Why serde_json and not a hand-written lexer or another parser: measured per line (release,
//! one core, 47 MB of ~780-byte 5.19 InteractionData lines, median of 5, on the shared machine
//! at load 9), serde_json reading every token through serde (`IgnoredAny`) ran at 514 MB/s,
//! jiter's `next_skip` at 372 MB/s and a jiter pull walk over keys and strings at 265 MB/s,
//! simd-json's `fill_tape` with reused buffers at 331 MB/s (it gains nothing on lines this
//! short), serde_json into a `Value` at 69 MB/s. serde_json driven by a seed is also the exact
//! path's parser, so malformed JSON, the nesting limit (127 levels) and number semantics are
//! the same on both paths by construction. A hand-written lexer would not pay for itself.
//!
//! Unions, and `const`/`enum` values that are not all strings, are checked on a `Value` of just
//! that sub-tree ([`value`]): they are rare in the contract, and a union needs to try several
//! alternatives on the same input.

use std::collections::HashMap;

use serde_json::Value;

use super::Validator;
use crate::ir::{self, Shape, UnknownFields};

mod seed;
mod value;

/// An index into [`Program::nodes`].
type NodeId = u32;

/// How deep evaluation may go (in nodes, not only in JSON nesting). A type that refers to itself
/// without going into the value (`A = A | null`) would loop; past this depth the fast path gives
/// up and the exact validator (which reports the loop) takes over.
const MAX_EVAL_DEPTH: u32 = 512;

/// The most declared fields of an object the required-property bitmask covers; larger objects
/// are left to the exact validator.
const MAX_FIELDS: usize = 128;

/// Objects with more fields than this get a hash index for property names; smaller ones (all
/// of the contract's today) are scanned from the predicted field on.
const LINEAR_FIELDS: usize = 48;

/// What the fast path says about one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The exact validator would report no problem at all.
    Clean,
    /// Something to report (or undecided here): run the exact validator. `column` is the
    /// 1-based byte of the line where the fast path stopped (0 when unknown).
    NotClean { column: usize },
}

/// The verdict of a sub-tree checked on a `Value` (inside unions), ordered by how it combines:
/// the largest of the parts wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Clean,
    /// Valid, but the exact validator would report a warning.
    Warned,
    /// The program cannot decide (a loop, a construct it does not compile).
    Unknown,
    Invalid,
}

/// A compiled check of a view's shape; cheap to share across threads.
#[derive(Debug)]
pub struct Program {
    nodes: Vec<Node>,
    root: NodeId,
    deny_unknown: bool,
}

#[derive(Debug)]
enum Node {
    Any,
    Null,
    Boolean,
    Integer(Bounds),
    Number(Bounds),
    String(StringCheck),
    /// An enum whose values are all strings.
    StrEnum(StrSet),
    /// `const`, or an enum with non-string values: compared as JSON Schema does ([`super::json::json_eq`]).
    Literals(Vec<Value>),
    Nullable(NodeId),
    Array {
        items: NodeId,
        min: Option<u64>,
        max: Option<u64>,
    },
    Map {
        values: NodeId,
        key_pattern: Option<regex::Regex>,
    },
    Object(ObjectCheck),
    Union {
        variants: Vec<NodeId>,
        exclusive: bool,
    },
    /// A named definition: the check of its body.
    Alias(NodeId),
    /// Not decided here: always hands the line to the exact validator.
    Defer,
    /// A placeholder while a recursive definition is being compiled.
    Pending,
}

#[derive(Debug, Clone, Default)]
struct Bounds {
    rules: ir::NumberRules,
}

#[derive(Debug)]
struct StringCheck {
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<regex::Regex>,
}

/// String literals bucketed by byte length, so most mismatches cost one length compare and
/// no string is hashed.
#[derive(Debug, Default)]
struct StrSet {
    /// `by_len[n]`: the literals of `n` bytes.
    by_len: Vec<Vec<Box<[u8]>>>,
}

impl StrSet {
    fn insert(&mut self, s: &[u8]) {
        if self.by_len.len() <= s.len() {
            self.by_len.resize_with(s.len() + 1, Vec::new);
        }
        if let Some(bucket) = self.by_len.get_mut(s.len()) {
            bucket.push(s.into());
        }
    }

    fn contains(&self, s: &[u8]) -> bool {
        self.by_len
            .get(s.len())
            .is_some_and(|xs| xs.iter().any(|x| **x == *s))
    }
}

#[derive(Debug)]
struct ObjectCheck {
    /// Declared fields in schema order: name and check.
    fields: Vec<(Box<[u8]>, NodeId)>,
    /// Bit `i` set: field `i` is required.
    required: u128,
    open: bool,
    /// For objects with many fields: name -> index (short objects scan instead).
    index: Option<HashMap<Box<[u8]>, usize>>,
}

impl ObjectCheck {
    /// The declared field named `key`; `hint` is where the previous key's successor is, which
    /// is where instances written in schema order have it.
    fn find(&self, key: &[u8], hint: usize) -> Option<usize> {
        if let Some((name, _)) = self.fields.get(hint) {
            if **name == *key {
                return Some(hint);
            }
        }
        match &self.index {
            Some(ix) => ix.get(key).copied(),
            None => {
                // On from the hint first: an instance that skips optional fields still lists
                // the rest in schema order. Lengths are compared before bytes.
                let same = |(_, (name, _)): &(usize, &(Box<[u8]>, NodeId))| {
                    name.len() == key.len() && **name == *key
                };
                let after = self.fields.iter().enumerate().skip(hint).find(same);
                after
                    .or_else(|| self.fields.iter().enumerate().take(hint).find(same))
                    .map(|(i, _)| i)
            }
        }
    }
}

impl Program {
    /// Compiles the check of `shape` (any shape of the validator's view) with the validator's
    /// options and precompiled patterns.
    pub fn new(validator: &Validator<'_>, shape: &Shape) -> Program {
        let mut c = Compiler {
            v: validator,
            nodes: Vec::new(),
            memo: HashMap::new(),
            envs: Vec::new(),
        };
        let root = c.compile(shape, None, 0);
        Program {
            nodes: c.nodes,
            root,
            deny_unknown: validator.options.deny_unknown,
        }
    }

    /// Checks one JSON text (a line of `.jsonl`, or a whole `.json` file).
    pub fn check(&self, text: &[u8]) -> Check {
        // The exact path refuses invalid UTF-8 anywhere, even where serde_json skips bytes
        // unread (ignored values); checking it up front keeps both paths in step, and lets the
        // parser read `&str` without checking each string again.
        let text = match std::str::from_utf8(text) {
            Ok(t) => t,
            Err(e) => {
                return Check::NotClean {
                    column: e.valid_up_to() + 1,
                };
            }
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let seed = seed::NodeSeed {
            program: self,
            node: self.root,
            depth: 0,
        };
        match serde::de::DeserializeSeed::deserialize(seed, &mut de).and_then(|()| de.end()) {
            Ok(()) => Check::Clean,
            Err(e) => Check::NotClean { column: e.column() },
        }
    }

    /// Whether the exact validator would report nothing for `text`.
    pub fn is_clean(&self, text: &[u8]) -> bool {
        self.check(text) == Check::Clean
    }

    fn node(&self, id: NodeId) -> &Node {
        self.nodes.get(id as usize).unwrap_or(&Node::Defer)
    }
}

/// Generic arguments in scope while compiling: the innermost definition's parameters bound to
/// compiled arguments (the exact validator reads a `TypeParam` in the innermost scope only).
#[derive(Debug, PartialEq, Eq, Hash, Clone)]
struct Env {
    params: Vec<String>,
    args: Vec<NodeId>,
}

struct Compiler<'a, 'ir> {
    v: &'a Validator<'ir>,
    nodes: Vec<Node>,
    /// Compiled definitions by (name, scope, generic arguments), so recursive types become
    /// cycles in the node graph instead of endless compilation.
    memo: HashMap<(String, Option<usize>, Vec<NodeId>), NodeId>,
    /// Interned scopes; `Option<usize>` indexes here.
    envs: Vec<Env>,
}

/// How many nested generic instantiations compilation follows before it defers (a generic
/// type instantiated with ever-growing arguments would not terminate).
const MAX_COMPILE_DEPTH: u32 = 64;

impl Compiler<'_, '_> {
    fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        (self.nodes.len() - 1) as NodeId
    }

    fn pattern(&self, p: &str) -> Option<regex::Regex> {
        self.v
            .regexes
            .get(p)
            .cloned()
            .or_else(|| crate::pattern::compile(p).ok())
    }

    fn compile(&mut self, shape: &Shape, env: Option<usize>, depth: u32) -> NodeId {
        if depth > MAX_COMPILE_DEPTH {
            return self.push(Node::Defer);
        }
        let node = match shape {
            Shape::Any => Node::Any,
            Shape::Null => Node::Null,
            Shape::Boolean => Node::Boolean,
            Shape::Integer(r) => Node::Integer(Bounds { rules: r.clone() }),
            Shape::Number(r) => Node::Number(Bounds { rules: r.clone() }),
            Shape::String(r) => match &r.pattern {
                Some(p) => match self.pattern(p) {
                    Some(re) => Node::String(StringCheck {
                        min_length: r.min_length,
                        max_length: r.max_length,
                        pattern: Some(re),
                    }),
                    // The exact validator reports the pattern; leave it that.
                    None => Node::Defer,
                },
                None => Node::String(StringCheck {
                    min_length: r.min_length,
                    max_length: r.max_length,
                    pattern: None,
                }),
            },
            Shape::Const { value } => Node::Literals(vec![value.clone()]),
            Shape::Enum(e) => {
                if e.values.iter().all(|v| v.value.is_string()) {
                    let mut set = StrSet::default();
                    for v in &e.values {
                        if let Value::String(s) = &v.value {
                            set.insert(s.as_bytes());
                        }
                    }
                    Node::StrEnum(set)
                } else {
                    Node::Literals(e.values.iter().map(|v| v.value.clone()).collect())
                }
            }
            Shape::Ref { name, args } => return self.reference(name, args, env, depth),
            Shape::TypeParam { name } => {
                let bound = env.and_then(|i| self.envs.get(i)).and_then(|e| {
                    let i = e.params.iter().position(|p| p == name)?;
                    e.args.get(i).copied()
                });
                match bound {
                    Some(id) => return id,
                    // Unbound: any value, as the exact validator and JSON Schema say.
                    None => Node::Any,
                }
            }
            Shape::Nullable { inner } => {
                let inner = self.compile(inner, env, depth);
                Node::Nullable(inner)
            }
            Shape::Array(a) => {
                let items = self.compile(&a.items, env, depth);
                Node::Array {
                    items,
                    min: a.min_items,
                    max: a.max_items,
                }
            }
            Shape::Map(m) => {
                let key_pattern = match &m.key_pattern {
                    Some(p) => match self.pattern(p) {
                        Some(re) => Some(re),
                        None => return self.push(Node::Defer),
                    },
                    None => None,
                };
                let values = self.compile(&m.values, env, depth);
                Node::Map {
                    values,
                    key_pattern,
                }
            }
            Shape::Object(o) => {
                if o.fields.len() > MAX_FIELDS {
                    return self.push(Node::Defer);
                }
                let mut fields = Vec::with_capacity(o.fields.len());
                let mut required = 0u128;
                for (i, f) in o.fields.iter().enumerate() {
                    let id = self.compile(&f.shape, env, depth);
                    fields.push((f.name.as_bytes().into(), id));
                    if f.required {
                        required |= 1 << i;
                    }
                }
                let mut ix = HashMap::new();
                for (i, (name, _)) in fields.iter().enumerate() {
                    ix.entry(Box::<[u8]>::clone(name)).or_insert(i);
                }
                // A field declared twice: the exact validator checks the first declaration
                // only, where the prediction of the next field could pick the second.
                if ix.len() != fields.len() {
                    return self.push(Node::Defer);
                }
                let index = (fields.len() > LINEAR_FIELDS).then_some(ix);
                Node::Object(ObjectCheck {
                    fields,
                    required,
                    open: o.unknown == UnknownFields::Open,
                    index,
                })
            }
            Shape::Union(u) => {
                let variants = u
                    .variants
                    .iter()
                    .map(|v| self.compile(&v.shape, env, depth))
                    .collect();
                Node::Union {
                    variants,
                    exclusive: u.exclusive,
                }
            }
        };
        self.push(node)
    }

    fn reference(&mut self, name: &str, args: &[Shape], env: Option<usize>, depth: u32) -> NodeId {
        let Some(def) = self.v.ir.types.get(name) else {
            // The exact validator reports the undefined type.
            return self.push(Node::Defer);
        };
        let (scope, arg_ids) = if def.type_params.is_empty() {
            // A definition without parameters keeps the caller's scope, as the exact
            // validator does.
            (env, Vec::new())
        } else {
            let arg_ids: Vec<NodeId> = args
                .iter()
                .map(|a| self.compile(a, env, depth + 1))
                .collect();
            let e = Env {
                params: def.type_params.clone(),
                args: arg_ids.clone(),
            };
            let i = match self.envs.iter().position(|x| *x == e) {
                Some(i) => i,
                None => {
                    self.envs.push(e);
                    self.envs.len() - 1
                }
            };
            (Some(i), arg_ids)
        };
        let key = (name.to_owned(), scope, arg_ids);
        if let Some(&id) = self.memo.get(&key) {
            return id;
        }
        let slot = self.push(Node::Pending);
        self.memo.insert(key, slot);
        let body = self.compile(&def.shape, scope, depth + 1);
        // The slot becomes a copy-free alias of the body: point it at the body's node.
        let node = if body == slot {
            // `A = A`: a loop without content.
            Node::Defer
        } else {
            Node::Alias(body)
        };
        if let Some(n) = self.nodes.get_mut(slot as usize) {
            *n = node;
        }
        slot
    }
}

impl Bounds {
    /// The exact validator's `minimum`/`maximum`/`exclusive*` rules, on the same `Number`.
    fn admits(&self, n: &serde_json::Number) -> bool {
        use super::json::cmp_num;
        use std::cmp::Ordering::{Greater, Less};
        let r = &self.rules;
        r.minimum
            .is_none_or(|m| matches!(cmp_num(n, m), Some(o) if o != Less))
            && r.maximum
                .is_none_or(|m| matches!(cmp_num(n, m), Some(o) if o != Greater))
            && r.exclusive_minimum
                .is_none_or(|m| cmp_num(n, m) == Some(Greater))
            && r.exclusive_maximum
                .is_none_or(|m| cmp_num(n, m) == Some(Less))
    }

    fn is_open(&self) -> bool {
        let r = &self.rules;
        r.minimum.is_none()
            && r.maximum.is_none()
            && r.exclusive_minimum.is_none()
            && r.exclusive_maximum.is_none()
    }
}

impl StringCheck {
    /// The exact validator's string rules: lengths in code points, the pattern searched.
    fn admits(&self, s: &str) -> bool {
        // A code point is 1 to 4 bytes, so the byte length settles most length checks.
        if let Some(min) = self.min_length {
            if (s.len() as u64) < min.saturating_mul(4) && (s.chars().count() as u64) < min {
                return false;
            }
        }
        if let Some(max) = self.max_length {
            if s.len() as u64 > max && s.chars().count() as u64 > max {
                return false;
            }
        }
        self.pattern.as_ref().is_none_or(|p| p.is_match(s))
    }
}
