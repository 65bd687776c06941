//! The `adcontract` command line: argument parsing here, one module per command.
//!
//! Exit codes are part of the interface: 0 = ok, 1 = contract violations found, 2 = usage or
//! input error.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod conformance_cmd;
mod diff_cmd;
mod generate;
mod report_cmd;
mod schema_cmd;
mod serve_cmd;
mod validate_cmd;

/// Exit code: everything conforms.
pub const EXIT_OK: u8 = 0;
/// Exit code: contract violations were found.
pub const EXIT_VIOLATIONS: u8 = 1;
/// Exit code: bad usage or unreadable input.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "adcontract",
    version,
    about = "The executable contract of Bright Pattern's Agent Desktop APIs"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the JSON Schema (or, with --api, the API description) of one version view.
    Schema(schema_cmd::Args),
    /// Validate JSON / JSONL instances against a type of the contract.
    Validate(validate_cmd::Args),
    /// What breaks, and for whom, between two versions of the contract.
    Diff(diff_cmd::Args),
    /// Print the API surface report of one version view (a reviewed snapshot).
    Report(report_cmd::Args),
    /// Generate bindings from the contract.
    #[command(subcommand)]
    Generate(generate::Target),
    /// Run a reference implementation speaking the harness protocol on stdin/stdout.
    Simulate(conformance_cmd::SimulateArgs),
    /// Replay recordings against an implementation.
    Replay(conformance_cmd::ReplayArgs),
    /// Property and stateful tests against an implementation.
    Check(conformance_cmd::CheckArgs),
    /// Work with recordings.
    #[command(subcommand)]
    Record(conformance_cmd::RecordCommand),
    /// A fake Agent Desktop for web pages: the SDKs at the vendor's script paths, driven by the
    /// reference model (prints `listening on http://ADDR` when ready).
    Serve(serve_cmd::Args),
}

/// The view of `version` of `contract`; without a version, its newest one (what `--api-version`
/// defaults to for every command that takes a schema).
pub(crate) fn view_of(
    contract: &adcontract_schema::Contract,
    version: Option<&str>,
) -> Result<adcontract_schema::Ir, adcontract_schema::UnknownVersion> {
    let newest = contract.latest().map(|v| v.id.as_str()).unwrap_or("latest");
    contract.view(version.unwrap_or(newest))
}

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Schema(a) => schema_cmd::run(&a),
        Command::Validate(a) => validate_cmd::run(&a),
        Command::Diff(a) => diff_cmd::run(&a),
        Command::Report(a) => report_cmd::run(&a),
        Command::Generate(t) => generate::run(&t),
        Command::Simulate(a) => conformance_cmd::simulate(&a),
        Command::Replay(a) => conformance_cmd::replay(&a),
        Command::Check(a) => conformance_cmd::check(&a),
        Command::Record(c) => conformance_cmd::record(&c),
        Command::Serve(a) => serve_cmd::run(&a),
    };
    ExitCode::from(code)
}
