//! The validators, compiled ahead of time into `validators.js`: for every type one plain
//! function pair, `$i<n>` (the fast verdict behind `is<Type>`: no problem objects, stops at the
//! first error) and `$v<n>` (behind `validate<Type>`: every problem, with pointer, keyword,
//! severity and the Rust checker's message), both straight-line code emitted from the IR.
//!
//! Why compiled rather than a table walked by an interpreter: the checks of a type run without
//! any lookup or dispatch (ajv's standalone mode does the same, and this is how we stay ahead of
//! it), the package needs neither `eval` nor `new Function` (a strict Content-Security-Policy
//! allows it), and each exported function reaches only the functions of the types it checks,
//! so a bundler drops the rest (`sideEffects: false` holds).
//!
//! Injection: nothing from the schema becomes code. Property names, enum values, constants and
//! tags are emitted as hardened JSON literals ([`text::js_string`]/[`text::js_value`]), patterns
//! as string literals compiled with `new RegExp(…, "u")` on first use, type names only inside
//! string literals and comments-free identifiers we number ourselves (`$i3`).
//!
//! Agreement with the Rust checker (`adcontract_schema::validate`) is by construction (the same
//! steps, in [`guard`] and [`collect`]) and by test (the tests crate runs both on the instance
//! corpus and on synthesized values). The depth limit is checked where a named type (also one
//! checked in place, see `Plan::inline`) or a union alternative begins, with the depth counted
//! as the Rust checker counts it; the few levels inside one type's body are not checked one by
//! one (so on a value nested past the limit, the `$ref` problem may be reported a few levels
//! from where the Rust checker reports it). Checks that can never fire are left out: where no
//! recursion leads to a type, the deepest it is ever entered is known when generating
//! (`Plan::prove_depths`), so the views of the Agent Desktop schema, which has no recursive
//! type, check no depth at all.
//! Properties are read directly (`v["name"]`; `$has` first for names `Object.prototype`
//! defines), which for plain data (anything `JSON.parse` or `structuredClone` makes) is the same
//! as asking for own properties; likewise objects and maps are walked with `for … in`, which
//! also visits inherited enumerable properties (plain data has none). A property whose value is `undefined` counts as absent: JSON
//! cannot hold one, and `JSON.stringify` and TypeScript's optional properties treat it so.

mod collect;
mod guard;
mod plan;

use std::cell::Cell;
use std::rc::Rc;

use adcontract_schema::ir::{Ir, Shape};

use super::text::js_string;
use super::{Gen, RUNTIME_JS};
use plan::{Job, Plan};

/// The runtime helpers `validators.js` imports (see `runtime.js`).
const HELPERS: &[&str] = &[
    "$compile",
    "$test",
    "$has",
    "$present",
    "$extra",
    "$other",
    "$esc",
    "$eq",
    "$oneOf",
    "$len",
    "$enter",
    "$leave",
    "$ctx",
    "$error",
    "$closed",
    "$undeclared",
    "$got",
    "$bound",
    "$count",
    "$pattern",
    "$keyPattern",
    "$deep",
    "$loop",
    "$undefined",
    "$union",
];

/// Lines of generated code at an indentation, sharing one counter for local names.
#[derive(Debug)]
pub(super) struct Code {
    lines: Vec<String>,
    indent: usize,
    vars: Rc<Cell<usize>>,
}

impl Code {
    fn new(indent: usize) -> Self {
        Code {
            lines: Vec::new(),
            indent,
            vars: Rc::new(Cell::new(0)),
        }
    }

    fn line(&mut self, s: &str) {
        self.lines.push(format!("{}{s}", "  ".repeat(self.indent)));
    }

    /// A fresh local name.
    fn var(&mut self, prefix: &str) -> String {
        let n = self.vars.get();
        self.vars.set(n + 1);
        format!("{prefix}{n}")
    }

    /// An empty block one level deeper.
    fn child(&self) -> Code {
        Code {
            lines: Vec::new(),
            indent: self.indent + 1,
            vars: Rc::clone(&self.vars),
        }
    }

    /// An empty block at the same level (to be appended or dropped).
    fn child_same(&self) -> Code {
        Code {
            lines: Vec::new(),
            indent: self.indent,
            vars: Rc::clone(&self.vars),
        }
    }

