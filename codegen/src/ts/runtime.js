// The validators' helpers: what the generated checkers call when they report a problem, with
// messages worded exactly as adcontract's Rust validator (adcontract_schema::validate) words them.
// Nothing here walks a schema: each type's checks are plain code in validators.js, and these
// functions only run on the way to an answer (building a problem, compiling a pattern once,
// orchestrating a union's alternatives when collecting problems). Every export is a pure
// function, so a bundler keeps only what the imported checkers call.

const MAX_DEPTH = 1024;

/** Whether `o` has its own property `k` (never an inherited one such as `constructor`). */
export const $has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Whether `o` holds property `k`: its own, and not `undefined` (which JSON cannot say, and which
 * `JSON.stringify` and TypeScript's optional properties treat as absent).
 */
export const $present = (o, k) => $has(o, k) && o[k] !== undefined;

/** Whether `o` holds another property than the `n` declared ones it was found to hold. */
export function $extra(o, n) {
  // The key count alone settles the common case (it counts `undefined` values too, so only a
  // mismatch needs the exact count).
  let all = 0;
  for (const _ in o) all++;
  if (all === n) return false;
  let m = 0;
  for (const k in o) if (o[k] !== undefined) m++;
  return m !== n;
}

/**
 * Whether `o` holds a property other than `names` (its declared ones), `undefined` ones aside,
 * walked as the collecting checkers walk it for undeclared properties (`for … in`).
 */
export function $other(o, names) {
  for (const k in o) {
    if (o[k] !== undefined && !names.includes(k)) return true;
  }
  return false;
}

/** Whether `v` is a JSON object (not an array, not null). */
const $obj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Freezes a constant and everything in it (the `as const` promise, kept at run time). */
export function deepFreeze(value) {
  if (typeof value === "object" && value !== null) {
    for (const k of Object.keys(value)) deepFreeze(value[k]);
    Object.freeze(value);
  }
  return value;
}

/** JSON equality (`const`, non-primitive `enum` values, tags). */
export function $eq(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => $eq(x, b[i]));
  }
  if ($obj(a) && $obj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => $has(b, k) && $eq(a[k], b[k]));
  }
  return false;
}

/** Whether `v` equals one of `list` (an enum with array or object values). */
export function $oneOf(v, list) {
  for (const e of list) if ($eq(v, e)) return true;
  return false;
}

