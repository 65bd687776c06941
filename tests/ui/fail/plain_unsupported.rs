// A plain types document with keywords the IR cannot express: one error per keyword, each with
// its JSON pointer, line and a hint; nothing is silently ignored.
adcontract::bindings!(schema = "../../../../tests/fixtures/plain-unsupported/plain-unsupported.schema.json");

fn main() {}
