//! Walks two views side by side and records every change at every use site.
//!
//! The surface (APIs, constants, methods, events, parameters, answers, named types) is matched
//! by name. Values are compared structurally at each site, following `$ref` on both sides (so a
//! renamed or inlined type is no change to the wire), with the site's direction: method
//! parameters and event answers are `in`, method results and event arguments `out`. A change in
//! a shared type is thus seen at every site that reaches it; [`crate::group`] folds the sites of
//! one change into one finding.

use std::collections::BTreeSet;

use adcontract_schema::ir::{
    Api, ArrayShape, Availability, EnumShape, Event, Ir, MapShape, Meta, Method, NumberRules,
    ObjectShape, Param, Shape, StringRules, UnionShape, UnknownFields,
};
use serde_json::Value;

use crate::Side;
use crate::model::{Direction, Effect};
use crate::witness::Candidates;

/// One change seen at one site, before grouping.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub rule: &'static str,
    pub site: String,
    /// Where the change is relative to the innermost named type (the whole site when no type
    /// was crossed): what groups sites and feeds the fingerprint.
    pub anchor: String,
    pub args: Vec<String>,
    pub direction: Direction,
    pub effect: Option<Effect>,
    pub pointer: String,
    pub planned: bool,
    pub message: String,
    pub witness: Option<Candidates>,
}

/// A place in the walk: the full site and the type-relative anchor.
#[derive(Debug, Clone)]
struct Loc {
    site: String,
    anchor: String,
}

impl Loc {
    fn root(site: String) -> Loc {
        Loc {
            anchor: site.clone(),
            site,
        }
    }

    fn step(&self, s: &str) -> Loc {
        Loc {
            site: format!("{}{s}", self.site),
            anchor: format!("{}{s}", self.anchor),
        }
    }

    fn cross(&self, type_name: &str) -> Loc {
        Loc {
            site: format!("{} → {type_name}", self.site),
            anchor: type_name.to_owned(),
        }
    }
}

pub(crate) struct Walker<'a> {
    old: &'a Side,
    new: &'a Side,
    pub raws: Vec<Raw>,
}

impl<'a> Walker<'a> {
    pub(crate) fn new(old: &'a Side, new: &'a Side) -> Self {
        Walker {
            old,
            new,
            raws: Vec::new(),
        }
    }

    fn push(&mut self, mut raw: Raw) {
        if let Some(c) = &mut raw.witness {
            if c.against.is_empty() {
                c.against = raw.anchor.clone();
            }
        }
        self.raws.push(raw);
    }

    #[allow(clippy::too_many_arguments)]
    fn fact(
        &mut self,
        rule: &'static str,
        loc: &Loc,
        args: Vec<String>,
        direction: Direction,
        effect: Option<Effect>,
        pointer: &str,
        message: String,
    ) {
        self.push(Raw {
            rule,
            site: loc.site.clone(),
            anchor: loc.anchor.clone(),
            args,
            direction,
            effect,
            pointer: pointer.to_owned(),
            planned: false,
            message,
            witness: None,
        });
    }

    /// Walks everything: APIs in order, then the named types.
    pub(crate) fn run(&mut self) {
        let (old_ir, new_ir) = (&self.old.ir, &self.new.ir);
        for o in &old_ir.apis {
            let site = api_name(o).to_owned();
            match new_ir.api(o.id) {
                Some(n) => self.api(o, n),
                None => {
                    let planned = self.planned(&o.meta);
                    self.push(Raw {
                        planned,
                        ..raw_fact(
                            "api-removed",
                            &Loc::root(site),
                            vec![],
                            Direction::Both,
                            &o.meta.pointer,
                            format!("API `{}` ({}) removed", api_name(o), o.title),
                        )
                    });
                }
            }
        }
        for n in &new_ir.apis {
            if old_ir.api(n.id).is_none() {
                self.fact(
                    "api-added",
                    &Loc::root(api_name(n).to_owned()),
                    vec![],
                    Direction::Both,
                    None,
                    &n.meta.pointer,
                    format!("API `{}` ({}) added", api_name(n), n.title),
                );
            }
        }
        self.types();
    }

    fn api(&mut self, o: &Api, n: &Api) {
        let base = api_name(o).to_owned();
        self.lifecycle(&Loc::root(base.clone()), Direction::Both, &o.meta, &n.meta);
        // Constants: by name (bindings import them by name), and by role (the wire uses the value).
        for oc in &o.constants {
            let loc = Loc::root(format!("{base}.constants.{}", oc.name));
            match n.constants.iter().find(|c| c.name == oc.name) {
                None => {
                    let planned = self.planned(&oc.meta);
                    self.push(Raw {
                        planned,
                        ..raw_fact(
                            "constant-removed",
                            &loc,
                            vec![],
                            Direction::Both,
                            &oc.meta.pointer,
                            format!("constant `{}` removed", oc.name),
                        )
                    });
                }
                Some(nc) => self.lifecycle(&loc, Direction::Both, &oc.meta, &nc.meta),
            }
        }
        for nc in &n.constants {
            if !o.constants.iter().any(|c| c.name == nc.name) {
                self.fact(
                    "constant-added",
                    &Loc::root(format!("{base}.constants.{}", nc.name)),
                    vec![],
                    Direction::Both,
                    None,
                    &nc.meta.pointer,
                    format!("constant `{}` = {:?} added", nc.name, nc.value),
                );
            }
        }
        for oc in &o.constants {
            let Some(role) = oc.role else { continue };
            if let Some(nc) = n.constant(role) {
                if nc.value != oc.value {
                    self.fact(
                        "constant-value-changed",
                        &Loc::root(format!("{base}.constants.{}", nc.name)),
                        vec![oc.value.clone(), nc.value.clone()],
                        Direction::Both,
                        None,
                        &nc.meta.pointer,
                        format!(
                            "the {:?} constant changes from {:?} to {:?}",
                            role, oc.value, nc.value
                        ),
                    );
                }
            }
        }
        self.members(&base, &o.methods, &n.methods, Self::method);
        self.members(&base, &o.events, &n.events, Self::event);
    }