/** The length of `s` in code points, as JSON Schema counts it. */
export function $len(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---- Patterns ----

/** A pattern compiled once: `{ re }`, or `{ err }` when this engine cannot compile it. */
export function $compile(source, pattern) {
  try {
    return { re: new RegExp(source, "u") };
  } catch (e) {
    return { err: `pattern ${JSON.stringify(pattern)} is not supported: ${e.message}` };
  }
}

/** The fast path's match: an unusable pattern is an error, so it never matches. */
export const $test = (r, s) => r.re !== undefined && r.re.test(s);

/** Reports a string that failed its pattern (or the pattern, when it is unusable). */
export function $pattern(c, at, r, s, pattern) {
  if (r.re === undefined) $error(c, at, "pattern", r.err);
  else $error(c, at, "pattern", `${quote(s)} does not match the pattern ${quote(pattern)}`);
}

/** Reports a property name that failed a map's key pattern (or the pattern, when unusable). */
export function $keyPattern(c, at, r, k, pattern) {
  if (r.re === undefined) $error(c, at, "pattern", r.err);
  else $error(c, at, "propertyNames", `property name ${quote(k)} does not match the pattern ${quote(pattern)}`);
}

// ---- Loops ----
// A type that can reach itself without going into the value (`A = A | null`) would recurse
// forever; like the Rust checker, entering the same reference again at the same value is
// reported as a loop. The stack holds [reference id, value] pairs of the references being
// checked; only its top entries for the current value can match.

const active = [];

/** Enters reference `id` at `v`; false (and nothing entered) when that is a loop. */
export function $enter(id, v) {
  for (let i = active.length - 2; i >= 0 && active[i + 1] === v; i -= 2) {
    if (active[i] === id) return false;
  }
  active.push(id, v);
  return true;
}

export function $leave() {
  active.length -= 2;
}

// ---- Problems ----

/**
 * The state of one `validate…` call. `path` stays `null` until a checker calls another one:
 * most calls never push a step, and one array less per call measured a few percent.
 */
export function $ctx(options) {
  return { path: null, problems: [], errors: 0, deny: !!(options && options.denyUnknown) };
}

/**
 * The pointer of the value a checker was called on: the steps pushed around calls, each pointer
 * text already escaped, or an array index (kept a number so that no string is built per item).
 */
function render(path) {
  const n = path.length;
  let out = "";
  for (let i = 0; i < n; i++) {
    const step = path[i];
    out += typeof step === "number" ? "/" + step : step;
  }
  return out;
}

/** A map key as one JSON pointer step (RFC 6901: `~` is `~0`, `/` is `~1`). */
export function $esc(k) {
  return k.indexOf("~") < 0 && k.indexOf("/") < 0 ? k : k.replace(/~/g, "~0").replace(/\//g, "~1");
}

// Every reporter takes `at`, where the problem is below the checker's value (`""`: the value
// itself), worded by the generated code.

/** The pointer of a problem at `at` below the current checker's value. */
const pointer = (c, at) => (c.path === null ? at : render(c.path) + at);

export function $error(c, at, keyword, message) {
  c.errors++;
  c.problems.push({ path: pointer(c, at), keyword, message, severity: "error" });
}

function quote(s) {
  return asIs(s) ? '"' + s + '"' : quoteLong(s);
}

/**
 * Whether `s` is quoted as it is: at most 60 UTF-16 units (so at most 60 code points, no
 * counting needed) and nothing JSON would escape (no `JSON.stringify` needed).
 */
const asIs = (s) => s.length <= 60 && plain(s);

function quoteLong(s) {
  if (s.length <= 60) return JSON.stringify(s);
  const cps = Array.from(s);
  if (cps.length <= 60) return JSON.stringify(s);
  const q = JSON.stringify(cps.slice(0, 60).join(""));
  return q.slice(0, -1) + "…\"";
}

/** Whether JSON would write `s` as is (no control character, quote, backslash or surrogate). */
function plain(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

function jsonText(v) {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}

function literal(v) {
  if (typeof v === "string") return quote(v);
  const s = jsonText(v);
  if (s.length <= 80) return s;
  const cps = Array.from(s);
  return cps.length > 80 ? cps.slice(0, 80).join("") + "…" : s;
}

function describe(v) {
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if ($obj(v)) return "an object";
  if (typeof v === "number") return `number ${v}`;
  return jsonText(v);
}

function bound(f) {
  return Number.isInteger(f) && Math.abs(f) < 1e15 ? f.toFixed(0) : String(f);
}

const plural = (n) => (n === 1 ? "" : "s");

export function $closed(c, at, k) {
  $error(c, at + "/" + $esc(k), "additionalProperties", `property ${quote(k)} is not allowed here`);
}

/** An undeclared property of an open object: a warning, or an error with `denyUnknown`. */
export function $undeclared(c, at, k) {
  const severity = c.deny ? "error" : "warning";
  if (c.deny) c.errors++;
  c.problems.push({ path: pointer(c, at + "/" + $esc(k)), keyword: "additionalProperties", message: `property ${quote(k)} is not declared`, severity });
}

/** A problem whose message is text worded at generation time (`expected "a"; got `) and `v`. */
export function $got(c, at, keyword, expected, v) {
  // `describe` written out for its usual case, a short string (an unknown enum value): inside
  // a large checker the engine no longer inlines the calls, and two calls less per problem
  // measured a few percent of `validate` on InteractionData. Joined from the left, each step
  // is long enough for the engine to make a rope of it and copy nothing, where `'"' + v + '"'`
  // first copied `v` twice into short strings (another 7% on InteractionData).
  const message = typeof v === "string" && asIs(v) ? expected + '"' + v + '"' : expected + describe(v);
  $error(c, at, keyword, message);
}

/** Number bounds: `kind` 0 minimum, 1 maximum, 2 exclusiveMinimum, 3 exclusiveMaximum. */
export function $bound(c, at, kind, b, n) {
  switch (kind) {
    case 0:
      return $error(c, at, "minimum", `expected at least ${bound(b)}; got ${n}`);
    case 1:
      return $error(c, at, "maximum", `expected at most ${bound(b)}; got ${n}`);
    case 2:
      return $error(c, at, "exclusiveMinimum", `expected more than ${bound(b)}; got ${n}`);
    default:
      return $error(c, at, "exclusiveMaximum", `expected less than ${bound(b)}; got ${n}`);
  }
}

/** Length bounds of strings (`characters`) and arrays (`items`). */
export function $count(c, at, keyword, b, n) {
  const what = keyword.startsWith("min") ? "at least" : "at most";
  const noun = keyword.endsWith("Items") ? "item" : "character";
  $error(c, at, keyword, `expected ${what} ${b} ${noun}${plural(b)}; got ${n}`);
}

export function $deep(c, at) {
  $error(c, at, "$ref", `the schema nests more than ${MAX_DEPTH} levels here; is a type defined only through itself?`);
}

export function $loop(c, at, name) {
  $error(c, at, "$ref", `type ${JSON.stringify(name)} refers to itself here without going into the value (a loop)`);
}

export function $undefined(c, at, name) {
  $error(c, at, "$ref", `type ${JSON.stringify(name)} is not defined in this view`);
}

// ---- Unions, collecting ----
// A union `u` is { alts, is, check, tag, tags, rejects, exclusive }: the alternatives' names for
// messages, each alternative's fast verdict `is[i](v, depth, deny)` and collecting checker
// `check[i](v, c, depth)`, the discriminating property, each alternative's tag value, and for each
// alternative `[required, tagConst]` when its tag field alone can reject a value. The order of
// trials and what is reported follow the Rust checker step by step.

/** Checks `v` against union `u` at `depth`, reporting into `c`; true when valid. */
export function $union(c, u, v, depth) {
  if (u.tag !== null && $obj(v) && $present(v, u.tag)) {
    const tv = v[u.tag];
    const ci = u.tags.findIndex((t) => t !== null && $eq(t, tv));
    if (ci >= 0) return tagged(c, u, ci, v, depth);
  }
  return untagged(c, u, v, depth);
}

function tagRejects(u, i, v) {
  const r = u.rejects[i];
  if (r === null) return false;
  if (!$present(v, u.tag)) return r[0];
  return !$eq(v[u.tag], r[1]);
}

function tagged(c, u, ci, v, depth) {
  const snap = [c.problems.length, c.errors];
  const chosenOk = u.check[ci](v, c, depth);
  if (chosenOk && !u.exclusive) return true;
  const others = [];
  for (let i = 0; i < u.alts.length; i++) {
    if (i === ci || tagRejects(u, i, v)) continue;
    if (u.is[i](v, depth, c.deny)) {
      others.push(i);
      if (!u.exclusive || others.length > 1) break;
    }
  }
  if (others.length === 0) return chosenOk;
  if (chosenOk) {
    moreThanOne(c, u, ci, others[0]);
    return false;
  }
  c.problems.length = snap[0];
  c.errors = snap[1];
  if (others.length === 1) {
    // Valid, so this adds its warnings only.
    u.check[others[0]](v, c, depth);
    return true;
  }
  moreThanOne(c, u, others[0], others[1]);
  return false;
}

function moreThanOne(c, u, a, b) {
  $error(c, "", "oneOf", `matches more than one alternative (${u.alts[a]} and ${u.alts[b]}); exactly one must match`);
}

function untagged(c, u, v, depth) {
  const matched = [];
  for (let i = 0; i < u.alts.length; i++) {
    if (u.is[i](v, depth, c.deny)) {
      matched.push(i);
      if (!u.exclusive || matched.length > 1) break;
    }
  }
  if (matched.length === 1 || (matched.length > 1 && !u.exclusive)) {
    u.check[matched[0]](v, c, depth);
    return true;
  }
  if (matched.length > 1) {
    moreThanOne(c, u, matched[0], matched[1]);
    return false;
  }
  $error(c, "", u.exclusive ? "oneOf" : "anyOf", noMatch(c, u, v, depth));
  return false;
}

function noMatch(c, u, v, depth) {
  if (u.tag !== null) {
    const tags = u.tags.filter((t) => t !== null).map(literal);
    if ($obj(v)) {
      if (!$present(v, u.tag)) return `missing the discriminating property ${quote(u.tag)} (one of ${tags.join(", ")})`;
      return `property ${quote(u.tag)} is ${describe(v[u.tag])}; expected one of ${tags.join(", ")}`;
    }
    return `expected an object (${u.alts.join(" or ")}); got ${describe(v)}`;
  }
  let message = `expected ${u.alts.join(" or ")}; got ${describe(v)}`;
  // The closest branch: one whose type fits rather than one that fails on the type at the
  // union itself (the summary already says that), then the fewest problems, then the first.
  const here = pointer(c, "");
  let best = null;
  for (let i = 0; i < u.alts.length; i++) {
    const sub = { path: c.path === null ? null : c.path.slice(), problems: [], errors: 0, deny: c.deny };
    u.check[i](v, sub, depth);
    const problems = sub.problems.filter((p) => p.severity === "error");
    const wrongType = problems.every((p) => p.keyword === "type" && p.path === here);
    const better = best === null || (wrongType === best[0] ? problems.length < best[1] : !wrongType);
    if (better) best = [wrongType, problems.length, i, problems];
  }
  if (best !== null) {
    const [wrongType, , i, problems] = best;
    const first = problems[0];
    if (first && !(wrongType || u.alts.length < 2)) {
      const more = problems.length - 1;
      const extra = more > 0 ? ` (+${more} more)` : "";
      const shown = `${first.path === "" ? "/" : first.path}: ${first.severity}: ${first.message}`;
      message += `; closest is ${u.alts[i]}: ${shown}${extra}`;
    }
  }
  return message;
}
