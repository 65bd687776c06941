//! Runtime support for generated Rust bindings: the types they use ([`Nullable`], [`Const`]), the
//! embedded contract view they validate against ([`View`]), the small helpers their hand-written
//! serde impls call, and [`ApiBinding`], through which a harness drives any generated
//! `AgentDesktop` implementation without knowing its types.
//!
//! It lives here, in the crate every other adcontract crate already depends on, so that the
//! `adcontract` facade (which re-exports it as `adcontract::__private`) and the conformance
//! adapter see the very same types: a `Nullable` or an `ApiBinding` from bindings expanded in a
//! user's crate is the one the harness names. Generated code reaches everything through one path,
//! so a schema type called `Nullable` or `View` can never shadow it.
//!
//! Not a stable API except for the items the facade re-exports by name.

pub use crate::ir;
pub use crate::validate::{Problem, Validator};
pub use schemars;
pub use serde;
pub use serde_json;

use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use crate::ir::Ir;
use crate::validate::Options;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

/// A field that may be absent, `null`, or a value: the three states of an optional, nullable
/// property (`parentId?: string | null`), which `Option<T>` cannot keep apart.
///
/// Use it with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]` (generated code
/// does), so an absent field stays absent and a `null` stays `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// The property is not there.
    #[default]
    Absent,
    /// The property is there and `null`.
    Null,
    /// The property has a value.
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one (absent and null both give `None`).
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` becomes `Null` (present): absence has to be asked for explicitly.
    fn from(o: Option<T>) -> Self {
        match o {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// `Absent` is written as `null` when it is serialized at all (a field skips it).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => s.serialize_some(v),
            _ => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Only called when the property is present: `null` -> `Null`, anything else -> `Value`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(d)?.into())
    }
}

impl<T: JsonSchema> JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<T> as JsonSchema>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Option<T> as JsonSchema>::json_schema(generator)
    }
}

/// A constant, as a type: the JSON text of the one value it may hold.
pub trait ConstValue {
    const JSON: &'static str;
}

/// A property that always holds one constant (`"type": "article"`, `"success": true`): serializes
/// to exactly that value, and refuses any other when deserializing, which is what makes a
/// tagged union reject a wrong tag.
pub struct Const<M>(PhantomData<M>);

impl<M> Const<M> {
    pub const fn new() -> Self {
        Const(PhantomData)
    }
}

impl<M: ConstValue> Const<M> {
    /// The constant.
    pub fn value() -> Value {
        value_from_json(M::JSON)
    }
}

impl<M> Default for Const<M> {
    fn default() -> Self {
        Const::new()
    }
}

impl<M> Clone for Const<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Const<M> {}

impl<M> PartialEq for Const<M> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<M> Eq for Const<M> {}

impl<M: ConstValue> fmt::Debug for Const<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Const({})", M::JSON)
    }
}

impl<M: ConstValue> Serialize for Const<M> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Self::value().serialize(s)
    }
}

impl<'de, M: ConstValue> Deserialize<'de> for Const<M> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let got = Value::deserialize(d)?;
        if got == Self::value() {
            Ok(Const::new())
        } else {
            Err(serde::de::Error::custom(format_args!(
                "expected the constant {}, got {got}",
                M::JSON
            )))
        }
    }
}

impl<M: ConstValue> JsonSchema for Const<M> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Const".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut map = serde_json::Map::new();
        map.insert("const".into(), Self::value());
        Schema::from(map)
    }
}

/// The contract shape of a Rust type the bindings use: what a generic type's `validate()`
/// substitutes for its parameters, so that `OperationResult<LoginStateData>` is validated as the
/// IR shape `Ref { name: "OperationResult", args: [Ref LoginStateData] }`, exactly as a method
/// result is.
///
/// Implemented here for the Rust types the generator maps schema primitives and containers to,
/// and by generated code for every generated type: a named type gives a `Ref` to itself with
/// its arguments' shapes, an inline (synthesized) type its inline shape. A type alias in the
/// bindings is its target type, so its shape is the target's: a primitive alias (`type Id =
/// String`) or an inline primitive with rules (`pattern`, `minimum`) used as a generic argument
/// is checked for its JSON type only.
pub trait ContractShape {
    /// The IR shape values of this type are validated against.
    fn contract_shape() -> ir::Shape;
}

