//! The fast path of `adcontract validate` against the exact validator.
//!
//! The fast path may only say "clean" when the exact validator reports nothing at all (no
//! error, no warning), and should say it whenever that is so, or lines go the slow way. Both
//! directions are checked: on the committed instance corpus against every type and every method
//! result and event payload of every view, with and without `--deny-unknown`; and on instances
//! generated from the view's shapes, valid ones and mutated ones.

use std::path::{Path, PathBuf};

use adcontract_schema::ir::{Ir, Shape};
use adcontract_schema::validate::fast::Program;
use adcontract_schema::validate::{Options, Validator};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const VIEWS: [&str; 3] = ["5.19", "5.24", "latest"];

fn views() -> Vec<Ir> {
    VIEWS
        .iter()
        .map(|v| adcontract_schema::canonical().view(v).unwrap())
        .collect()
}

/// What the exact path says about a JSON text: does it report nothing? (Malformed or invalid
/// UTF-8 text is a reported problem.)
fn exact_is_clean(v: &Validator<'_>, shape: &Shape, text: &[u8]) -> bool {
    let Ok(s) = std::str::from_utf8(text) else {
        return false;
    };
    match serde_json::from_str::<Value>(s) {
        Ok(value) => v.validate_shape(shape, &value).is_empty(),
        Err(_) => false,
    }
}

/// Every shape worth checking in a view: each type, each method parameter and result, each
/// event payload and response (these bind generic arguments: `OperationResult<T>`).
fn shapes(ir: &Ir) -> Vec<(String, Shape)> {
    let mut out: Vec<(String, Shape)> = ir
        .types
        .keys()
        .map(|name| {
            (
                name.clone(),
                Shape::Ref {
                    name: name.clone(),
                    args: vec![],
                },
            )
        })
        .collect();
    for api in &ir.apis {
        for m in &api.methods {
            for p in &m.params {
                out.push((format!("{}({})", m.name, p.name), p.shape.clone()));
            }
            if let Some(r) = &m.result {
                out.push((format!("{} result", m.name), r.clone()));
            }
        }
        for e in &api.events {
            for p in &e.params {
                out.push((format!("{}({})", e.name, p.name), p.shape.clone()));
            }
            if let Some(r) = &e.response {
                out.push((format!("{} response", e.name), r.clone()));
            }
        }
    }
    // Most parameters are a `Ref` to a type already listed: check each shape once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|(_, s)| seen.insert(format!("{s:?}")));
    out
}

fn corpus_texts() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/instances");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut texts = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        match f.extension().and_then(|x| x.to_str()) {
            Some("json") => texts.push((f.display().to_string(), bytes)),
            Some("jsonl") => {
                for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                    if !line.iter().all(u8::is_ascii_whitespace) {
                        texts.push((format!("{}:{}", f.display(), i + 1), line.to_vec()));
                    }
                }
            }
            _ => {}
        }
    }
    assert!(texts.len() > 150, "the corpus is where it should be");
    texts
}

#[test]
fn fast_and_exact_agree_on_the_whole_corpus_in_every_view() {
    let texts = corpus_texts();
    // Parsed once: the exact path's parse (UTF-8 first, then serde_json), `None` when it fails.
    let parsed: Vec<Option<Value>> = texts
        .iter()
        .map(|(_, t)| {
            std::str::from_utf8(t)
                .ok()
                .and_then(|s| serde_json::from_str(s).ok())
        })
        .collect();
    let mut clean = 0;
    let mut checked = 0;
    for ir in views() {
        for deny_unknown in [false, true] {
            let v = Validator::new(&ir, Options { deny_unknown }).unwrap();
            for (name, shape) in shapes(&ir) {
                let program = Program::new(&v, &shape);
                for ((at, text), value) in texts.iter().zip(&parsed) {
                    let exact = value
                        .as_ref()
                        .is_some_and(|x| v.validate_shape(&shape, x).is_empty());
                    let fast = program.is_clean(text);
                    assert_eq!(
                        fast, exact,
                        "{at} as {name} in {} (deny_unknown {deny_unknown}): fast path says clean={fast}, exact path clean={exact}",
                        ir.version.id
                    );
                    checked += 1;
                    clean += usize::from(exact);
                }
            }
        }
    }
    // Both answers occur, so agreement is not trivial.
    assert!(clean > 500 && clean < checked / 2, "{clean} of {checked}");
}

