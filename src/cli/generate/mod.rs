//! `adcontract generate rust|typescript`.
//!
//! `rust` writes exactly what `bindings!` expands to (the same engine,
//! `adcontract_codegen::rust`), formatted, with a header naming its source and version. With
//! `--check` it writes nothing and exits 1 with a unified diff when the file is stale.
//! Exit codes: 0 = written / fresh, 1 = stale (`--check`), 2 = usage or input error (every schema
//! diagnostic is printed).
//! The TypeScript target lives in [`typescript`].

use std::path::{Path, PathBuf};

use adcontract_codegen::Settings;

mod typescript;

/// What to generate.
#[derive(Debug, clap::Subcommand)]
pub enum Target {
    /// Rust bindings as one file.
    Rust(RustArgs),
    /// A TypeScript npm package (types + runtime validators).
    Typescript(TsArgs),
    /// The page-side recorder script (wraps the vendor's SDKs, redacts `x-personal` values).
    Recorder(RecorderArgs),
}

/// Arguments of `adcontract generate recorder`.
#[derive(Debug, clap::Args)]
pub struct RecorderArgs {
    #[arg(long)]
    pub schema: Option<PathBuf>,
    #[arg(long, default_value = "latest")]
    pub api_version: String,
    /// Write the script here; default: stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `adcontract generate rust`.
#[derive(Debug, clap::Args)]
pub struct RustArgs {
    /// A schema file: an API description or a plain JSON Schema 2020-12 types document (told
    /// apart by content); default: the embedded canonical schema.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// The version view; default: the schema's newest version (`latest` for the canonical one).
    #[arg(long)]
    pub api_version: Option<String>,
    #[arg(long)]
    pub out: PathBuf,
    /// Do not write: exit 1 with a diff when FILE is stale.
    #[arg(long)]
    pub check: bool,
    /// Where the generated code finds its runtime support: `::adcontract::__private` (needs a
    /// dependency on `adcontract`) or `::adcontract_schema::runtime` (the same items).
    #[arg(long, default_value = "::adcontract::__private", value_parser = check_path)]
    pub runtime: String,
}

/// clap keeps the text: syn's tokens are not `Send`, which clap requires of parsed values.
fn check_path(s: &str) -> Result<String, String> {
    syn::parse_str::<syn::Path>(s)
        .map(|_| s.to_owned())
        .map_err(|e| format!("not a Rust path: {e}"))
}

/// Arguments of `adcontract generate typescript`.
#[derive(Debug, clap::Args)]
pub struct TsArgs {
    /// A schema file: an API description or a plain JSON Schema 2020-12 types document (told
    /// apart by content); default: the embedded canonical schema.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// The version view; default: the schema's newest version (`latest` for the canonical one).
    #[arg(long)]
    pub api_version: Option<String>,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub check: bool,
}

pub(crate) fn run(target: &Target) -> u8 {
    match target {
        Target::Rust(args) => generate_rust(args),
        Target::Typescript(args) => typescript::generate_typescript(args),
        Target::Recorder(args) => generate_recorder(args),
    }
}

fn generate_recorder(args: &RecorderArgs) -> u8 {
    let compiled = match &args.schema {
        None => adcontract_schema::try_canonical(),
        Some(path) => adcontract_schema::compile_path(path),
    };
    let contract = match compiled {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let ir = match contract.view(&args.api_version) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("adcontract generate recorder: {e}");
            return 2;
        }
    };
    let script = adcontract_codegen::browser::recorder::recorder(&ir);
    let written = match &args.out {
        Some(p) => std::fs::write(p, script),
        None => std::io::Write::write_all(&mut std::io::stdout(), script.as_bytes()),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("adcontract generate recorder: cannot write: {e}");
            2
        }
    }
}

fn generate_rust(args: &RustArgs) -> u8 {
    let compiled = match &args.schema {
        None => adcontract_schema::try_canonical()
            .map(|c| (c, "the canonical adcontract schema".to_owned())),
        Some(path) => {
            adcontract_schema::compile_path(path).map(|c| (c, path.display().to_string()))
        }
    };
    let (contract, source) = match compiled {
        Ok(c) => c,
        Err(adcontract_schema::Error::Invalid(errors)) => {
            for d in errors.iter() {
                eprintln!("{d}");
            }
            return super::EXIT_USAGE;
        }
        Err(e) => {
            eprintln!("{e}");
            return super::EXIT_USAGE;
        }
    };
    let ir = match super::view_of(&contract, args.api_version.as_deref()) {
        Ok(ir) => ir,
        Err(e) => {
            eprintln!("error: {e}");
            return super::EXIT_USAGE;
        }
    };
    let mut settings = Settings::default();
    settings.with_source(source);
    // Validated by clap already.
    if let Ok(path) = syn::parse_str::<syn::Path>(&args.runtime) {
        settings.with_runtime_path(path);
    }
    let collisions = adcontract_codegen::rust::check(&ir, &settings);
    if !collisions.is_empty() {
        for c in &collisions {
            eprintln!("{c}");
        }
        return super::EXIT_USAGE;
    }
    let code = adcontract_codegen::rust::render(&ir, &settings);
    if args.check {
        check_fresh(&args.out, &code)
    } else {
        write(&args.out, &code)
    }
}

/// `--check`: 0 when `out` holds exactly `code`, 1 with a unified diff otherwise (a missing file
/// is stale: the diff is against nothing).
fn check_fresh(out: &Path, code: &str) -> u8 {
    let old = match std::fs::read_to_string(out) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", out.display());
            return super::EXIT_USAGE;
        }
    };
    if old == code {
        return super::EXIT_OK;
    }
    let diff = similar::TextDiff::from_lines(old.as_str(), code);
    let name = out.display().to_string();
    print!(
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&name, &format!("{name} (generated)"))
    );
    eprintln!(
        "error: {name} is stale; regenerate it with `adcontract generate rust` (without --check)"
    );
    super::EXIT_VIOLATIONS
}

fn write(out: &Path, code: &str) -> u8 {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return super::EXIT_USAGE;
        }
    }
    match std::fs::write(out, code) {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            super::EXIT_USAGE
        }
    }
}
