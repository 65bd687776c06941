//! The streaming evaluator: one `DeserializeSeed` per program node, driven by serde_json.
//!
//! Every check runs as the parser reads the value. The first thing that is not clean ends the
//! parse with an error (whose text nobody reads), so a clean line costs one pass and an unclean
//! one less than that before the exact validator takes over.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use super::{MAX_EVAL_DEPTH, Node, NodeId, ObjectCheck, Program, Verdict, value};
use crate::validate::json::is_integer;

fn reject<E: de::Error>() -> E {
    E::custom("not clean")
}

/// Checks the value the deserializer is at against one node.
pub(super) struct NodeSeed<'p> {
    pub(super) program: &'p Program,
    pub(super) node: NodeId,
    pub(super) depth: u32,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        // Follow aliases and nullable wrappers to the node that decides on the first token.
        let mut id = self.node;
        let mut depth = self.depth;
        let mut nullable = false;
        let node = loop {
            depth += 1;
            if depth > MAX_EVAL_DEPTH {
                return Err(reject());
            }
            match self.program.node(id) {
                Node::Alias(t) => id = *t,
                Node::Nullable(inner) => {
                    nullable = true;
                    id = *inner;
                }
                Node::Defer | Node::Pending => return Err(reject()),
                Node::Literals(_) | Node::Union { .. } => {
                    // These compare or try alternatives on the whole sub-tree.
                    let v = Value::deserialize(d)?;
                    return match value::eval(self.program, self.node, &v, self.depth) {
                        Verdict::Clean => Ok(()),
                        _ => Err(reject()),
                    };
                }
                n => break n,
            }
        };
        d.deserialize_any(NodeVisitor {
            program: self.program,
            node,
            nullable,
            depth,
        })
    }
}

/// Checks a value whose first token the parser has read.
struct NodeVisitor<'p> {
    program: &'p Program,
    /// Never an `Alias`, `Nullable`, `Literals`, `Union` or `Defer` (see [`NodeSeed`]).
    node: &'p Node,
    nullable: bool,
    depth: u32,
}

impl NodeVisitor<'_> {
    fn number<E: de::Error>(self, n: Number) -> Result<(), E> {
        let ok = match self.node {
            Node::Any => true,
            Node::Number(b) => b.is_open() || b.admits(&n),
            Node::Integer(b) => is_integer(&n) && (b.is_open() || b.admits(&n)),
            _ => false,
        };
        if ok { Ok(()) } else { Err(reject()) }
    }

    fn child(&self, node: NodeId) -> NodeSeed<'_> {
        NodeSeed {
            program: self.program,
            node,
            depth: self.depth + 1,
        }
    }

    fn object<'de, A: MapAccess<'de>>(self, o: &ObjectCheck, mut map: A) -> Result<(), A::Error> {
        let mut seen = 0u128;
        let mut hint = 0;
        while let Some(i) = map.next_key_seed(FieldSeed { object: o, hint })? {
            // Duplicate keys: the exact path keeps the last value; checking every one is
            // stricter, so a clean answer here still holds there.
            seen |= 1u128 << i;
            hint = i + 1;
            let Some((_, id)) = o.fields.get(i) else {
                return Err(reject());
            };
            map.next_value_seed(self.child(*id))?;
        }
        if seen & o.required == o.required {
            Ok(())
        } else {
            Err(reject())
        }
    }
}

impl<'de> Visitor<'de> for NodeVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an instance with nothing to report")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.nullable || matches!(self.node, Node::Any | Node::Null) {
            Ok(())
        } else {
            Err(reject())
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        if matches!(self.node, Node::Any | Node::Boolean) {
            Ok(())
        } else {
            Err(reject())
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.number(Number::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.number(Number::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        match Number::from_f64(v) {
            Some(n) => self.number(n),
            None => Err(reject()),
        }
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        let ok = match self.node {
            Node::Any => true,
            Node::String(c) => c.admits(s),
            Node::StrEnum(set) => set.contains(s.as_bytes()),
            _ => false,
        };
        if ok { Ok(()) } else { Err(reject()) }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (items, min, max) = match self.node {
            Node::Any => {
                while seq.next_element_seed(AnySeed)?.is_some() {}
                return Ok(());
            }
            Node::Array { items, min, max } => (*items, *min, *max),
            _ => return Err(reject()),
        };
        let mut n: u64 = 0;
        while seq.next_element_seed(self.child(items))?.is_some() {
            n += 1;
        }
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            return Err(reject());
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match self.node {
            Node::Any => {
                while map.next_key_seed(KeySeed(None))?.is_some() {
                    map.next_value_seed(AnySeed)?;
                }
                Ok(())
            }
            Node::Map {
                values,
                key_pattern,
            } => {
                while map.next_key_seed(KeySeed(key_pattern.as_ref()))?.is_some() {
                    map.next_value_seed(self.child(*values))?;
                }
                Ok(())
            }
            Node::Object(o) => self.object(o, map),
            _ => Err(reject()),
        }
    }
}

/// Reads a property name and finds its declared field; an undeclared one is never clean
/// (a warning, or an error when the object is closed or `--deny-unknown` is given).
struct FieldSeed<'p> {
    object: &'p ObjectCheck,
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a declared property name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.object.find(s.as_bytes(), self.hint).ok_or_else(reject)
    }
}

/// Reads a property name of a map, checking its pattern if it has one.
struct KeySeed<'p>(Option<&'p regex::Regex>);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        if self.0.is_none_or(|p| p.is_match(s)) {
            Ok(())
        } else {
            Err(reject())
        }
    }
}

/// Any value at all. Read through `deserialize_any`, never skipped with `IgnoredAny`: serde_json
/// skips without its nesting limit, which the exact path (parsing a `Value`) enforces.
struct AnySeed;

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(AnyVisitor)
    }
}

struct AnyVisitor;

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(AnySeed)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(KeySeed(None))?.is_some() {
            map.next_value_seed(AnySeed)?;
        }
        Ok(())
    }
}
