adcontract::bindings!(schema = "../../../../tests/fixtures/many-problems/many-problems.api.json");

fn main() {}