/// A small deterministic generator over a proptest seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn scalar(g: &mut Gen) -> Value {
    match g.below(6) {
        0 => Value::Null,
        1 => json!(g.chance(50)),
        2 => json!(g.below(1000)),
        3 => json!(-1.5),
        4 => json!("s"),
        _ => json!([]),
    }
}

/// An instance of `shape` that is valid where the generator can tell (patterns are not
/// followed, so some strings fail them: the properties compare verdicts, not expect validity).
fn instance(ir: &Ir, shape: &Shape, g: &mut Gen, depth: u32) -> Value {
    if depth > 12 {
        return Value::Null;
    }
    match shape {
        Shape::Any | Shape::TypeParam { .. } => scalar(g),
        Shape::Null => Value::Null,
        Shape::Boolean => json!(g.chance(50)),
        Shape::Integer(r) => {
            let lo = r
                .minimum
                .or(r.exclusive_minimum.map(|m| m.floor() + 1.0))
                .unwrap_or(0.0);
            json!(lo as i64 + g.below(3) as i64)
        }
        Shape::Number(r) => {
            let lo = r.minimum.or(r.exclusive_minimum).unwrap_or(0.0);
            json!(lo + 0.5 + g.below(100) as f64)
        }
        Shape::String(r) => {
            let n = r.min_length.unwrap_or(0) as usize + g.below(4);
            let n = r.max_length.map_or(n, |m| n.min(m as usize));
            Value::String("é".repeat(n))
        }
        Shape::Const { value } => value.clone(),
        Shape::Enum(e) => e
            .values
            .get(g.below(e.values.len()))
            .map(|v| v.value.clone())
            .unwrap_or(Value::Null),
        Shape::Ref { name, args } => match ir.types.get(name) {
            Some(def) => {
                // Substitute generic arguments the simple way: a param becomes its argument.
                let body = substitute(&def.shape, &def.type_params, args);
                instance(ir, &body, g, depth + 1)
            }
            None => Value::Null,
        },
        Shape::Nullable { inner } => {
            if g.chance(30) {
                Value::Null
            } else {
                instance(ir, inner, g, depth + 1)
            }
        }
        Shape::Array(a) => {
            let n = a.min_items.unwrap_or(0) as usize + g.below(3);
            let n = a.max_items.map_or(n, |m| n.min(m as usize));
            Value::Array(
                (0..n)
                    .map(|_| instance(ir, &a.items, g, depth + 1))
                    .collect(),
            )
        }
        Shape::Map(m) => {
            let mut map = Map::new();
            for i in 0..g.below(3) {
                map.insert(i.to_string(), instance(ir, &m.values, g, depth + 1));
            }
            Value::Object(map)
        }
        Shape::Object(o) => {
            let mut map = Map::new();
            for f in &o.fields {
                if f.required || g.chance(50) {
                    map.insert(f.name.clone(), instance(ir, &f.shape, g, depth + 1));
                }
            }
            Value::Object(map)
        }
        Shape::Union(u) => match u.variants.get(g.below(u.variants.len())) {
            Some(v) => instance(ir, &v.shape, g, depth + 1),
            None => Value::Null,
        },
    }
}

fn substitute(shape: &Shape, params: &[String], args: &[Shape]) -> Shape {
    if params.is_empty() {
        return shape.clone();
    }
    let mut s = shape.clone();
    fn go(s: &mut Shape, params: &[String], args: &[Shape]) {
        match s {
            Shape::TypeParam { name } => {
                if let Some(a) = params
                    .iter()
                    .position(|p| p == name)
                    .and_then(|i| args.get(i))
                {
                    *s = a.clone();
                }
            }
            Shape::Nullable { inner } => go(inner, params, args),
            Shape::Array(a) => go(&mut a.items, params, args),
            Shape::Map(m) => go(&mut m.values, params, args),
            Shape::Object(o) => o
                .fields
                .iter_mut()
                .for_each(|f| go(&mut f.shape, params, args)),
            Shape::Union(u) => u
                .variants
                .iter_mut()
                .for_each(|v| go(&mut v.shape, params, args)),
            _ => {}
        }
    }
    go(&mut s, params, args);
    s
}

