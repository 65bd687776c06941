adcontract::bindings!(schema = "../../../../tests/fixtures/collision/collision.api.json");

fn main() {}
