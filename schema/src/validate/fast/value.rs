//! The same program evaluated on a parsed sub-tree: for unions (which try several alternatives
//! on one value) and for `const`/`enum` literals that are not all strings.
//!
//! It answers with a [`Verdict`] rather than a yes/no because a union's answer depends on how
//! its alternatives fare: `oneOf` needs exactly one valid alternative, and a valid alternative
//! with a warning (an undeclared property) is something the exact validator reports.

use serde_json::Value;

use super::{MAX_EVAL_DEPTH, Node, NodeId, Program, Verdict};
use crate::validate::json::{is_integer, json_eq};

fn clean_if(ok: bool) -> Verdict {
    if ok { Verdict::Clean } else { Verdict::Invalid }
}

/// The verdict of `v` against node `id`.
pub(super) fn eval(p: &Program, id: NodeId, v: &Value, depth: u32) -> Verdict {
    if depth > MAX_EVAL_DEPTH {
        return Verdict::Unknown;
    }
    let next = depth + 1;
    match p.node(id) {
        Node::Any => Verdict::Clean,
        Node::Defer | Node::Pending => Verdict::Unknown,
        Node::Alias(t) => eval(p, *t, v, next),
        Node::Null => clean_if(v.is_null()),
        Node::Boolean => clean_if(v.is_boolean()),
        Node::Integer(b) => clean_if(matches!(v, Value::Number(n) if is_integer(n) && b.admits(n))),
        Node::Number(b) => clean_if(matches!(v, Value::Number(n) if b.admits(n))),
        Node::String(c) => clean_if(matches!(v, Value::String(s) if c.admits(s))),
        Node::StrEnum(set) => clean_if(matches!(v, Value::String(s) if set.contains(s.as_bytes()))),
        Node::Literals(xs) => clean_if(xs.iter().any(|x| json_eq(v, x))),
        Node::Nullable(inner) => {
            if v.is_null() {
                Verdict::Clean
            } else {
                eval(p, *inner, v, next)
            }
        }
        Node::Array { items, min, max } => {
            let Value::Array(xs) = v else {
                return Verdict::Invalid;
            };
            let n = xs.len() as u64;
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                return Verdict::Invalid;
            }
            let mut worst = Verdict::Clean;
            for x in xs {
                worst = worst.max(eval(p, *items, x, next));
                if worst == Verdict::Invalid {
                    break;
                }
            }
            worst
        }
        Node::Map {
            values,
            key_pattern,
        } => {
            let Value::Object(m) = v else {
                return Verdict::Invalid;
            };
            let mut worst = Verdict::Clean;
            for (k, x) in m {
                if key_pattern.as_ref().is_some_and(|re| !re.is_match(k)) {
                    return Verdict::Invalid;
                }
                worst = worst.max(eval(p, *values, x, next));
                if worst == Verdict::Invalid {
                    break;
                }
            }
            worst
        }
        Node::Object(o) => {
            let Value::Object(m) = v else {
                return Verdict::Invalid;
            };
            let mut worst = Verdict::Clean;
            let mut seen = 0u128;
            let mut hint = 0;
            for (k, x) in m {
                match o.find(k.as_bytes(), hint) {
                    Some(i) => {
                        seen |= 1u128 << i;
                        hint = i + 1;
                        if let Some((_, f)) = o.fields.get(i) {
                            worst = worst.max(eval(p, *f, x, next));
                        }
                    }
                    None if o.open && !p.deny_unknown => worst = worst.max(Verdict::Warned),
                    None => return Verdict::Invalid,
                }
                if worst == Verdict::Invalid {
                    return worst;
                }
            }
            if seen & o.required != o.required {
                return Verdict::Invalid;
            }
            worst
        }
        Node::Union {
            variants,
            exclusive,
        } => {
            let verdicts: Vec<Verdict> = variants.iter().map(|&x| eval(p, x, v, next)).collect();
            if verdicts.contains(&Verdict::Unknown) {
                return Verdict::Unknown;
            }
            let valid: Vec<Verdict> = verdicts
                .into_iter()
                .filter(|x| *x != Verdict::Invalid)
                .collect();
            match (valid.as_slice(), exclusive) {
                ([], _) => Verdict::Invalid,
                ([one], true) => *one,
                (_, true) => Verdict::Invalid,
                // Which valid alternative the exact validator reports on depends on its tag
                // logic; clean only when every valid one is.
                (all, false) => all.iter().copied().max().unwrap_or(Verdict::Clean),
            }
        }
    }
}