    /// Matches the methods (or events) of two API versions by name: a pair is compared with
    /// `compare`, an old one missing from the new version is `<kind>-removed` (planned when its
    /// removal was announced), a new one `<kind>-added`.
    fn members<M: Member>(
        &mut self,
        base: &str,
        old: &[M],
        new: &[M],
        compare: fn(&mut Self, &Loc, &M, &M),
    ) {
        let (kind, direction) = (M::KIND, M::DIRECTION);
        let plural = format!("{kind}s");
        for om in old {
            let loc = Loc::root(format!("{base}.{plural}.{}", om.name()));
            match new.iter().find(|m| m.name() == om.name()) {
                Some(nm) => compare(self, &loc, om, nm),
                None => {
                    let planned = self.planned(om.meta());
                    self.push(Raw {
                        planned,
                        ..raw_fact(
                            M::REMOVED,
                            &loc,
                            vec![],
                            direction,
                            &om.meta().pointer,
                            removal_message(kind, om.name(), planned),
                        )
                    });
                }
            }
        }
        for nm in new {
            if !old.iter().any(|m| m.name() == nm.name()) {
                self.fact(
                    M::ADDED,
                    &Loc::root(format!("{base}.{plural}.{}", nm.name())),
                    vec![],
                    direction,
                    None,
                    &nm.meta().pointer,
                    format!("{kind} `{}` added", nm.name()),
                );
            }
        }
    }

    fn method(&mut self, loc: &Loc, o: &Method, n: &Method) {
        self.lifecycle(loc, Direction::In, &o.meta, &n.meta);
        if o.wire != n.wire {
            self.fact(
                "wire-name-changed",
                loc,
                vec![o.wire.clone(), n.wire.clone()],
                Direction::Both,
                None,
                &n.meta.pointer,
                format!(
                    "method `{}` travels as {:?} instead of {:?}",
                    n.name, n.wire, o.wire
                ),
            );
        }
        if o.wire_data != n.wire_data {
            self.fact(
                "wire-layout-changed",
                loc,
                vec![],
                Direction::Both,
                None,
                &n.meta.pointer,
                format!(
                    "the arguments of `{}` travel elsewhere in the message",
                    n.name
                ),
            );
        }
        self.params(loc, Direction::In, &o.params, &n.params, &n.meta.pointer);
        let null = Shape::Null;
        let (or, nr) = (
            o.result.as_ref().unwrap_or(&null),
            n.result.as_ref().unwrap_or(&null),
        );
        let at = loc.step(".result");
        self.shape(
            &at,
            Direction::Out,
            or,
            nr,
            &n.meta.pointer,
            &mut Vec::new(),
        );
    }

    fn event(&mut self, loc: &Loc, o: &Event, n: &Event) {
        self.lifecycle(loc, Direction::Out, &o.meta, &n.meta);
        if o.wire != n.wire {
            self.fact(
                "wire-name-changed",
                loc,
                vec![o.wire.clone(), n.wire.clone()],
                Direction::Both,
                None,
                &n.meta.pointer,
                format!(
                    "event `{}` travels as {:?} instead of {:?}",
                    n.name, n.wire, o.wire
                ),
            );
        }
        self.params(loc, Direction::Out, &o.params, &n.params, &n.meta.pointer);
        let at = loc.step(".response");
        let p = &n.meta.pointer;
        match (&o.response, &n.response) {
            (None, None) => {}
            (None, Some(_)) => {
                let (rule, how) = if n.response_optional {
                    ("event-answer-added-optional", "may now answer")
                } else {
                    ("event-answer-added", "must now answer")
                };
                self.fact(
                    rule,
                    &at,
                    vec![],
                    Direction::In,
                    None,
                    p,
                    format!("handlers of `{}` {how}", n.name),
                );
            }
            (Some(_), None) => self.fact(
                "event-answer-removed",
                &at,
                vec![],
                Direction::In,
                None,
                p,
                format!("handlers of `{}` no longer answer", n.name),
            ),
            (Some(os), Some(ns)) => {
                match (o.response_optional, n.response_optional) {
                    (false, true) => self.fact(
                        "event-answer-became-optional",
                        &at,
                        vec![],
                        Direction::In,
                        Some(Effect::Widens),
                        p,
                        format!("handlers of `{}` may now omit their answer", n.name),
                    ),
                    (true, false) => self.fact(
                        "event-answer-became-required",
                        &at,
                        vec![],
                        Direction::In,
                        Some(Effect::Narrows),
                        p,
                        format!("handlers of `{}` may no longer omit their answer", n.name),
                    ),
                    _ => {}
                }
                self.shape(&at, Direction::In, os, ns, p, &mut Vec::new());
            }
        }
    }