macro_rules! primitive_shape {
    ($($t:ty => $shape:expr;)*) => {
        $(impl ContractShape for $t {
            fn contract_shape() -> ir::Shape {
                $shape
            }
        })*
    };
}

primitive_shape! {
    bool => ir::Shape::Boolean;
    i64 => ir::Shape::Integer(ir::NumberRules::default());
    serde_json::Number => ir::Shape::Number(ir::NumberRules::default());
    String => ir::Shape::String(ir::StringRules::default());
    () => ir::Shape::Null;
    Value => ir::Shape::Any;
}

impl<T: ContractShape> ContractShape for Vec<T> {
    fn contract_shape() -> ir::Shape {
        ir::Shape::Array(Box::new(ir::ArrayShape {
            items: T::contract_shape(),
            min_items: None,
            max_items: None,
        }))
    }
}

impl<V: ContractShape> ContractShape for std::collections::BTreeMap<String, V> {
    fn contract_shape() -> ir::Shape {
        ir::Shape::Map(Box::new(ir::MapShape {
            values: V::contract_shape(),
            key_pattern: None,
        }))
    }
}

impl<T: ContractShape> ContractShape for Option<T> {
    fn contract_shape() -> ir::Shape {
        ir::Shape::Nullable {
            inner: Box::new(T::contract_shape()),
        }
    }
}

impl<T: ContractShape> ContractShape for Nullable<T> {
    fn contract_shape() -> ir::Shape {
        ir::Shape::Nullable {
            inner: Box::new(T::contract_shape()),
        }
    }
}

impl<T: ContractShape + ?Sized> ContractShape for Box<T> {
    fn contract_shape() -> ir::Shape {
        T::contract_shape()
    }
}

impl<M: ConstValue> ContractShape for Const<M> {
    fn contract_shape() -> ir::Shape {
        ir::Shape::Const {
            value: Self::value(),
        }
    }
}

/// The shape of a generated inline type, embedded as JSON and read once (as [`View`] is).
#[derive(Debug)]
pub struct ShapeCell {
    json: &'static str,
    shape: OnceLock<ir::Shape>,
}

impl ShapeCell {
    pub const fn new(json: &'static str) -> Self {
        ShapeCell {
            json,
            shape: OnceLock::new(),
        }
    }

    /// The shape; generated JSON is valid, so a failure (a generator bug) degrades to `Any`
    /// instead of panicking.
    pub fn get(&self) -> &ir::Shape {
        self.shape
            .get_or_init(|| serde_json::from_str(self.json).unwrap_or(ir::Shape::Any))
    }
}

/// `shape` with every `TypeParam` named in `params` replaced by its shape (the generic
/// parameters of an inline type inside a generic named type).
pub fn instantiate(shape: &ir::Shape, params: &[(&str, ir::Shape)]) -> ir::Shape {
    use ir::Shape as S;
    let sub = |s: &ir::Shape| instantiate(s, params);
    match shape {
        S::TypeParam { name } => params
            .iter()
            .find(|(p, _)| p == name)
            .map_or_else(|| shape.clone(), |(_, s)| s.clone()),
        S::Ref { name, args } => S::Ref {
            name: name.clone(),
            args: args.iter().map(sub).collect(),
        },
        S::Nullable { inner } => S::Nullable {
            inner: Box::new(sub(inner)),
        },
        S::Array(a) => S::Array(Box::new(ir::ArrayShape {
            items: sub(&a.items),
            ..(**a).clone()
        })),
        S::Map(m) => S::Map(Box::new(ir::MapShape {
            values: sub(&m.values),
            ..(**m).clone()
        })),
        S::Object(o) => {
            let mut o = o.clone();
            for f in &mut o.fields {
                f.shape = sub(&f.shape);
            }
            S::Object(o)
        }
        S::Union(u) => {
            let mut u = u.clone();
            for v in &mut u.variants {
                v.shape = sub(&v.shape);
            }
            S::Union(u)
        }
        other => other.clone(),
    }
}

