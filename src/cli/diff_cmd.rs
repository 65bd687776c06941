//! `adcontract diff OLD NEW`: what breaks, and for whom (`adcontract_diff`).
//!
//! Exit codes: 0 when nothing fails for the chosen role(s) (`--fail-on`), 1 when something
//! does, 2 on a usage or input error (unreadable file, schema errors, unknown version, two
//! files describing different APIs, a malformed `--accept` file).

use std::io::Write;
use std::path::PathBuf;

use adcontract_diff::Role;
use adcontract_diff::accept::Accepted;
use adcontract_diff::render::{FailOn, Format, Outcome};

/// Arguments of `adcontract diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old side: a canonical version (5.19, 5.24, latest) or PATH[@VERSION].
    pub old: String,
    /// The new side, named the same way.
    pub new: String,
    /// Whose verdicts decide the exit code and the semver bump.
    #[arg(long, value_enum, default_value = "both")]
    pub role: RoleArg,
    #[arg(long, value_enum, default_value = "human")]
    pub format: FormatArg,
    /// What makes the command exit with 1.
    #[arg(long, value_enum, default_value = "breaking")]
    pub fail_on: FailOnArg,
    /// Reviewed findings: one `fingerprint  reason` per line; they no longer fail.
    #[arg(long, value_name = "FILE")]
    pub accept: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    Consumer,
    Provider,
    Both,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Markdown,
    Junit,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOnArg {
    Breaking,
    Any,
    None,
}

pub(crate) fn run(args: &Args) -> u8 {
    match outcome(args) {
        Ok((text, fails)) => {
            let code = print(&text, "diff");
            if code != super::EXIT_OK {
                code
            } else if fails {
                super::EXIT_VIOLATIONS
            } else {
                super::EXIT_OK
            }
        }
        Err(message) => {
            eprintln!("adcontract diff: {message}");
            super::EXIT_USAGE
        }
    }
}

/// The rendered report and whether it fails.
fn outcome(args: &Args) -> Result<(String, bool), String> {
    let old = adcontract_diff::resolve_side(&args.old).map_err(|e| e.to_string())?;
    let new = adcontract_diff::resolve_side(&args.new).map_err(|e| e.to_string())?;
    let accepted = match &args.accept {
        None => Accepted::default(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            Accepted::parse(&p.display().to_string(), &text).map_err(|e| e.to_string())?
        }
    };
    let diff = adcontract_diff::diff(&old, &new).map_err(|e| e.to_string())?;
    let role = match args.role {
        RoleArg::Consumer => Role::Consumer,
        RoleArg::Provider => Role::Provider,
        RoleArg::Both => Role::Both,
    };
    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Junit => Format::Junit,
    };
    let fail_on = match args.fail_on {
        FailOnArg::Breaking => FailOn::Breaking,
        FailOnArg::Any => FailOn::Any,
        FailOnArg::None => FailOn::None,
    };
    // A breaking data finding without a confirmed witness is a bug in the diff, not in the
    // user's contract: say so rather than hide it.
    for m in &diff.missing_witnesses {
        eprintln!("internal error: no witness could be confirmed for {m}; please report it");
    }
    let o = Outcome::new(&diff, role, &accepted);
    for (fp, line) in &o.stale {
        eprintln!("warning: accepted fingerprint {fp} (line {line}) matches no finding any more");
    }
    Ok((o.render(format), o.fails(fail_on)))
}

/// Writes a report to stdout; a closed pipe is not an error.
pub(crate) fn print(text: &str, command: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => super::EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(e) => {
            eprintln!("adcontract {command}: cannot write the output: {e}");
            super::EXIT_USAGE
        }
    }
}