    fn params(&mut self, loc: &Loc, d: Direction, o: &[Param], n: &[Param], pointer: &str) {
        let names = |ps: &[Param]| ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        let (on, nn) = (names(o), names(n));
        let same_set = on.iter().collect::<BTreeSet<_>>() == nn.iter().collect::<BTreeSet<_>>();
        if on.len() > 1 && on.len() == nn.len() && same_set && on != nn {
            self.fact(
                "params-reordered",
                &loc.step(".params"),
                vec![on.join(","), nn.join(",")],
                d,
                Some(Effect::Incomparable),
                pointer,
                format!(
                    "parameters ({}) reordered to ({})",
                    on.join(", "),
                    nn.join(", ")
                ),
            );
            for op in o {
                if let Some((i, np)) = n.iter().enumerate().find(|(_, p)| p.name == op.name) {
                    self.param(&loc.step(&format!(".params[{i}]")), d, op, np);
                }
            }
            return;
        }
        for (i, (op, np)) in o.iter().zip(n).enumerate() {
            self.param(&loc.step(&format!(".params[{i}]")), d, op, np);
        }
        for (i, op) in o.iter().enumerate().skip(n.len()) {
            let effect = if op.optional {
                Effect::Narrows
            } else {
                Effect::Incomparable
            };
            let planned = self.planned(&op.meta);
            self.push(Raw {
                planned,
                ..raw_effect(
                    "param-removed",
                    &loc.step(&format!(".params[{i}]")),
                    vec![op.name.clone()],
                    d,
                    effect,
                    &op.meta.pointer,
                    removal_message(
                        if op.optional {
                            "optional parameter"
                        } else {
                            "required parameter"
                        },
                        &op.name,
                        planned,
                    ),
                )
            });
        }
        for (i, np) in n.iter().enumerate().skip(o.len()) {
            // JavaScript functions ignore extra arguments, so an event handler written for the
            // old list is unaffected; a method's provider must now honour the argument.
            let optional_effect = if d == Direction::Out {
                Effect::None
            } else {
                Effect::Widens
            };
            let (rule, effect, what) = if np.optional {
                ("param-appended-optional", optional_effect, "optional")
            } else {
                ("param-appended-required", Effect::Narrows, "required")
            };
            self.fact(
                rule,
                &loc.step(&format!(".params[{i}]")),
                vec![np.name.clone()],
                d,
                Some(effect),
                &np.meta.pointer,
                format!("{what} parameter `{}` appended", np.name),
            );
        }
    }

    fn param(&mut self, loc: &Loc, d: Direction, o: &Param, n: &Param) {
        self.lifecycle(loc, d, &o.meta, &n.meta);
        match (o.optional, n.optional) {
            (true, false) => self.fact(
                "param-became-required",
                loc,
                vec![],
                d,
                Some(Effect::Narrows),
                &n.meta.pointer,
                format!("parameter `{}` became required", n.name),
            ),
            (false, true) => self.fact(
                "param-became-optional",
                loc,
                vec![],
                d,
                Some(Effect::Widens),
                &n.meta.pointer,
                format!("parameter `{}` became optional", n.name),
            ),
            _ => {}
        }
        self.shape(loc, d, &o.shape, &n.shape, &n.meta.pointer, &mut Vec::new());
    }

    /// Named types: additions, removals and their own lifecycle (their values are compared
    /// at the sites that use them).
    fn types(&mut self) {
        let (old_ir, new_ir) = (&self.old.ir, &self.new.ir);
        for (name, od) in &old_ir.types {
            let loc = Loc::root(name.clone());
            match new_ir.types.get(name) {
                Some(nd) => self.lifecycle(&loc, Direction::Both, &od.meta, &nd.meta),
                None => {
                    let planned = self.planned(&od.meta);
                    self.push(Raw {
                        planned,
                        ..raw_fact(
                            "type-removed",
                            &loc,
                            vec![],
                            Direction::Both,
                            &od.meta.pointer,
                            removal_message("type", name, planned),
                        )
                    });
                }
            }
        }
        for (name, nd) in &new_ir.types {
            if !old_ir.types.contains_key(name) {
                self.fact(
                    "type-added",
                    &Loc::root(name.clone()),
                    vec![],
                    Direction::Both,
                    None,
                    &nd.meta.pointer,
                    format!("type `{name}` added"),
                );
            }
        }
    }