/// Why validating a generated value could not run at all (its problems are `Ok(Vec<Problem>)`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    /// The contract view embedded in the bindings could not be read back (a generator bug).
    #[error("the embedded contract view is unreadable: {0}")]
    View(String),
    /// The value could not be turned into JSON (e.g. a map with non-string keys in `Value`).
    #[error("the value cannot be serialized to JSON: {0}")]
    Serialize(String),
    /// No such type in the view.
    #[error(transparent)]
    UnknownType(#[from] crate::validate::UnknownType),
}

/// Why dispatching a call to a generated `AgentDesktop` implementation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DispatchError {
    /// A call the contract does not list.
    #[error("unknown method {0:?}")]
    UnknownMethod(String),
    /// The JSON arguments do not fit the method's parameters.
    #[error("bad arguments for {method}: {message}")]
    Arguments { method: String, message: String },
    /// The result could not be serialized.
    #[error("cannot serialize the result: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// The contract view a generated module was generated from, embedded as JSON and read once.
#[derive(Debug)]
pub struct View {
    json: &'static str,
    ir: OnceLock<Result<Ir, String>>,
    validator: OnceLock<Result<Validator<'static>, String>>,
}

impl View {
    pub const fn new(json: &'static str) -> Self {
        View {
            json,
            ir: OnceLock::new(),
            validator: OnceLock::new(),
        }
    }

    /// The view.
    pub fn ir(&'static self) -> Result<&'static Ir, ValidateError> {
        self.ir
            .get_or_init(|| serde_json::from_str(self.json).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ValidateError::View(e.clone()))
    }

    fn validator(&'static self) -> Result<&'static Validator<'static>, ValidateError> {
        let ir = self.ir()?;
        self.validator
            .get_or_init(|| Validator::new(ir, Options::default()).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ValidateError::View(e.clone()))
    }

    /// Every problem of `value` against the named type (warnings included).
    pub fn validate(
        &'static self,
        type_name: &str,
        value: &Value,
    ) -> Result<Vec<Problem>, ValidateError> {
        Ok(self.validator()?.validate(type_name, value)?)
    }

    /// Every problem of `value` against any shape (a generic type's instantiation).
    pub fn validate_shape(
        &'static self,
        shape: &ir::Shape,
        value: &Value,
    ) -> Result<Vec<Problem>, ValidateError> {
        Ok(self.validator()?.validate_shape(shape, value))
    }

    /// [`View::validate_shape`] for a generated value of a generic type: validated against its
    /// instantiation (`T::contract_shape()`), generic arguments included.
    pub fn validate_instance<T: Serialize + ContractShape>(
        &'static self,
        value: &T,
    ) -> Result<Vec<Problem>, ValidateError> {
        let json =
            serde_json::to_value(value).map_err(|e| ValidateError::Serialize(e.to_string()))?;
        self.validate_shape(&T::contract_shape(), &json)
    }

    /// [`View::validate`] for a generated value.
    pub fn validate_value<T: Serialize>(
        &'static self,
        type_name: &str,
        value: &T,
    ) -> Result<Vec<Problem>, ValidateError> {
        let json =
            serde_json::to_value(value).map_err(|e| ValidateError::Serialize(e.to_string()))?;
        self.validate(type_name, &json)
    }
}

/// serde helpers named in `#[serde(deserialize_with = ...)]`.
pub mod de {
    use super::*;

    /// A required nullable property: must be present (a missing one is an error, unlike serde's
    /// default for `Option`), may be `null`.
    pub fn required_nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<T>::deserialize(d)
    }
}

/// A JSON literal written by the generator; generated literals are valid, so a failure (a bug)
/// degrades to `null` instead of panicking.
pub fn value_from_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// A schema written by the generator as JSON text.
pub fn schema_from_json(text: &str) -> Schema {
    Schema::try_from(value_from_json(text)).unwrap_or_default()
}

fn combine(keyword: &str, branches: Vec<Schema>) -> Schema {
    let mut map = serde_json::Map::new();
    map.insert(
        keyword.into(),
        Value::Array(branches.into_iter().map(Schema::to_value).collect()),
    );
    Schema::from(map)
}

