adcontract::bindings!(shema = "x.api.json", api_version = "5.19", api_version = "latest");

fn main() {}
