adcontract::bindings!(schema = "../../../../tests/fixtures/invalid-json/invalid-json.api.json");

fn main() {}