/// `{"oneOf": [...]}`.
pub fn one_of(branches: Vec<Schema>) -> Schema {
    combine("oneOf", branches)
}

/// `{"anyOf": [...]}`.
pub fn any_of(branches: Vec<Schema>) -> Schema {
    combine("anyOf", branches)
}

/// The tag property of a would-be tagged union member.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<&'v Value> {
    value.as_object().and_then(|o| o.get(tag))
}

/// `serde_json::from_value`, named here so generated code needs one path only.
pub fn from_value<T: DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(v)
}

/// The wire form of a call or an event: `{"name": "...", "args": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub name: String,
    #[serde(default)]
    pub args: Vec<Value>,
}

/// The wire form of an event response: `{"name": "...", "response": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseEnvelope {
    pub name: String,
    #[serde(default)]
    pub response: Value,
}

/// Positional arguments being written: absent optional arguments at the end are left out, an
/// absent one before a present one becomes `null` (JavaScript's `undefined` in an array).
#[derive(Debug, Default)]
pub struct Args(Vec<Option<Value>>);

impl Args {
    pub fn new() -> Self {
        Args(Vec::new())
    }

    pub fn required<T: Serialize>(&mut self, v: &T) -> Result<(), serde_json::Error> {
        self.0.push(Some(serde_json::to_value(v)?));
        Ok(())
    }

    pub fn optional<T: Serialize>(&mut self, v: &Option<T>) -> Result<(), serde_json::Error> {
        self.0
            .push(v.as_ref().map(serde_json::to_value).transpose()?);
        Ok(())
    }

    pub fn nullable<T: Serialize>(&mut self, v: &Nullable<T>) -> Result<(), serde_json::Error> {
        self.0.push(match v {
            Nullable::Absent => None,
            Nullable::Null => Some(Value::Null),
            Nullable::Value(v) => Some(serde_json::to_value(v)?),
        });
        Ok(())
    }

    pub fn finish(mut self) -> Vec<Value> {
        while self.0.last().is_some_and(Option::is_none) {
            self.0.pop();
        }
        self.0
            .into_iter()
            .map(|v| v.unwrap_or(Value::Null))
            .collect()
    }
}

fn arg_error(i: usize, name: &str, e: impl fmt::Display) -> String {
    format!("argument {i} (`{name}`): {e}")
}

/// A required argument.
pub fn arg_required<T: DeserializeOwned>(
    args: &[Value],
    i: usize,
    name: &str,
) -> Result<T, String> {
    match args.get(i) {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| arg_error(i, name, e)),
        None => Err(arg_error(i, name, "missing")),
    }
}

/// A required argument that may be `null`.
pub fn arg_required_nullable<T: DeserializeOwned>(
    args: &[Value],
    i: usize,
    name: &str,
) -> Result<Option<T>, String> {
    match args.get(i) {
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| arg_error(i, name, e)),
        None => Err(arg_error(i, name, "missing")),
    }
}

/// An optional argument: missing or `null` (JavaScript `undefined`) is `None`.
pub fn arg_optional<T: DeserializeOwned>(
    args: &[Value],
    i: usize,
    name: &str,
) -> Result<Option<T>, String> {
    match args.get(i) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v.clone())
            .map(Some)
            .map_err(|e| arg_error(i, name, e)),
    }
}

/// An optional nullable argument (absent / null / value).
pub fn arg_nullable<T: DeserializeOwned>(
    args: &[Value],
    i: usize,
    name: &str,
) -> Result<Nullable<T>, String> {
    match args.get(i) {
        None => Ok(Nullable::Absent),
        Some(Value::Null) => Ok(Nullable::Null),
        Some(v) => serde_json::from_value(v.clone())
            .map(Nullable::Value)
            .map_err(|e| arg_error(i, name, e)),
    }
}

/// A trait method's result, serialized by a generated `dispatch`.
pub fn to_result<T: Serialize>(v: T) -> Result<Value, DispatchError> {
    Ok(serde_json::to_value(v)?)
}

