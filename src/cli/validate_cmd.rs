//! `adcontract validate`: stream instances through the IR-driven validator.
//!
//! The engine is `adcontract_schema::validate::stream`; this module only picks the view and the
//! type and maps the outcome to an exit code: 0 = no errors (warnings allowed), 1 = at least one
//! instance has an error (a malformed line or an over-long one counts as an invalid instance),
//! 2 = usage or input error (unknown type or version, a file that cannot be read or has an
//! unknown extension: the other files are still validated).

use std::io::Write;
use std::path::{Path, PathBuf};

use adcontract_schema::Ir;
use adcontract_schema::validate::{Options, Validator, stream};

/// Arguments of `adcontract validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The type to validate against, e.g. InteractionData.
    #[arg(long = "type", value_name = "NAME")]
    pub type_name: String,
    /// A schema file: an API description or a plain JSON Schema 2020-12 types document (told
    /// apart by content); default: the embedded canonical schema.
    #[arg(long, value_name = "FILE")]
    pub schema: Option<PathBuf>,
    /// The version view; default: the schema's newest version (`latest` for the canonical one).
    #[arg(long)]
    pub api_version: Option<String>,
    /// Treat undeclared properties as errors instead of warnings.
    #[arg(long)]
    pub deny_unknown: bool,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// `.json` files (one value) or `.jsonl` files (one value per line); `-` reads JSON lines
    /// from standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Threads that check the lines of `.jsonl` input (default: all cores). Output is the same
    /// for every value: problems in file order with exact line numbers.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub jobs: Option<u32>,
    /// Longest line (and largest `.json` file) read, in bytes; longer ones are reported.
    #[arg(long, hide = true, default_value_t = stream::DEFAULT_MAX_BYTES)]
    pub max_line_bytes: usize,
}

/// Output format of problems.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub(crate) fn run(args: &Args) -> u8 {
    let ir = match load_view(args.schema.as_deref(), args.api_version.as_deref()) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("{e}");
            return super::EXIT_USAGE;
        }
    };
    let validator = match Validator::new(
        &ir,
        Options {
            deny_unknown: args.deny_unknown,
        },
    ) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: the contract cannot be validated against:\n{e}");
            return super::EXIT_USAGE;
        }
    };
    let def = match validator.type_def(&args.type_name) {
        Ok(def) => def,
        Err(e) => {
            eprintln!("error: {e}");
            return super::EXIT_USAGE;
        }
    };
    let format = match args.format {
        Format::Human => stream::Format::Human,
        Format::Json => stream::Format::Json,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr().lock();
    let settings = stream::Settings {
        max_bytes: args.max_line_bytes,
        jobs: args
            .jobs
            .map_or_else(stream::available_jobs, |n| n as usize),
        ..stream::Settings::default()
    };
    let outcome = stream::validate_files_with(
        &validator,
        &def.shape,
        &args.paths,
        format,
        settings,
        &mut out,
        &mut err,
    );
    let _ = out.flush();
    let _ = writeln!(err, "{}", outcome.summary());
    outcome.exit_code()
}

/// The view of `version` of the schema file (default: the canonical contract). Errors are
/// printed whole: every schema diagnostic, one per line; an unknown version names the known ones.
fn load_view(schema: Option<&Path>, version: Option<&str>) -> Result<Ir, String> {
    let owned;
    let contract = match schema {
        None => adcontract_schema::canonical(),
        Some(path) => {
            owned = adcontract_schema::compile_path(path).map_err(|e| match e {
                adcontract_schema::Error::Invalid(errors) => errors
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            })?;
            &owned
        }
    };
    super::view_of(contract, version).map_err(|e| format!("error: {e}"))
}