    fn block(&mut self, head: &str, body: Code) {
        self.block_else(head, body, "");
    }

    /// `head`, the body, then `}` followed by `tail`.
    fn block_else(&mut self, head: &str, body: Code, tail: &str) {
        self.line(head);
        self.lines.extend(body.lines);
        self.line(&format!("}}{tail}"));
    }

    fn append(&mut self, body: Code) {
        self.lines.extend(body.lines);
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn finish(self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

/// The plan of a view's checkers (`setup` adds its entry points) and their code, emitted twice:
/// once to learn which jobs call which, and again without the depth checks that this proves
/// can never fire (see `Plan::prove_depths`).
fn checkers<'a, T>(ir: &'a Ir, setup: impl Fn(&mut Plan<'a>) -> T) -> (Plan<'a>, T, String) {
    let mut first = Plan::new(ir);
    setup(&mut first);
    emit(&mut first);
    let mut p = Plan::new(ir);
    p.assume_shallow(first.prove_depths());
    let entries = setup(&mut p);
    let code = emit(&mut p);
    (p, entries, code)
}

/// The checkers of every job of the plan (jobs added while emitting included): the lazily
/// compiled patterns, the constants, the function pairs and the union descriptors.
fn emit<'a>(p: &mut Plan<'a>) -> String {
    let mut funcs = String::new();
    let mut i = 0;
    while let Some(&job) = p.jobs.get(i) {
        let (shape, env, what) = match job {
            Job::Def { def, env } => {
                let what = match env {
                    None => def.name.clone(),
                    Some(_) => format!("{} (specialised)", def.name),
                };
                (&def.shape, env, what)
            }
            Job::Alt { shape, env } => (shape, env, "a union alternative".to_owned()),
        };
        p.begin(i);
        let g = guard::body(p, shape, env);
        let c = collect::body(p, shape, env);
        // The name is only ever in a comment after sanitising (see `text::one_line`).
        funcs.push_str(&format!(
            "// {}\nfunction $i{i}(v, d, x) {{\n{g}}}\nfunction $v{i}(v, c, d) {{\n{c}}}\n",
            comment(&what)
        ));
        i += 1;
    }
    let mut j = String::new();
    for (n, (source, pattern)) in p.patterns.iter().enumerate() {
        j.push_str(&format!(
            "let $r{n};\nfunction $g{n}() {{\n  return $r{n} || ($r{n} = $compile({}, {}));\n}}\n",
            js_string(source),
            js_string(pattern)
        ));
    }
    for (n, c) in p.consts.iter().enumerate() {
        j.push_str(&format!("const $c{n} = {c};\n"));
    }
    j.push('\n');
    j.push_str(&funcs);
    for (n, u) in p.unions.iter().enumerate() {
        j.push_str(&format!("const $u{n} = {u};\n"));
    }
    j
}

/// `validators.js` for a view.
pub(crate) fn validators_js(ir: &Ir, header: &str, ts_name: &dyn Fn(&str) -> String) -> String {
    let (p, (), body) = checkers(ir, |_| ());
    let mut j = String::from(header);
    j.push_str(&format!(
        "\nimport {{ deepFreeze as $deepFreeze, {} }} from \"./runtime.js\";\n\n",
        HELPERS.join(", ")
    ));
    j.push_str(&body);
    j.push('\n');
    let names: Vec<String> = ir.types.keys().map(|n| js_string(n)).collect();
    j.push_str(&format!(
        "export const typeNames = /* @__PURE__ */ $deepFreeze([{}]);\n\n",
        names.join(", ")
    ));
    let mut dispatch = String::new();
    for def in ir.types.values() {
        let Some(id) = p.top(&def.name) else { continue };
        let ts = ts_name(&def.name);
        j.push_str(&format!(
            "export function is{ts}(value) {{\n  return $i{id}(value, 0, false);\n}}\nexport function validate{ts}(value, options) {{\n  const c = $ctx(options);\n  $v{id}(value, c, 0);\n  return c.problems;\n}}\n"
        ));
        dispatch.push_str(&format!(
            "    case {}:\n      return validate{ts}(value, options);\n",
            js_string(&def.name)
        ));
    }
    j.push_str(&format!(
        "\nexport function validate(typeName, value, options) {{\n  switch (typeName) {{\n{dispatch}    default:\n      throw new TypeError(`unknown type ${{JSON.stringify(String(typeName))}} in this package`);\n  }}\n}}\n"
    ));
    j
}

/// The compiled checkers of a view for a classic `<script>` (the page SDK of `adcontract
/// serve`): one expression, `(() => { … })()`, holding the runtime's helpers and the checkers
/// with no `import` or `export`, whose value is `{ validate(row, value, options) }`. A row is a
/// name for a shape (a method parameter's, an event answer's) checked as a named type is, from
/// depth 0; `validate` returns every problem, as the package's `validate…` functions do, and
/// throws a `TypeError` for an unknown row.
pub(crate) fn script<'a>(ir: &'a Ir, rows: &[(String, &'a Shape)]) -> String {
    let (_, ids, body) = checkers(ir, |p| -> Vec<(String, usize)> {
        rows.iter()
            .map(|(name, shape)| (js_string(name), p.alt_job(shape, None)))
            .collect()
    });
    let mut j = String::from("(() => {\n");
    j.push_str(
        &RUNTIME_JS
            .replace("export const ", "const ")
            .replace("export function ", "function "),
    );
    j.push_str(&body);
    j.push_str("const $rows = new Map([\n");
    for (name, id) in &ids {
        j.push_str(&format!("  [{name}, $v{id}],\n"));
    }
    j.push_str("]);\n");
    j.push_str("return {\n  validate(row, value, options) {\n    const check = $rows.get(row);\n    if (check === undefined) throw new TypeError(`unknown row ${JSON.stringify(String(row))}`);\n    const c = $ctx(options);\n    check(value, c, 0);\n    return c.problems;\n  },\n};\n})()");
    j
}

/// Text for a `//` comment: one line, and never `*/`-sensitive (line comments cannot be closed).
fn comment(s: &str) -> String {
    super::text::one_line(s)
}

impl Gen<'_> {
    fn ts_name(&self, name: &str) -> String {
        self.type_names
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }

    /// `validators.js`: the compiled checkers and the exported `is…`/`validate…` functions.
    pub(crate) fn validators_file(&self, header: &str) -> String {
        validators_js(self.ir, header, &|n| self.ts_name(n))
    }

    /// The re-export of the validators from `index.js`.
    pub(crate) fn validators_reexport(&self, j: &mut String) {
        let mut names = vec!["typeNames".to_owned(), "validate".to_owned()];
        for def in self.ir.types.values() {
            let ts = self.ts_name(&def.name);
            names.push(format!("is{ts}"));
            names.push(format!("validate{ts}"));
        }
        j.push_str("export {\n");
        for n in names {
            j.push_str(&format!("  {n},\n"));
        }
        j.push_str("} from \"./validators.js\";\n");
    }

    pub(crate) fn validators_d_ts(&self, d: &mut String) {
        d.push_str("// ---- Validators ----\n\n");
        d.push_str("/** One problem found in a value: where (`path`, a JSON pointer), which rule (`keyword`), and what. */\n");
        d.push_str("export interface ValidationError {\n  /** RFC 6901 pointer into the value; `\"\"` is the value itself. */\n  path: string;\n  /** The JSON Schema keyword broken (`type`, `required`, `enum`, `additionalProperties`, ...). */\n  keyword: string;\n  message: string;\n  /** Undeclared properties are warnings (errors with `denyUnknown`); warnings never make a value invalid. */\n  severity: \"error\" | \"warning\";\n}\n\n");
        d.push_str("export interface ValidateOptions {\n  /** Report undeclared properties as errors instead of warnings. */\n  readonly denyUnknown?: boolean;\n}\n\n");
        let names: Vec<String> = self.ir.types.keys().map(|n| js_string(n)).collect();
        let union = if names.is_empty() {
            "never".to_owned()
        } else {
            names.join(" | ")
        };
        d.push_str(&format!("/** The names `validate` accepts (the schema's type names). */\nexport type ContractTypeName = {union};\n"));
        d.push_str("export declare const typeNames: readonly ContractTypeName[];\n\n");
        d.push_str("/** Every problem of `value` against the named type; throws a `TypeError` for an unknown name. */\nexport declare function validate(typeName: ContractTypeName, value: unknown, options?: ValidateOptions): ValidationError[];\n\n");
        for def in self.ir.types.values() {
            let ts = self.ts_name(&def.name);
            let target = if def.type_params.is_empty() {
                ts.clone()
            } else {
                format!(
                    "{ts}<{}>",
                    vec!["unknown"; def.type_params.len()].join(", ")
                )
            };
            d.push_str(&format!(
                "/** Every problem of `value` as a `{ts}` (errors and warnings). */\nexport declare function validate{ts}(value: unknown, options?: ValidateOptions): ValidationError[];\n"
            ));
            d.push_str(&format!(
                "/** Whether `value` is a valid `{ts}` (no errors; undeclared properties allowed). */\nexport declare function is{ts}(value: unknown): value is {target};\n\n"
            ));
        }
    }
}

/// Declarations of the runtime helpers, for projects that type-check plain JavaScript imports.
pub(crate) const RUNTIME_D_TS: &str = r#"/** Freezes a constant and everything in it. */
export declare function deepFreeze<T>(value: T): T;
// The other exports are the helpers `validators.js` calls; they are not an API.
export declare const $has: (o: object, k: string) => boolean;
export declare const $present: (o: object, k: string) => boolean;
export declare function $extra(o: object, n: number): boolean;
export declare function $other(o: object, names: readonly string[]): boolean;
export declare const $test: (r: unknown, s: string) => boolean;
export declare function $eq(a: unknown, b: unknown): boolean;
export declare function $oneOf(v: unknown, list: readonly unknown[]): boolean;
export declare function $len(s: string): number;
export declare function $compile(source: string, pattern: string): unknown;
export declare function $enter(id: number, v: unknown): boolean;
export declare function $leave(): void;
export declare function $ctx(options?: { readonly denyUnknown?: boolean }): unknown;
export declare function $esc(k: string): string;
export declare function $error(c: unknown, at: string, keyword: string, message: string): void;
export declare function $closed(c: unknown, at: string, k: string): void;
export declare function $undeclared(c: unknown, at: string, k: string): void;
export declare function $got(c: unknown, at: string, keyword: string, expected: string, v: unknown): void;
export declare function $bound(c: unknown, at: string, kind: number, b: number, n: number): void;
export declare function $count(c: unknown, at: string, keyword: string, b: number, n: number): void;
export declare function $pattern(c: unknown, at: string, r: unknown, s: string, pattern: string): void;
export declare function $keyPattern(c: unknown, at: string, r: unknown, k: string, pattern: string): void;
export declare function $deep(c: unknown, at: string): void;
export declare function $loop(c: unknown, at: string, name: string): void;
export declare function $undefined(c: unknown, at: string, name: string): void;
export declare function $union(c: unknown, u: unknown, v: unknown, depth: number): boolean;
"#;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::super::RUNTIME_JS;
    use super::{HELPERS, RUNTIME_D_TS};

    /// The names after `prefix` at the start of a line of `text`.
    fn declared<'t>(text: &'t str, prefixes: &[&str]) -> BTreeSet<&'t str> {
        text.lines()
            .filter_map(|l| prefixes.iter().find_map(|p| l.strip_prefix(p)))
            .filter_map(|rest| {
                rest.split(|c: char| !(c == '$' || c.is_alphanumeric()))
                    .next()
            })
            .collect()
    }

    #[test]
    fn the_runtime_exports_what_the_checkers_import_and_declares_it() {
        // An export nothing imports is dead weight in every package, and one the declarations
        // miss breaks a project that type-checks the runtime; both drifted apart once.
        let exports = declared(RUNTIME_JS, &["export function ", "export const "]);
        let mut imported: BTreeSet<&str> = HELPERS.iter().copied().collect();
        imported.insert("deepFreeze");
        assert_eq!(exports, imported, "runtime.js exports vs HELPERS");
        let typed = declared(
            RUNTIME_D_TS,
            &["export declare function ", "export declare const "],
        );
        assert_eq!(exports, typed, "runtime.js exports vs runtime.d.ts");
    }
}
