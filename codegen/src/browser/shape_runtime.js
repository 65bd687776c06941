// The validator runtime: a port of adcontract's Rust checker (adcontract_schema::validate), walking
// the shape table that index.js holds. Same keywords, same JSON pointers, same union rules;
// undeclared properties of open objects are warnings (errors with { denyUnknown: true }).
// Shapes: ["any"] ["null"] ["bool"] ["int"|"num", min, max, exclusiveMin, exclusiveMax]
// ["str", minLength, maxLength, patternIndex] ["const", value] ["ref", name, args?] ["tp", name]
// ["nullable", inner] ["arr", items, minItems, maxItems] ["map", values, keyPatternIndex]
// ["obj", [[name, required, shape], ...], closed] ["enum", values]
// ["union", [[shape, tagValue], ...], tag, exclusive]

const MAX_DEPTH = 1024;
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Freezes a constant and everything in it (the `as const` promise, kept at run time). */
export function deepFreeze(value) {
  if (typeof value === "object" && value !== null) {
    for (const k of Object.keys(value)) deepFreeze(value[k]);
    Object.freeze(value);
  }
  return value;
}

function jsonEq(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEq(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && jsonEq(a[k], b[k]));
  }
  return false;
}

const codePoints = (s) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function quote(s) {
  const cps = Array.from(s);
  if (cps.length <= 60) return JSON.stringify(s);
  const q = JSON.stringify(cps.slice(0, 60).join(""));
  return q.slice(0, -1) + "…\"";
}

function jsonText(v) {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s;
}

function literal(v) {
  if (typeof v === "string") return quote(v);
  const s = jsonText(v);
  const cps = Array.from(s);
  return cps.length > 80 ? cps.slice(0, 80).join("") + "…" : s;
}

