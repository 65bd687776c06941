//! The `adcontract` command. All logic lives in the library (`adcontract::cli`).

fn main() -> std::process::ExitCode {
    adcontract::cli::main()
}
