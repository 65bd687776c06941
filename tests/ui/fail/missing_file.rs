adcontract::bindings!(schema = "../../../../tests/fixtures/does-not-exist.api.json");

fn main() {}
