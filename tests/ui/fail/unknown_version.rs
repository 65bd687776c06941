adcontract::bindings!(api_version = "9.99");

fn main() {}