    /// Deprecation and scheduled removal of an item present on both sides.
    fn lifecycle(&mut self, loc: &Loc, d: Direction, o: &Meta, n: &Meta) {
        match (o.deprecated, n.deprecated) {
            (false, true) => self.fact(
                "deprecated",
                loc,
                vec![],
                d,
                None,
                &n.pointer,
                format!("{} deprecated", last_segment(&loc.site)),
            ),
            (true, false) => self.fact(
                "undeprecated",
                loc,
                vec![],
                d,
                None,
                &n.pointer,
                format!("{} no longer deprecated", last_segment(&loc.site)),
            ),
            _ => {}
        }
        let (ou, nu) = (
            self.old.until(&o.availability),
            self.new.until(&n.availability),
        );
        match (ou, nu) {
            (None, Some(u)) => self.fact(
                "removal-scheduled",
                loc,
                vec![u.clone()],
                d,
                None,
                &n.pointer,
                format!("{} is to be removed in {u}", last_segment(&loc.site)),
            ),
            (Some(a), Some(b)) if a != b => {
                let order = &self.new.versions;
                let pos = |v: &str| order.iter().position(|x| x == v);
                if let (Some(pa), Some(pb)) = (pos(&a), pos(&b)) {
                    if pb < pa {
                        self.fact(
                            "removal-moved-earlier",
                            loc,
                            vec![a.clone(), b.clone()],
                            d,
                            None,
                            &n.pointer,
                            format!(
                                "{} is now to be removed in {b} instead of {a}",
                                last_segment(&loc.site)
                            ),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether removing an item of the old side was announced: deprecated there, with a
    /// removal version.
    fn planned(&self, m: &Meta) -> bool {
        m.deprecated && m.availability.until.is_some()
    }

    // ---- values ----

    /// Compares the values valid at one site. `stack` holds the pairs of named types being
    /// compared, so recursive types end.
    fn shape(
        &mut self,
        loc: &Loc,
        d: Direction,
        o: &Shape,
        n: &Shape,
        pointer: &str,
        stack: &mut Vec<(String, String)>,
    ) {
        // Follow references on both sides, substituting generic arguments.
        if let Shape::Ref { .. } | Shape::TypeParam { .. } = o {
            if let Shape::Ref { .. } = o {
                let (os, oname) = resolve(&self.old.ir, o);
                let (ns, nname, nptr) = match n {
                    Shape::Ref { .. } => {
                        let (ns, nname) = resolve(&self.new.ir, n);
                        let ptr = self
                            .new
                            .ir
                            .types
                            .get(&nname)
                            .map(|t| t.meta.pointer.clone());
                        (ns, nname, ptr)
                    }
                    _ => (n.clone(), String::new(), None),
                };
                let key = (oname.clone(), nname.clone());
                if stack.contains(&key) {
                    return;
                }
                stack.push(key);
                let shown = if nname.is_empty() || nname == oname {
                    oname.clone()
                } else if oname.is_empty() {
                    nname.clone()
                } else {
                    format!("{nname} (was {oname})")
                };
                let at = loc.cross(&shown);
                self.shape(&at, d, &os, &ns, nptr.as_deref().unwrap_or(pointer), stack);
                stack.pop();
                return;
            }
        }
        if let Shape::Ref { .. } = n {
            let (ns, nname) = resolve(&self.new.ir, n);
            let key = (String::new(), nname.clone());
            if stack.contains(&key) {
                return;
            }
            stack.push(key);
            let ptr = self
                .new
                .ir
                .types
                .get(&nname)
                .map(|t| t.meta.pointer.clone());
            self.shape(
                &loc.cross(&nname),
                d,
                o,
                &ns,
                ptr.as_deref().unwrap_or(pointer),
                stack,
            );
            stack.pop();
            return;
        }
        match (o, n) {
            (Shape::Nullable { inner: a }, Shape::Nullable { inner: b }) => {
                self.shape(loc, d, a, b, pointer, stack);
            }
            (Shape::Nullable { inner: a }, b) if !accepts_null(b) => {
                self.data(
                    loc,
                    d,
                    "became-non-nullable",
                    vec![],
                    Effect::Narrows,
                    pointer,
                    "null is no longer valid".to_owned(),
                    Some(Candidates::new(o, n, vec![Value::Null])),
                );
                self.shape(loc, d, a, b, pointer, stack);
            }
            (a, Shape::Nullable { inner: b }) if !accepts_null(a) => {
                self.data(
                    loc,
                    d,
                    "became-nullable",
                    vec![],
                    Effect::Widens,
                    pointer,
                    "null becomes valid".to_owned(),
                    Some(Candidates::new(o, n, vec![Value::Null])),
                );
                self.shape(loc, d, a, b, pointer, stack);
            }
            (Shape::Object(a), Shape::Object(b)) => self.object(loc, d, o, n, a, b, pointer, stack),
            (Shape::Array(a), Shape::Array(b)) => self.array(loc, d, o, n, a, b, pointer, stack),
            (Shape::Map(a), Shape::Map(b)) => self.map(loc, d, o, n, a, b, pointer, stack),
            (Shape::String(a), Shape::String(b)) => self.string(loc, d, o, n, a, b, pointer),
            (Shape::Integer(a), Shape::Integer(b)) | (Shape::Number(a), Shape::Number(b)) => {
                self.number(loc, d, o, n, a, b, pointer);
            }
            (
                Shape::Enum(_) | Shape::Const { .. } | Shape::Union(_),
                Shape::Enum(_) | Shape::Const { .. } | Shape::Union(_),
            ) if literal_set(&self.old.ir, o, 0).is_some()
                && literal_set(&self.new.ir, n, 0).is_some() =>
            {
                self.literals(loc, d, o, n, pointer);
            }
            (Shape::Union(a), Shape::Union(b)) => self.union(loc, d, o, n, a, b, pointer, stack),
            (Shape::Union(a), b) if !matches!(b, Shape::Any) => {
                let single = single_union(b);
                self.union(loc, d, o, n, a, &single, pointer, stack);
            }
            (a, Shape::Union(b)) if !matches!(a, Shape::Any) => {
                let single = single_union(a);
                self.union(loc, d, o, n, &single, b, pointer, stack);
            }
            (Shape::Any, Shape::Any)
            | (Shape::Null, Shape::Null)
            | (Shape::Boolean, Shape::Boolean) => {}
            (Shape::TypeParam { name: a }, Shape::TypeParam { name: b }) if a == b => {}
            _ => {
                let effect = kind_effect(o, n);
                if effect != Effect::None {
                    self.data(
                        loc,
                        d,
                        "type-changed",
                        vec![kind_name(o), kind_name(n)],
                        effect,
                        pointer,
                        format!("{} becomes {}", kind_name(o), kind_name(n)),
                        Some(Candidates::samples(o, n)),
                    );
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn data(
        &mut self,
        loc: &Loc,
        d: Direction,
        rule: &'static str,
        args: Vec<String>,
        effect: Effect,
        pointer: &str,
        message: String,
        witness: Option<Candidates>,
    ) {
        self.push(Raw {
            witness,
            ..raw_effect(rule, loc, args, d, effect, pointer, message)
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &ObjectShape,
        n: &ObjectShape,
        pointer: &str,
        stack: &mut Vec<(String, String)>,
    ) {
        let closed_old = o.unknown == UnknownFields::Closed;
        let closed_new = n.unknown == UnknownFields::Closed;
        match (closed_old, closed_new) {
            (false, true) => self.data(
                loc,
                d,
                "object-closed",
                vec![],
                Effect::Narrows,
                pointer,
                "undeclared properties are no longer accepted".to_owned(),
                Some(Candidates::extra_property(os, ns, Effect::Narrows)),
            ),
            (true, false) => self.data(
                loc,
                d,
                "object-opened",
                vec![],
                Effect::Widens,
                pointer,
                "undeclared properties become accepted".to_owned(),
                Some(Candidates::extra_property(os, ns, Effect::Widens)),
            ),
            _ => {}
        }
        for of in &o.fields {
            let at = loc.step(&format!(".{}", of.name));
            let Some(nf) = n.fields.iter().find(|f| f.name == of.name) else {
                let effect = match (closed_new, of.required) {
                    (false, _) => {
                        if matches!(of.shape, Shape::Any) && !of.required {
                            Effect::None
                        } else {
                            Effect::Widens
                        }
                    }
                    (true, false) => Effect::Narrows,
                    (true, true) => Effect::Incomparable,
                };
                let planned = self.planned(&of.meta);
                self.push(Raw {
                    planned,
                    witness: Some(Candidates::property_removed(os, ns, of, effect).at(&loc.anchor)),
                    ..raw_effect(
                        "property-removed",
                        &at,
                        vec![],
                        d,
                        effect,
                        &of.meta.pointer,
                        removal_message(
                            if of.required {
                                "required property"
                            } else {
                                "optional property"
                            },
                            &of.name,
                            planned,
                        ),
                    )
                });
                continue;
            };
            self.lifecycle(&at, d, &of.meta, &nf.meta);
            match (of.required, nf.required) {
                (false, true) => self.data(
                    &at,
                    d,
                    "property-became-required",
                    vec![],
                    Effect::Narrows,
                    &nf.meta.pointer,
                    format!("property `{}` became required", nf.name),
                    Some(Candidates::minimal_of(os, ns, Effect::Narrows).at(&loc.anchor)),
                ),
                (true, false) => self.data(
                    &at,
                    d,
                    "property-became-optional",
                    vec![],
                    Effect::Widens,
                    &nf.meta.pointer,
                    format!("property `{}` became optional", nf.name),
                    Some(Candidates::minimal_of(os, ns, Effect::Widens).at(&loc.anchor)),
                ),
                _ => {}
            }
            self.shape(&at, d, &of.shape, &nf.shape, &nf.meta.pointer, stack);
        }
        for nf in &n.fields {
            if o.fields.iter().any(|f| f.name == nf.name) {
                continue;
            }
            let at = loc.step(&format!(".{}", nf.name));
            if nf.required {
                let effect = if closed_old {
                    Effect::Incomparable
                } else {
                    Effect::Narrows
                };
                self.data(
                    &at,
                    d,
                    "property-added-required",
                    vec![],
                    effect,
                    &nf.meta.pointer,
                    format!("required property `{}` added", nf.name),
                    Some(Candidates::minimal_of(os, ns, Effect::Narrows).at(&loc.anchor)),
                );
            } else {
                let effect = if closed_old {
                    Effect::Widens
                } else {
                    Effect::None
                };
                self.data(
                    &at,
                    d,
                    "property-added-optional",
                    vec![],
                    effect,
                    &nf.meta.pointer,
                    format!("optional property `{}` added", nf.name),
                    Some(Candidates::property_added(os, ns, nf).at(&loc.anchor)),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn array(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &ArrayShape,
        n: &ArrayShape,
        pointer: &str,
        stack: &mut Vec<(String, String)>,
    ) {
        let bounds = [
            (
                "minItems",
                o.min_items.map(|v| v as f64),
                n.min_items.map(|v| v as f64),
                true,
            ),
            (
                "maxItems",
                o.max_items.map(|v| v as f64),
                n.max_items.map(|v| v as f64),
                false,
            ),
        ];
        self.bounds(loc, d, os, ns, &bounds, pointer);
        self.shape(&loc.step("[]"), d, &o.items, &n.items, pointer, stack);
    }

    #[allow(clippy::too_many_arguments)]
    fn map(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &MapShape,
        n: &MapShape,
        pointer: &str,
        stack: &mut Vec<(String, String)>,
    ) {
        self.pattern(
            loc,
            d,
            os,
            ns,
            &o.key_pattern,
            &n.key_pattern,
            "key pattern",
            pointer,
        );
        self.shape(&loc.step("{}"), d, &o.values, &n.values, pointer, stack);
    }

    #[allow(clippy::too_many_arguments)]
    fn string(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &StringRules,
        n: &StringRules,
        pointer: &str,
    ) {
        let bounds = [
            (
                "minLength",
                o.min_length.map(|v| v as f64),
                n.min_length.map(|v| v as f64),
                true,
            ),
            (
                "maxLength",
                o.max_length.map(|v| v as f64),
                n.max_length.map(|v| v as f64),
                false,
            ),
        ];
        self.bounds(loc, d, os, ns, &bounds, pointer);
        self.pattern(loc, d, os, ns, &o.pattern, &n.pattern, "pattern", pointer);
    }

    #[allow(clippy::too_many_arguments)]
    fn number(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &NumberRules,
        n: &NumberRules,
        pointer: &str,
    ) {
        let bounds = [
            ("minimum", o.minimum, n.minimum, true),
            (
                "exclusiveMinimum",
                o.exclusive_minimum,
                n.exclusive_minimum,
                true,
            ),
            ("maximum", o.maximum, n.maximum, false),
            (
                "exclusiveMaximum",
                o.exclusive_maximum,
                n.exclusive_maximum,
                false,
            ),
        ];
        self.bounds(loc, d, os, ns, &bounds, pointer);
    }

    /// Lower (`lower = true`) and upper bounds: set or tightened narrows, unset or loosened widens.
    fn bounds(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        bounds: &[(&str, Option<f64>, Option<f64>, bool)],
        pointer: &str,
    ) {
        for &(kw, ob, nb, lower) in bounds {
            let tighter = match (ob, nb) {
                (None, None) => continue,
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) if a == b => continue,
                (Some(a), Some(b)) => (b > a) == lower,
            };
            let show = |b: Option<f64>| b.map_or("unset".to_owned(), |v| v.to_string());
            let (rule, effect) = if tighter {
                ("constraint-tightened", Effect::Narrows)
            } else {
                ("constraint-loosened", Effect::Widens)
            };
            self.data(
                loc,
                d,
                rule,
                vec![kw.to_owned(), show(ob), show(nb)],
                effect,
                pointer,
                format!("{kw} {} → {}", show(ob), show(nb)),
                Some(Candidates::boundaries(os, ns)),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn pattern(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &Option<String>,
        n: &Option<String>,
        what: &str,
        pointer: &str,
    ) {
        let effect = match (o, n) {
            (None, None) => return,
            (Some(a), Some(b)) if a == b => return,
            (None, Some(_)) => Effect::Narrows,
            (Some(_), None) => Effect::Widens,
            (Some(_), Some(_)) => Effect::Unknown,
        };
        let show = |p: &Option<String>| p.clone().unwrap_or_else(|| "unset".to_owned());
        self.data(
            loc,
            d,
            "pattern-changed",
            vec![show(o), show(n)],
            effect,
            pointer,
            format!("{what} {} → {}", show(o), show(n)),
            Some(Candidates::samples(os, ns)),
        );
    }

    fn literals(&mut self, loc: &Loc, d: Direction, os: &Shape, ns: &Shape, pointer: &str) {
        let (Some(ov), Some(nv)) = (
            literal_set(&self.old.ir, os, 0),
            literal_set(&self.new.ir, ns, 0),
        ) else {
            return;
        };
        if let (Shape::Const { value: a }, Shape::Const { value: b }) = (os, ns) {
            if a != b {
                self.data(
                    loc,
                    d,
                    "const-changed",
                    vec![a.to_string(), b.to_string()],
                    Effect::Incomparable,
                    pointer,
                    format!("constant {a} becomes {b}"),
                    Some(Candidates::new(os, ns, vec![a.clone(), b.clone()])),
                );
            }
            return;
        }
        for (v, m) in &ov {
            match nv.iter().find(|(x, _)| x == v) {
                None => {
                    let planned = m.as_ref().is_some_and(|m| self.planned(m));
                    let ptr = m.as_ref().map_or(pointer, |m| m.pointer.as_str());
                    self.push(Raw {
                        planned,
                        witness: Some(Candidates::new(os, ns, vec![v.clone()])),
                        ..raw_effect(
                            "enum-value-removed",
                            loc,
                            vec![v.to_string()],
                            d,
                            Effect::Narrows,
                            ptr,
                            removal_message("value", v.as_str().unwrap_or(&v.to_string()), planned),
                        )
                    });
                }
                Some((_, nm)) => {
                    if let (Some(om), Some(nm)) = (m, nm) {
                        self.lifecycle(&loc.step(&format!("[{v}]")), d, om, nm);
                    }
                }
            }
        }
        for (v, m) in &nv {
            if !ov.iter().any(|(x, _)| x == v) {
                let ptr = m.as_ref().map_or(pointer, |m| m.pointer.as_str());
                self.data(
                    loc,
                    d,
                    "enum-value-added",
                    vec![v.to_string()],
                    Effect::Widens,
                    ptr,
                    format!(
                        "value `{}` added",
                        v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                    ),
                    Some(Candidates::new(os, ns, vec![v.clone()])),
                );
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn union(
        &mut self,
        loc: &Loc,
        d: Direction,
        os: &Shape,
        ns: &Shape,
        o: &UnionShape,
        n: &UnionShape,
        pointer: &str,
        stack: &mut Vec<(String, String)>,
    ) {
        // Branches are matched by tag value, then by named type, then by kind of value.
        let key = |v: &adcontract_schema::ir::Variant| -> String {
            if let Some(t) = &v.tag_value {
                return format!("tag {t}");
            }
            match &v.shape {
                Shape::Ref { name, .. } => name.clone(),
                s => kind_name(s),
            }
        };
        // The kind of value a branch holds, through references: an inline object matches a
        // reference to an object type.
        let (old_ir, new_ir) = (&self.old.ir, &self.new.ir);
        let kind =
            |ir: &Ir, v: &adcontract_schema::ir::Variant| kind_name(&resolve(ir, &v.shape).0);
        let mut pairs: Vec<Option<usize>> = vec![None; o.variants.len()];
        let mut matched_new = BTreeSet::new();
        for (i, ov) in o.variants.iter().enumerate() {
            let k = key(ov);
            if let Some(j) = (0..n.variants.len())
                .find(|j| !matched_new.contains(j) && key(&n.variants[*j]) == k)
            {
                matched_new.insert(j);
                pairs[i] = Some(j);
            }
        }
        for (i, ov) in o.variants.iter().enumerate() {
            if pairs[i].is_some() {
                continue;
            }
            let k = kind(old_ir, ov);
            if let Some(j) = (0..n.variants.len())
                .find(|j| !matched_new.contains(j) && kind(new_ir, &n.variants[*j]) == k)
            {
                matched_new.insert(j);
                pairs[i] = Some(j);
            }
        }
        for (i, ov) in o.variants.iter().enumerate() {
            let k = key(ov);
            let found = pairs[i].map(|j| (j, &n.variants[j]));
            match found {
                Some((_, nv)) => {
                    let at = loc.step(&format!("|{k}"));
                    self.lifecycle(&at, d, &ov.meta, &nv.meta);
                    self.shape(&at, d, &ov.shape, &nv.shape, pointer, stack);
                }
                None => {
                    let planned = self.planned(&ov.meta);
                    self.push(Raw {
                        planned,
                        witness: Some(Candidates::variant(os, ns, &ov.shape, false)),
                        ..raw_effect(
                            "union-variant-removed",
                            loc,
                            vec![k.clone()],
                            d,
                            Effect::Narrows,
                            pointer,
                            removal_message("branch", &k, planned),
                        )
                    });
                }
            }
        }
        for (j, nv) in n.variants.iter().enumerate() {
            if !matched_new.contains(&j) {
                let k = key(nv);
                self.data(
                    loc,
                    d,
                    "union-variant-added",
                    vec![k.clone()],
                    Effect::Widens,
                    pointer,
                    format!("branch {k} added"),
                    Some(Candidates::variant(os, ns, &nv.shape, true)),
                );
            }
        }
    }
}

fn raw_fact(
    rule: &'static str,
    loc: &Loc,
    args: Vec<String>,
    direction: Direction,
    pointer: &str,
    message: String,
) -> Raw {
    Raw {
        rule,
        site: loc.site.clone(),
        anchor: loc.anchor.clone(),
        args,
        direction,
        effect: None,
        pointer: pointer.to_owned(),
        planned: false,
        message,
        witness: None,
    }
}

fn raw_effect(
    rule: &'static str,
    loc: &Loc,
    args: Vec<String>,
    direction: Direction,
    effect: Effect,
    pointer: &str,
    message: String,
) -> Raw {
    Raw {
        effect: Some(effect),
        ..raw_fact(rule, loc, args, direction, pointer, message)
    }
}

fn removal_message(what: &str, name: &str, planned: bool) -> String {
    if planned {
        format!("{what} `{name}` removed as announced (deprecated, with a removal version)")
    } else {
        format!("{what} `{name}` removed without prior deprecation")
    }
}

fn api_name(a: &Api) -> &'static str {
    match a.id {
        adcontract_schema::ir::ApiId::Widget => "widget",
        adcontract_schema::ir::ApiId::Embedded => "embedded",
    }
}

fn last_segment(site: &str) -> String {
    let s = site.rsplit(" → ").next().unwrap_or(site);
    format!("`{s}`")
}

/// A `Ref`'s target with its generic arguments substituted, and the target's name.
pub(crate) fn resolve(ir: &Ir, s: &Shape) -> (Shape, String) {
    let Shape::Ref { name, args } = s else {
        return (s.clone(), String::new());
    };
    let Some(def) = ir.types.get(name) else {
        // An unresolvable reference cannot survive `check`; compare it as any value.
        return (Shape::Any, name.clone());
    };
    if def.type_params.is_empty() {
        return (def.shape.clone(), name.clone());
    }
    let bound: Vec<(String, Shape)> = def
        .type_params
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let arg = args
                .get(i)
                .cloned()
                .or_else(|| def.type_param_default(i).cloned())
                .unwrap_or(Shape::Any);
            (p.clone(), arg)
        })
        .collect();
    let shown = if args.is_empty() {
        name.clone()
    } else {
        format!(
            "{name}<{}>",
            args.iter().map(kind_name).collect::<Vec<_>>().join(", ")
        )
    };
    (subst(&def.shape, &bound), shown)
}

/// Replaces generic parameters by their arguments.
pub(crate) fn subst(s: &Shape, bound: &[(String, Shape)]) -> Shape {
    let go = |x: &Shape| subst(x, bound);
    match s {
        Shape::TypeParam { name } => bound
            .iter()
            .find(|(p, _)| p == name)
            .map_or_else(|| s.clone(), |(_, a)| a.clone()),
        Shape::Ref { name, args } => Shape::Ref {
            name: name.clone(),
            args: args.iter().map(go).collect(),
        },
        Shape::Nullable { inner } => Shape::Nullable {
            inner: Box::new(go(inner)),
        },
        Shape::Array(a) => Shape::Array(Box::new(ArrayShape {
            items: go(&a.items),
            ..(**a).clone()
        })),
        Shape::Map(m) => Shape::Map(Box::new(MapShape {
            values: go(&m.values),
            key_pattern: m.key_pattern.clone(),
        })),
        Shape::Object(o) => {
            let mut o = o.clone();
            for f in &mut o.fields {
                f.shape = go(&f.shape);
            }
            Shape::Object(o)
        }
        Shape::Union(u) => {
            let mut u = u.clone();
            for v in &mut u.variants {
                v.shape = go(&v.shape);
            }
            Shape::Union(u)
        }
        other => other.clone(),
    }
}

fn accepts_null(s: &Shape) -> bool {
    matches!(s, Shape::Null | Shape::Any | Shape::Nullable { .. })
}

fn single_union(s: &Shape) -> UnionShape {
    UnionShape {
        variants: vec![adcontract_schema::ir::Variant {
            shape: s.clone(),
            tag_value: None,
            meta: Meta::default(),
        }],
        tag: None,
        exclusive: false,
    }
}

/// The literal values of an enum, a const, or a union of them (through references), with
/// their metadata: a union of literals is compared value by value.
fn literal_set(ir: &Ir, s: &Shape, depth: usize) -> Option<Vec<(Value, Option<Meta>)>> {
    if depth > 8 {
        return None;
    }
    match s {
        Shape::Ref { .. } => literal_set(ir, &resolve(ir, s).0, depth + 1),
        Shape::Union(u) => {
            let mut all: Vec<(Value, Option<Meta>)> = Vec::new();
            for v in &u.variants {
                for (value, meta) in literal_set(ir, &v.shape, depth + 1)? {
                    if !all.iter().any(|(x, _)| *x == value) {
                        all.push((value, meta));
                    }
                }
            }
            Some(all)
        }
        Shape::Enum(EnumShape { values }) => Some(
            values
                .iter()
                .map(|v| (v.value.clone(), Some(v.meta.clone())))
                .collect(),
        ),
        Shape::Const { value } => Some(vec![(value.clone(), None)]),
        _ => None,
    }
}

/// A short name of the kind of value a shape accepts.
pub(crate) fn kind_name(s: &Shape) -> String {
    match s {
        Shape::Any => "any".into(),
        Shape::Null => "null".into(),
        Shape::Boolean => "boolean".into(),
        Shape::Integer(_) => "integer".into(),
        Shape::Number(_) => "number".into(),
        Shape::String(_) => "string".into(),
        Shape::Const { value } => format!("const {value}"),
        Shape::Ref { name, .. } => name.clone(),
        Shape::TypeParam { name } => name.clone(),
        Shape::Nullable { inner } => format!("{} | null", kind_name(inner)),
        Shape::Array(a) => format!("{}[]", kind_name(&a.items)),
        Shape::Map(m) => format!("map of {}", kind_name(&m.values)),
        Shape::Object(_) => "object".into(),
        Shape::Enum(_) => "enum".into(),
        Shape::Union(_) => "union".into(),
    }
}

/// JSON kinds: null, boolean, integer, fraction (non-integer number), string, array, object.
fn kinds(s: &Shape) -> u8 {
    const NULL: u8 = 1;
    const BOOL: u8 = 2;
    const INT: u8 = 4;
    const FRAC: u8 = 8;
    const STR: u8 = 16;
    const ARR: u8 = 32;
    const OBJ: u8 = 64;
    match s {
        Shape::Any | Shape::TypeParam { .. } | Shape::Ref { .. } => 127,
        Shape::Null => NULL,
        Shape::Boolean => BOOL,
        Shape::Integer(_) => INT,
        Shape::Number(_) => INT | FRAC,
        Shape::String(_) => STR,
        Shape::Const { value } => value_kind(value),
        Shape::Enum(e) => e.values.iter().fold(0, |k, v| k | value_kind(&v.value)),
        Shape::Nullable { inner } => NULL | kinds(inner),
        Shape::Array(_) => ARR,
        Shape::Map(_) | Shape::Object(_) => OBJ,
        Shape::Union(u) => u.variants.iter().fold(0, |k, v| k | kinds(&v.shape)),
    }
}

fn value_kind(v: &Value) -> u8 {
    match v {
        Value::Null => 1,
        Value::Bool(_) => 2,
        Value::Number(n) if n.is_i64() || n.is_u64() => 4,
        Value::Number(_) => 8,
        Value::String(_) => 16,
        Value::Array(_) => 32,
        Value::Object(_) => 64,
    }
}

/// The effect of replacing one kind of value by another: the subset relation of their JSON
/// kinds; the same kinds with different structure (a string becoming an enum, an object a map)
/// by the known cases, otherwise unknown.
fn kind_effect(o: &Shape, n: &Shape) -> Effect {
    let (a, b) = (kinds(o), kinds(n));
    if matches!(n, Shape::Any) {
        return if matches!(o, Shape::Any) {
            Effect::None
        } else {
            Effect::Widens
        };
    }
    if matches!(o, Shape::Any) {
        return Effect::Narrows;
    }
    if a != b {
        return if a & b == a {
            Effect::Widens
        } else if a & b == b {
            Effect::Narrows
        } else {
            Effect::Incomparable
        };
    }
    match (o, n) {
        (Shape::Enum(_) | Shape::Const { .. }, Shape::String(r))
            if *r == StringRules::default() =>
        {
            Effect::Widens
        }
        (Shape::String(r), Shape::Enum(_) | Shape::Const { .. })
            if *r == StringRules::default() =>
        {
            Effect::Narrows
        }
        _ => Effect::Unknown,
    }
}

impl Side {
    /// The version id an item's removal is scheduled for, if any.
    fn until(&self, a: &Availability) -> Option<String> {
        a.until.and_then(|u| self.versions.get(u).cloned())
    }
}

/// What [`Walker::members`] needs of a method or an event.
trait Member {
    /// `method` or `event`, as sites and messages say it.
    const KIND: &'static str;
    const REMOVED: &'static str;
    const ADDED: &'static str;
    /// Who a removal hurts: a method is called by consumers (`in`), an event received (`out`).
    const DIRECTION: Direction;
    fn name(&self) -> &str;
    fn meta(&self) -> &Meta;
}

impl Member for Method {
    const KIND: &'static str = "method";
    const REMOVED: &'static str = "method-removed";
    const ADDED: &'static str = "method-added";
    const DIRECTION: Direction = Direction::In;
    fn name(&self) -> &str {
        &self.name
    }
    fn meta(&self) -> &Meta {
        &self.meta
    }
}

impl Member for Event {
    const KIND: &'static str = "event";
    const REMOVED: &'static str = "event-removed";
    const ADDED: &'static str = "event-added";
    const DIRECTION: Direction = Direction::Out;
    fn name(&self) -> &str {
        &self.name
    }
    fn meta(&self) -> &Meta {
        &self.meta
    }
}