/// One random change somewhere in the value: walk down a random path, change what is there.
fn mutate(v: &mut Value, g: &mut Gen) {
    if g.chance(60) {
        match v {
            Value::Object(m) if !m.is_empty() => {
                let i = g.below(m.len());
                if let Some((_, x)) = m.iter_mut().nth(i) {
                    return mutate(x, g);
                }
            }
            Value::Array(xs) if !xs.is_empty() => {
                let i = g.below(xs.len());
                return mutate(&mut xs[i], g);
            }
            _ => {}
        }
    }
    match (g.below(6), v) {
        (0, Value::Object(m)) if !m.is_empty() => {
            let k = m.keys().nth(g.below(m.len())).cloned().unwrap_or_default();
            m.shift_remove(&k);
        }
        (1, Value::Object(m)) => {
            m.insert("undeclaredProperty".into(), json!(1));
        }
        (2, Value::Array(xs)) => xs.push(json!({"x": [1, "two"]})),
        (3, x) => *x = json!("fax"),
        (4, x) => *x = json!(1.0),
        (_, x) => *x = scalar(g),
    }
}

/// Texts that bend the syntax but stay JSON: escapes, spacing, duplicate keys.
fn rewrite(text: &str, g: &mut Gen) -> String {
    match g.below(4) {
        0 => text.replace(':', " : ").replace(',', ",\t"),
        1 => text
            .replacen("\"", "\"\\u0041", 1)
            .replacen("\\u0041", "", 1),
        2 => text.replace("\":", "\"\t:"),
        _ => text.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Generated instances of random shapes of random views, as generated and after one
    /// mutation: the fast path says clean exactly when the exact validator reports nothing.
    #[test]
    fn fast_and_exact_agree_on_generated_and_mutated_instances(
        view in 0..VIEWS.len(),
        pick in any::<u64>(),
        seed in 1..u64::MAX,
        mutated in any::<bool>(),
        deny_unknown in any::<bool>(),
    ) {
        let ir = adcontract_schema::canonical().view(VIEWS[view]).unwrap();
        let v = Validator::new(&ir, Options { deny_unknown }).unwrap();
        let all = shapes(&ir);
        let (name, shape) = &all[(pick % all.len() as u64) as usize];
        let mut g = Gen(seed);
        let mut value = instance(&ir, shape, &mut g, 0);
        if mutated {
            mutate(&mut value, &mut g);
        }
        let text = rewrite(&value.to_string(), &mut g);
        let program = Program::new(&v, shape);
        let exact = exact_is_clean(&v, shape, text.as_bytes());
        prop_assert_eq!(program.is_clean(text.as_bytes()), exact, "{} in {}: {}", name, VIEWS[view], text);
    }

    /// Arbitrary bytes near JSON: never clean unless the exact validator agrees.
    #[test]
    fn fast_and_exact_agree_on_near_json_bytes(
        bytes in proptest::collection::vec(proptest::sample::select(b"{}[]\":,0-1.e \\ntrufalsn\xff\xef\xbb\xbf".to_vec()), 0..40),
    ) {
        let ir = adcontract_schema::canonical().view("latest").unwrap();
        let v = Validator::new(&ir, Options::default()).unwrap();
        for shape in [Shape::Any, Shape::Ref { name: "CallParty".into(), args: vec![] }] {
            let program = Program::new(&v, &shape);
            prop_assert_eq!(program.is_clean(&bytes), exact_is_clean(&v, &shape, &bytes));
        }
    }
}

#[test]
fn nesting_limit_is_the_same_on_both_paths() {
    let ir = adcontract_schema::canonical().view("latest").unwrap();
    let v = Validator::new(&ir, Options::default()).unwrap();
    let program = Program::new(&v, &Shape::Any);
    for depth in [126, 127, 128, 129, 100_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            program.is_clean(text.as_bytes()),
            exact_is_clean(&v, &Shape::Any, text.as_bytes()),
            "depth {depth}"
        );
        assert_eq!(
            program.is_clean(text.as_bytes()),
            depth <= 127,
            "depth {depth}"
        );
    }
    // An `Any` inside an object is read, not skipped: the limit still holds there.
    let deep = format!(r#"{{"attachedData":{{}},"x":{}}}"#, "[".repeat(200));
    let shape = Shape::Ref {
        name: "CallParty".into(),
        args: vec![],
    };
    assert!(!Program::new(&v, &shape).is_clean(deep.as_bytes()));
}