/// One generated API module (`widget` or `embedded`), seen by a harness that cannot name its
/// types: each module emits a unit struct `Binding` implementing it. The trait lives here and not
/// in the expansion, so adcontract-conformance can drive bindings expanded in any crate.
pub trait ApiModule {
    /// The API's id in the contract: `widget` or `embedded`.
    const API: &'static str;
    /// The contract version the bindings were generated for (`5.19`, `5.24`, `latest`).
    const VERSION: &'static str;
    /// The module's `Event` (`{"name", "args"}` on the wire).
    type Event: Serialize + DeserializeOwned;
    /// The module's `EventResponse` (`{"name", "response"}` on the wire).
    type EventResponse: Serialize + DeserializeOwned;
}

/// [`ApiModule`] for the implementations of the module's `AgentDesktop` trait: the generated
/// `Binding` implements it for every `T: AgentDesktop`.
pub trait ApiBinding<T: ?Sized>: ApiModule {
    /// Calls `method` (its JavaScript name, e.g. `getAgentState`) on `target` with positional
    /// JSON arguments, as JavaScript would pass them. `Ok(None)` for a method that answers
    /// nothing (most of API B).
    fn call(target: &mut T, method: &str, args: Vec<Value>)
    -> Result<Option<Value>, DispatchError>;
}

/// The typed call a generated [`ApiBinding::call`] dispatches: the `Call` enum parsed from its
/// wire envelope, so that arguments go through exactly the code a recorded message would.
pub fn call_from_args<C: DeserializeOwned>(
    method: &str,
    wire: &str,
    args: Vec<Value>,
) -> Result<C, DispatchError> {
    let env = Envelope {
        name: wire.to_owned(),
        args,
    };
    serde_json::to_value(env)
        .and_then(serde_json::from_value)
        .map_err(|e| DispatchError::Arguments {
            method: method.to_owned(),
            message: e.to_string(),
        })
}

/// Parses `value` as `T` and serializes it again (the body of a generated `reserialize`).
pub fn reserialize<T: Serialize + DeserializeOwned>(
    value: &Value,
) -> Result<Value, serde_json::Error> {
    serde_json::to_value(serde_json::from_value::<T>(value.clone())?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    #[test]
    fn nullable_keeps_three_states() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct S {
            #[serde(default, skip_serializing_if = "Nullable::is_absent")]
            x: Nullable<u8>,
        }
        for (text, want) in [
            ("{}", Nullable::Absent),
            (r#"{"x":null}"#, Nullable::Null),
            (r#"{"x":3}"#, Nullable::Value(3)),
        ] {
            let s: S = serde_json::from_str(text).unwrap();
            assert_eq!(s.x, want);
            assert_eq!(serde_json::to_string(&s).unwrap(), text);
        }
    }

    #[test]
    fn contract_shapes_of_runtime_types() {
        use ir::Shape as S;
        assert_eq!(<Vec<Option<String>>>::contract_shape(), {
            S::Array(Box::new(ir::ArrayShape {
                items: S::Nullable {
                    inner: Box::new(S::String(ir::StringRules::default())),
                },
                min_items: None,
                max_items: None,
            }))
        });
        assert_eq!(<Box<Value>>::contract_shape(), S::Any);
        assert_eq!(<()>::contract_shape(), S::Null);
        let t = S::TypeParam { name: "T".into() };
        let shape = S::Ref {
            name: "Wrap".into(),
            args: vec![S::Nullable {
                inner: Box::new(t.clone()),
            }],
        };
        assert_eq!(
            instantiate(&shape, &[("T", S::Boolean)]),
            S::Ref {
                name: "Wrap".into(),
                args: vec![S::Nullable {
                    inner: Box::new(S::Boolean)
                }],
            }
        );
        assert_eq!(instantiate(&t, &[("U", S::Boolean)]), t);
        assert_eq!(ShapeCell::new("not json").get(), &S::Any);
    }

    #[test]
    fn args_trim_and_fill() {
        let mut a = Args::new();
        a.required(&1).unwrap();
        a.optional::<u8>(&None).unwrap();
        a.nullable(&Nullable::Value(2)).unwrap();
        a.optional::<u8>(&None).unwrap();
        assert_eq!(
            a.finish(),
            vec![Value::from(1), Value::Null, Value::from(2)]
        );
    }
}
