//! The implementation's processes as Linux's `/proc` shows them: who still holds its stdout, and
//! every process that can be traced back to it (for the kill).
//!
//! Why: the runner starts `sh -c CMD`, and a shell that forks the command keeps its own copy of
//! the stdout pipe while it waits. An implementation that closes its stdout then never produces
//! an end-of-file on the pipe, and would be judged `timeout` instead of `crash` (what the
//! protocol says a closed stdout is). And a child that calls `setsid` leaves the process group
//! the runner kills. Both need the process table; other systems get the portable behaviour
//! (end-of-file only; the process group only).

use std::collections::BTreeSet;
use std::fs;

/// One process of the table.
#[derive(Debug, Clone)]
struct Proc {
    pid: u32,
    ppid: u32,
    pgrp: u32,
    session: u32,
}

/// A snapshot of every process the runner may see (its own user's).
fn table() -> Vec<Proc> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // `pid (comm) state ppid pgrp session …`; comm may hold spaces and parentheses.
        let rest = stat.get(stat.rfind(')')? + 1..)?;
        let mut f = rest.split_whitespace().skip(1).map(str::parse::<u32>);
        Some(Proc {
            pid,
            ppid: f.next()?.ok()?,
            pgrp: f.next()?.ok()?,
            session: f.next()?.ok()?,
        })
    })
    .collect()
}

/// `root` (the `sh -c` the runner started), its descendants, the members of its process group,
/// and whoever is in a group or session one of them leads (a child that called `setsid` and
/// the children it made since): every process the runner can still trace to the
/// implementation. Not included: a process that called `setsid` and whose parent has exited
/// (a double-forked daemon), which nothing links back any more.
pub fn traced(root: u32) -> Vec<u32> {
    let procs = table();
    let mut set: BTreeSet<u32> = BTreeSet::from([root]);
    loop {
        let before = set.len();
        for p in &procs {
            if set.contains(&p.ppid) || set.contains(&p.pgrp) || set.contains(&p.session) {
                set.insert(p.pid);
            }
        }
        if set.len() == before {
            break;
        }
    }
    // Only processes that still exist (root may be gone).
    let alive: BTreeSet<u32> = procs.iter().map(|p| p.pid).collect();
    set.into_iter().filter(|p| alive.contains(p)).collect()
}

/// The `/proc/self/fd` link text of an open descriptor (`pipe:[1234]`).
pub fn fd_link(fd: i32) -> Option<String> {
    fs::read_link(format!("/proc/self/fd/{fd}"))
        .ok()
        .and_then(|p| p.to_str().map(str::to_owned))
}

/// Whether the implementation has given up its stdout while something still holds the pipe
/// open: every process (of those traced to `root`) that holds the write end of `pipe` (its
/// `/proc` link text) is blocked waiting for a child, and at least one traced process has
/// closed its own stdout. That is `sh -c` waiting for a command that closed its stdout; no
/// process that could still write a reply holds the pipe. `false` when `/proc` cannot tell.
pub fn stdout_abandoned(root: u32, pipe: &str) -> bool {
    let procs = traced(root);
    let mut holders = 0;
    let mut closed_own = false;
    for &pid in &procs {
        let Ok(fds) = fs::read_dir(format!("/proc/{pid}/fd")) else {
            return false;
        };
        let mut has_stdout = false;
        for fd in fds.flatten() {
            let name = fd.file_name();
            if name == "1" {
                has_stdout = true;
            }
            let Ok(target) = fs::read_link(fd.path()) else {
                continue;
            };
            if target.to_str() != Some(pipe) || !writes(&fd.path()) {
                continue;
            }
            holders += 1;
            let waiting = fs::read_to_string(format!("/proc/{pid}/wchan"))
                .is_ok_and(|w| w.trim() == "do_wait");
            if !waiting {
                return false;
            }
        }
        closed_own |= !has_stdout;
    }
    holders > 0 && closed_own
}

/// Whether a `/proc/PID/fd/N` entry is open for writing (its link's mode carries `w`).
fn writes(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.permissions().mode() & 0o200 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setsid_child_is_traced_through_its_session() {
        use std::process::{Command, Stdio};
        // `setsid` forks when it leads a group already; the child leads a new session.
        let mut child = match Command::new("sh")
            .arg("-c")
            .arg("setsid sleep 30 & sleep 30")
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
        {
            Ok(c) => c,
            Err(e) => panic!("cannot spawn sh: {e}"),
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        let pids = traced(child.id());
        let _ = Command::new("kill")
            .arg("-KILL")
            .args(pids.iter().map(u32::to_string))
            .status();
        let _ = child.wait();
        // sh, the plain sleep and the setsid one (setsid itself may have exec'd into it).
        assert!(pids.len() >= 3, "{pids:?}");
    }

    use std::os::unix::process::CommandExt;
}
