//! The reference implementations as a standalone harness binary (same as `adcontract simulate`),
//! so the suite's own tests and other languages' CI can run it without the full CLI.
//!
//! Usage: `adcontract-simulate [--role provider|consumer] [--contract canonical|fixture] [--mutant NAME]`.
//! `--contract fixture` uses the small hand-made view the suite's own tests pin.

use adcontract_conformance::cli;
use adcontract_conformance::wire::protocol::Role;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut role = Role::Provider;
    let mut mutant = None;
    let mut source: adcontract_conformance::contract::SpecSource =
        adcontract_conformance::contract::canonical_source;
    let mut i = 0;
    while i < args.len() {
        match (args[i].as_str(), args.get(i + 1)) {
            ("--role", Some(r)) if r == "provider" => role = Role::Provider,
            ("--role", Some(r)) if r == "consumer" => role = Role::Consumer,
            ("--mutant", Some(m)) => mutant = Some(m.clone()),
            ("--contract", Some(c)) if c == "fixture" => {
                source = adcontract_conformance::contract::handmade_source
            }
            ("--contract", Some(c)) if c == "canonical" => {
                source = adcontract_conformance::contract::canonical_source
            }
            (other, _) => {
                eprintln!(
                    "adcontract-simulate: unexpected argument {other:?}; usage: [--role provider|consumer] [--contract canonical|fixture] [--mutant NAME]"
                );
                return std::process::ExitCode::from(cli::EXIT_USAGE);
            }
        }
        i += 2;
    }
    let code = cli::simulate(role, mutant.as_deref(), source);
    std::process::ExitCode::from(code)
}