function describe(v) {
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? "" : "s"}`;
  if (isObject(v)) return "an object";
  if (typeof v === "number") return `number ${v}`;
  return jsonText(v);
}

function bound(f) {
  return Number.isInteger(f) && Math.abs(f) < 1e15 ? f.toFixed(0) : String(f);
}

const plural = (n) => (n === 1 ? "" : "s");

function render(path) {
  let out = "";
  for (const seg of path) {
    out += "/" + (typeof seg === "number" ? String(seg) : seg.replace(/~/g, "~0").replace(/\//g, "~1"));
  }
  return out;
}

function kindMatches(kind, v) {
  switch (kind) {
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number";
    case "boolean":
      return typeof v === "boolean";
    case "string":
      return typeof v === "string";
    case "array":
      return Array.isArray(v);
    case "object":
      return isObject(v);
    default:
      return false;
  }
}

class Walk {
  constructor(collect, path, deny, active) {
    this.collect = collect;
    this.path = path;
    this.deny = deny;
    this.problems = [];
    this.errors = 0;
    this.warnings = 0;
    // The refs being checked, innermost last, as [ref node, value, generic scope]: entering one
    // again at the same value in the same scope is a loop that never consumes the value
    // (`A = A | null`), reported instead of followed. Shared by the walks of one check.
    this.active = active || [];
  }
  report(severity, keyword, message) {
    if (severity === "error") this.errors++;
    else this.warnings++;
    if (this.collect) this.problems.push({ path: render(this.path), keyword, message: message(), severity });
  }
  error(keyword, message) {
    this.report("error", keyword, message);
  }
  snapshot() {
    return [this.problems.length, this.errors, this.warnings];
  }
  rollback(s) {
    this.problems.length = s[0];
    this.errors = s[1];
    this.warnings = s[2];
  }
}

function typeError(w, expected, value) {
  w.error("type", () => `expected ${expected}; got ${describe(value)}`);
  return false;
}

/**
 * Builds the validator of one view from its shape table ([name, typeParams, shape] rows) and
 * its patterns ([JavaScript source, schema pattern] pairs; compiled with the `u` flag on first use).
 */
export function createValidator(table, patterns) {
  const types = new Map();
  for (const [name, params, shape] of table) types.set(name, { params, shape });
  const regexes = new Map();
  const fieldIndex = new WeakMap();

  function regex(i) {
    if (!regexes.has(i)) {
      try {
        regexes.set(i, { re: new RegExp(patterns[i][0], "u") });
      } catch (e) {
        regexes.set(i, { err: `pattern ${JSON.stringify(patterns[i][1])} is not supported: ${e.message}` });
      }
    }
    return regexes.get(i);
  }

  /** Whether `s` matches pattern `i`; an unusable pattern is reported and counts as a match. */
  function matches(i, s, w) {
    const r = regex(i);
    if (r.re) return r.re.test(s);
    w.error("pattern", () => r.err);
    return true;
  }

  function resolve(shape) {
    let cur = shape;
    for (let n = 0; n <= types.size; n++) {
      if (cur[0] !== "ref") return cur;
      const def = types.get(cur[1]);
      if (!def) return cur;
      cur = def.shape;
    }
    return cur;
  }

  function simpleKind(shape) {
    switch (resolve(shape)[0]) {
      case "bool":
        return "boolean";
      case "int":
        return "integer";
      case "num":
        return "number";
      case "str":
        return "string";
      case "arr":
        return "array";
      case "map":
      case "obj":
        return "object";
      default:
        return null;
    }
  }

  function fieldOf(shape, key) {
    let ix = fieldIndex.get(shape);
    if (!ix) {
      ix = new Map();
      for (const f of shape[1]) if (!ix.has(f[0])) ix.set(f[0], f);
      fieldIndex.set(shape, ix);
    }
    return ix.get(key);
  }

  function verdict(shape, env, value, parent, depth) {
    const w = new Walk(false, [], parent.deny, parent.active);
    const ok = check(shape, env, value, w, depth);
    return [ok, w.warnings > 0];
  }

  function check(shape, env, value, w, depth) {
    if (depth > MAX_DEPTH) {
      w.error("$ref", () => `the schema nests more than ${MAX_DEPTH} levels here; is a type defined only through itself?`);
      return false;
    }
    switch (shape[0]) {
      case "any":
        return true;
      case "null":
        return value === null || typeError(w, "null", value);
      case "bool":
        return typeof value === "boolean" || typeError(w, "boolean", value);
      case "int":
        return typeof value === "number" && Number.isInteger(value) ? numberBounds(shape, value, w) : typeError(w, "integer", value);
      case "num":
        return typeof value === "number" ? numberBounds(shape, value, w) : typeError(w, "number", value);
      case "str":
        return typeof value === "string" ? stringRules(shape, value, w) : typeError(w, "string", value);
      case "const":
        if (jsonEq(value, shape[1])) return true;
        w.error("const", () => `expected ${literal(shape[1])}; got ${describe(value)}`);
        return false;
      case "enum": {
        const values = shape[1];
        if (values.some((v) => jsonEq(value, v))) return true;
        w.error("enum", () => {
          const shown = values.slice(0, 12).map(literal);
          const more = values.length > 12 ? `, … (${values.length} in all)` : "";
          return `expected one of ${shown.join(", ")}${more}; got ${describe(value)}`;
        });
        return false;
      }
      case "ref": {
        const name = shape[1];
        const def = types.get(name);
        if (!def) {
          w.error("$ref", () => `type ${JSON.stringify(name)} is not defined in this view`);
          return false;
        }
        let looping = false;
        for (let i = w.active.length - 1; i >= 0 && w.active[i][1] === value; i--) {
          if (w.active[i][0] === shape && w.active[i][2] === env) looping = true;
        }
        if (looping) {
          w.error("$ref", () => `type ${JSON.stringify(name)} refers to itself here without going into the value (a loop)`);
          return false;
        }
        w.active.push([shape, value, env]);
        const ok =
          def.params.length === 0
            ? check(def.shape, env, value, w, depth + 1)
            : check(def.shape, { params: def.params, args: shape[2] || [], outer: env }, value, w, depth + 1);
        w.active.pop();
        return ok;
      }
      case "tp": {
        if (env) {
          const i = env.params.indexOf(shape[1]);
          if (i >= 0 && i < env.args.length) return check(env.args[i], env.outer, value, w, depth + 1);
        }
        return true;
      }
      case "nullable": {
        if (value === null) return true;
        const kind = simpleKind(shape[1]);
        if (kind !== null && !kindMatches(kind, value)) return typeError(w, `${kind} or null`, value);
        return check(shape[1], env, value, w, depth + 1);
      }
      case "arr": {
        if (!Array.isArray(value)) return typeError(w, "array", value);
        const start = w.errors;
        const [, items, min, max] = shape;
        const len = value.length;
        if (min != null && len < min) w.error("minItems", () => `expected at least ${min} item${plural(min)}; got ${len}`);
        if (max != null && len > max) w.error("maxItems", () => `expected at most ${max} item${plural(max)}; got ${len}`);
        for (let i = 0; i < len; i++) {
          if (!w.collect && w.errors > start) break;
          w.path.push(i);
          check(items, env, value[i], w, depth + 1);
          w.path.pop();
        }
        return w.errors === start;
      }
      case "map": {
        if (!isObject(value)) return typeError(w, "object", value);
        const start = w.errors;
        const [, values, keyPattern] = shape;
        for (const k of Object.keys(value)) {
          if (!w.collect && w.errors > start) break;
          w.path.push(k);
          if (keyPattern != null && !matches(keyPattern, k, w)) {
            w.error("propertyNames", () => `property name ${quote(k)} does not match the pattern ${quote(patterns[keyPattern][1])}`);
          }
          check(values, env, value[k], w, depth + 1);
          w.path.pop();
        }
        return w.errors === start;
      }
      case "obj": {
        if (!isObject(value)) return typeError(w, "object", value);
        const start = w.errors;
        const [, fields, closed] = shape;
        for (const f of fields) {
          if (f[1] && !hasOwn(value, f[0])) {
            w.error("required", () => `missing required property ${quote(f[0])}`);
            if (!w.collect && w.errors > start) return false;
          }
        }
        for (const k of Object.keys(value)) {
          if (!w.collect && w.errors > start) break;
          const f = fieldOf(shape, k);
          w.path.push(k);
          if (f) check(f[2], env, value[k], w, depth + 1);
          else if (closed) w.error("additionalProperties", () => `property ${quote(k)} is not allowed here`);
          else w.report(w.deny ? "error" : "warning", "additionalProperties", () => `property ${quote(k)} is not declared`);
          w.path.pop();
        }
        return w.errors === start;
      }
      case "union":
        return union(shape, env, value, w, depth + 1);
      default:
        w.error("$ref", () => `unknown shape ${JSON.stringify(shape[0])}`);
        return false;
    }
  }

  function numberBounds(shape, n, w) {
    const start = w.errors;
    const [, min, max, xmin, xmax] = shape;
    if (min != null && !(n >= min)) w.error("minimum", () => `expected at least ${bound(min)}; got ${n}`);
    if (max != null && !(n <= max)) w.error("maximum", () => `expected at most ${bound(max)}; got ${n}`);
    if (xmin != null && !(n > xmin)) w.error("exclusiveMinimum", () => `expected more than ${bound(xmin)}; got ${n}`);
    if (xmax != null && !(n < xmax)) w.error("exclusiveMaximum", () => `expected less than ${bound(xmax)}; got ${n}`);
    return w.errors === start;
  }

  function stringRules(shape, s, w) {
    const start = w.errors;
    const [, min, max, pattern] = shape;
    if (min != null || max != null) {
      const n = codePoints(s);
      if (min != null && n < min) w.error("minLength", () => `expected at least ${min} character${plural(min)}; got ${n}`);
      if (max != null && n > max) w.error("maxLength", () => `expected at most ${max} character${plural(max)}; got ${n}`);
    }
    if (pattern != null && !matches(pattern, s, w)) {
      w.error("pattern", () => `${quote(s)} does not match the pattern ${quote(patterns[pattern][1])}`);
    }
    return w.errors === start;
  }

  function union(shape, env, value, w, depth) {
    const [, variants, tag] = shape;
    if (tag != null && isObject(value) && hasOwn(value, tag)) {
      const tv = value[tag];
      const ci = variants.findIndex((v) => v[1] != null && jsonEq(v[1], tv));
      if (ci >= 0) return tagged(shape, ci, env, value, w, depth);
    }
    return untagged(shape, env, value, w, depth);
  }

  function tagRejects(vshape, tag, value) {
    const o = resolve(vshape);
    if (o[0] !== "obj") return false;
    const f = o[1].find((f) => f[0] === tag);
    if (!f) return false;
    const c = resolve(f[2]);
    if (c[0] !== "const") return false;
    if (!hasOwn(value, tag)) return !!f[1];
    return !jsonEq(value[tag], c[1]);
  }

  function tagged(shape, ci, env, value, w, depth) {
    const [, variants, tag, exclusive] = shape;
    const snap = w.snapshot();
    const chosenOk = check(variants[ci][0], env, value, w, depth);
    if (chosenOk && !exclusive) return true;
    const others = [];
    for (let i = 0; i < variants.length; i++) {
      if (i === ci || tagRejects(variants[i][0], tag, value)) continue;
      const [ok, warned] = verdict(variants[i][0], env, value, w, depth);
      if (ok) {
        others.push([i, warned]);
        if (!exclusive || others.length > 1) break;
      }
    }
    if (others.length === 0) return chosenOk;
    if (chosenOk) {
      moreThanOne(shape, ci, others[0][0], w);
      return false;
    }
    w.rollback(snap);
    if (others.length === 1) {
      if (others[0][1]) check(variants[others[0][0]][0], env, value, w, depth);
      return true;
    }
    moreThanOne(shape, others[0][0], others[1][0], w);
    return false;
  }

  function moreThanOne(shape, a, b, w) {
    const name = (i) => altName(shape[1][i][0]);
    w.error("oneOf", () => `matches more than one alternative (${name(a)} and ${name(b)}); exactly one must match`);
  }

  function untagged(shape, env, value, w, depth) {
    const [, variants, , exclusive] = shape;
    const matched = [];
    for (let i = 0; i < variants.length; i++) {
      const [ok, warned] = verdict(variants[i][0], env, value, w, depth);
      if (ok) {
        matched.push([i, warned]);
        if (!exclusive || matched.length > 1) break;
      }
    }
    const kw = exclusive ? "oneOf" : "anyOf";
    if (matched.length > 0 && (!exclusive || matched.length === 1)) {
      if (matched[0][1]) check(variants[matched[0][0]][0], env, value, w, depth);
      return true;
    }
    if (matched.length > 1) {
      moreThanOne(shape, matched[0][0], matched[1][0], w);
      return false;
    }
    if (w.collect) {
      const message = noMatchMessage(shape, env, value, w, depth);
      w.error(kw, () => message);
    } else {
      w.error(kw, () => "");
    }
    return false;
  }

  function noMatchMessage(shape, env, value, w, depth) {
    const path = w.path;
    const [, variants, tag] = shape;
    const alts = variants.map((v) => altName(v[0]));
    if (tag != null) {
      const tags = variants.filter((v) => v[1] != null).map((v) => literal(v[1]));
      if (isObject(value)) {
        if (!hasOwn(value, tag)) return `missing the discriminating property ${quote(tag)} (one of ${tags.join(", ")})`;
        return `property ${quote(tag)} is ${describe(value[tag])}; expected one of ${tags.join(", ")}`;
      }
      return `expected an object (${alts.join(" or ")}); got ${describe(value)}`;
    }
    let message = `expected ${alts.join(" or ")}; got ${describe(value)}`;
    // The closest branch: one whose type fits rather than one that fails on the type at the
    // union itself (the summary already says that), then the fewest problems, then the first.
    const here = render(path);
    let best = null;
    variants.forEach((v, i) => {
      const sub = new Walk(true, path.slice(), w.deny, w.active);
      check(v[0], env, value, sub, depth);
      const problems = sub.problems.filter((p) => p.severity === "error");
      const wrongType = problems.every((p) => p.keyword === "type" && p.path === here);
      const better = best === null || (wrongType === best[0] ? problems.length < best[1] : !wrongType);
      if (better) best = [wrongType, problems.length, i, problems];
    });
    if (best !== null) {
      const [wrongType, , i, problems] = best;
      const first = problems[0];
      if (first && !(wrongType || variants.length < 2)) {
        const more = problems.length - 1;
        const extra = more > 0 ? ` (+${more} more)` : "";
        const shown = `${first.path === "" ? "/" : first.path}: ${first.severity}: ${first.message}`;
        message += `; closest is ${alts[i]}: ${shown}${extra}`;
      }
    }
    return message;
  }

  function altName(shape) {
    switch (shape[0]) {
      case "ref": {
        const args = shape[2] || [];
        return args.length === 0 ? shape[1] : `${shape[1]}<${args.map(altName).join(", ")}>`;
      }
      case "any":
        return "any value";
      case "null":
        return "null";
      case "bool":
        return "boolean";
      case "int":
        return "integer";
      case "num":
        return "number";
      case "str":
        return "string";
      case "const":
        return literal(shape[1]);
      case "tp":
        return shape[1];
      case "nullable":
        return `${altName(shape[1])} or null`;
      case "arr":
        return `array of ${altName(shape[1])}`;
      case "map":
        return "map";
      case "obj":
        return "object";
      case "enum": {
        const shown = shape[1].slice(0, 5).map(literal);
        return `one of ${shown.join("/")}${shape[1].length > 5 ? "/…" : ""}`;
      }
      default:
        return "union";
    }
  }

  function lookup(typeName) {
    const def = typeof typeName === "string" ? types.get(typeName) : undefined;
    if (!def) throw new TypeError(`unknown type ${JSON.stringify(String(typeName))} in this package`);
    return def;
  }

  return {
    /** Every problem of `value` against the named type (warnings included). */
    validate(typeName, value, options) {
      const def = lookup(typeName);
      const w = new Walk(true, [], !!(options && options.denyUnknown));
      check(def.shape, null, value, w, 0);
      return w.problems;
    },
    /** Whether `value` is valid (no errors; warnings allowed). */
    isValid(typeName, value) {
      const def = lookup(typeName);
      return check(def.shape, null, value, new Walk(false, [], false), 0);
    },
  };
}
