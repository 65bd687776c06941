//! Pattern translation for the emitters: a schema's ECMA-262 pattern into the source of a
//! JavaScript `RegExp` with the `u` flag, from the one scanner that the validator and `check`
//! share (`adcontract_schema::pattern`), so "supported" means the same everywhere.

/// The `new RegExp(p, "u")` source of a schema pattern. A checked IR holds only supported
/// patterns; a refused one (an unchecked IR) is shipped as written, and the runtime reports it
/// when it fails to compile.
pub(crate) fn js_pattern(p: &str) -> String {
    adcontract_schema::pattern::js_source(p).unwrap_or_else(|_| p.to_owned())
}
