//! Supervising the implementation under test: spawn `sh -c CMD`, exchange lines with deadlines,
//! capture stderr, kill on timeout, restart within a budget.
//!
//! Reads happen on a reader thread feeding a channel ([`super::stdout_lines`]), so every read
//! has a deadline; writes happen on a writer thread, so an implementation that stops reading
//! cannot block the runner. The child runs in its own process group and the whole group is
//! killed, so `sh -c 'sleep 600'` leaves nothing behind.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command as OsCommand, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::proctree;
use super::stdout_lines::{Line, LineMsg, read_lines};
pub use super::stdout_lines::{LineError, decode_line};
use crate::wire::protocol::{self, Command, Reply, Request, Role};

/// How often a reply that is slow to come is checked for an abandoned stdout.
const PROBE_EVERY: Duration = Duration::from_millis(200);

/// How long to wait, and how often to restart.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deadline for each reply.
    pub message: Duration,
    /// Deadline for the `start` reply (start-up can be slower than steady state).
    pub startup: Duration,
    /// How many times the process may be (re)started after the first start.
    pub max_restarts: u32,
    /// Bytes of stderr kept (the tail).
    pub stderr_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            message: Duration::from_secs(5),
            startup: Duration::from_secs(10),
            max_restarts: 3,
            stderr_bytes: 4096,
        }
    }
}

/// Why an exchange failed. Each maps to a verdict.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("no reply to `{cmd}` within {ms} ms")]
    Timeout { cmd: String, ms: u128 },
    /// `status` is what happened: `exited (exit status: 3)`, `closed its stdout`.
    #[error("the implementation {status} before answering `{cmd}`")]
    Crash { cmd: String, status: String },
    #[error("protocol error answering `{cmd}`: {message}")]
    Protocol {
        cmd: String,
        message: String,
        line: String,
    },
    #[error("protocol error answering `{cmd}`: {error}")]
    Unreadable { cmd: String, error: LineError },
    #[error("the implementation reported an error for `{cmd}`: {message}")]
    Errored { cmd: String, message: String },
    #[error("not started: {0}")]
    Unavailable(String),
}

/// A running implementation.
#[derive(Debug)]
pub struct Process {
    child: Child,
    to_child: Sender<String>,
    lines: Receiver<LineMsg>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
    stderr_done: Arc<std::sync::atomic::AtomicBool>,
    next_id: u64,
    /// The stdout pipe as `/proc` names it (`pipe:[N]`), to notice a closed stdout that a
    /// waiting `sh -c` keeps open (Linux only).
    pipe: Option<String>,
}

impl Process {
    /// Spawns `sh -c cmd` in its own process group.
    pub fn spawn(cmd: &str, stderr_bytes: usize) -> std::io::Result<Process> {
        let mut child = OsCommand::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let pipe = stdout.as_ref().and_then(|s| {
            use std::os::fd::AsRawFd;
            proctree::fd_link(s.as_raw_fd())
        });
        let stderr_pipe = child.stderr.take();
        let (to_child, writer_rx) = mpsc::channel::<String>();
        if let Some(mut stdin) = stdin {
            thread::spawn(move || {
                for line in writer_rx {
                    if stdin
                        .write_all(line.as_bytes())
                        .and_then(|_| stdin.flush())
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        let (tx, lines) = mpsc::channel();
        if let Some(stdout) = stdout {
            thread::spawn(move || read_lines(stdout, tx));
        }
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let stderr_done = Arc::new(std::sync::atomic::AtomicBool::new(stderr_pipe.is_none()));
        if let Some(mut pipe) = stderr_pipe {
            let keep = Arc::clone(&stderr);
            let done = Arc::clone(&stderr_done);
            thread::spawn(move || {
                let mut chunk = [0u8; 1024];
                while let Ok(n) = pipe.read(&mut chunk) {
                    if n == 0 {
                        break;
                    }
                    let mut q = keep.lock().unwrap_or_else(|p| p.into_inner());
                    q.extend(chunk.iter().take(n));
                    while q.len() > stderr_bytes {
                        q.pop_front();
                    }
                }
                done.store(true, std::sync::atomic::Ordering::SeqCst);
            });
        }
        Ok(Process {
            child,
            to_child,
            lines,
            stderr,
            stderr_done,
            next_id: 1,
            pipe,
        })
    }

    /// The captured tail of stderr once the pipe has closed (or 300 ms have passed): a crashed
    /// process's last words arrive after its exit is noticed.
    pub fn settled_stderr_tail(&self) -> String {
        let until = Instant::now() + Duration::from_millis(300);
        while !self.stderr_done.load(std::sync::atomic::Ordering::SeqCst) && Instant::now() < until
        {
            thread::sleep(Duration::from_millis(5));
        }
        self.stderr_tail()
    }

    /// The captured tail of stderr.
    pub fn stderr_tail(&self) -> String {
        let q = self.stderr.lock().unwrap_or_else(|p| p.into_inner());
        let bytes: Vec<u8> = q.iter().copied().collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Sends a command and waits for its checked reply.
    pub fn exchange(&mut self, command: Command, deadline: Duration) -> Result<Reply, Failure> {
        let req = Request {
            id: self.next_id,
            command,
        };
        self.next_id += 1;
        let cmd = protocol::name(&req.command).to_string();
        let line = serde_json::to_string(&req).unwrap_or_default() + "\n";
        if self.to_child.send(line).is_err() {
            return Err(self.crashed(&cmd));
        }
        if matches!(req.command, Command::Stop {}) {
            return Ok(Reply {
                id: req.id,
                ..Reply::default()
            });
        }
        let until = Instant::now() + deadline;
        // Consecutive probes that found the stdout abandoned (see `proctree::stdout_abandoned`);
        // two in a row, a probe interval apart, make it a crash.
        let mut abandoned = 0;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let slice = left.min(PROBE_EVERY);
            match self.lines.recv_timeout(slice) {
                Err(RecvTimeoutError::Timeout) if slice < left => {
                    let gone = self
                        .pipe
                        .as_deref()
                        .is_some_and(|p| proctree::stdout_abandoned(self.child.id(), p));
                    abandoned = if gone { abandoned + 1 } else { 0 };
                    if abandoned >= 2 {
                        return Err(Failure::Crash {
                            cmd,
                            status: "closed its stdout (its process is still running)".into(),
                        });
                    }
                    continue;
                }
                Ok(LineMsg(Line::Out(raw))) => {
                    let text = decode_line(raw.number, &raw.bytes, raw.cut).map_err(|error| {
                        Failure::Unreadable {
                            cmd: cmd.clone(),
                            error,
                        }
                    })?;
                    if text.trim().is_empty() {
                        continue;
                    }
                    let reply =
                        protocol::check_reply(text, &req).map_err(|message| Failure::Protocol {
                            cmd: cmd.clone(),
                            message: format!("stdout line {}: {message}", raw.number),
                            line: text.chars().take(200).collect(),
                        })?;
                    if let Some(e) = reply.error {
                        return Err(Failure::Errored { cmd, message: e });
                    }
                    return Ok(reply);
                }
                Ok(LineMsg(Line::Eof)) | Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.crashed(&cmd));
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(Failure::Timeout {
                        cmd,
                        ms: deadline.as_millis(),
                    });
                }
            }
        }
    }

    fn crashed(&mut self, cmd: &str) -> Failure {
        // Give the child a moment to be reaped so the status is known.
        let until = Instant::now() + Duration::from_millis(500);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(st)) => break format!("exited ({st})"),
                Ok(None) if Instant::now() < until => thread::sleep(Duration::from_millis(10)),
                _ => break "closed its stdout".to_string(),
            }
        };
        Failure::Crash {
            cmd: cmd.into(),
            status,
        }
    }

    /// After a clean exit: kills the group's remaining members and `left`, the processes that
    /// were traced to the implementation before it exited (its own pid is reaped, so skipped).
    fn kill_leftovers(&mut self, left: &[u32]) {
        let pid = self.child.id();
        let others: Vec<String> = left
            .iter()
            .filter(|p| **p != pid)
            .map(u32::to_string)
            .collect();
        let _ = OsCommand::new("kill")
            .arg("-KILL")
            .arg("--")
            .arg(format!("-{pid}"))
            .args(others)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    /// Kills the whole process group and every process still traced to it (children that
    /// left the group with `setsid`, and theirs): stopped first, so none can fork away between
    /// the look and the kill. See [`proctree::traced`] for what cannot be traced.
    pub fn kill(&mut self) {
        let pid = self.child.id();
        let signal = |sig: &str, pids: &[u32]| {
            let _ = OsCommand::new("kill")
                .arg(sig)
                .arg("--")
                .arg(format!("-{pid}"))
                .args(pids.iter().map(u32::to_string))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        };
        let first = proctree::traced(pid);
        signal("-STOP", &first);
        let mut all = proctree::traced(pid);
        all.extend(first);
        signal("-KILL", &all);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.kill();
        }
    }
}

/// A supervised implementation: started on demand, handshaken, restarted within the budget.
#[derive(Debug)]
pub struct Harness {
    cmd: String,
    role: Role,
    limits: Limits,
    proc: Option<Process>,
    starts: u32,
    /// What the implementation said about itself in its last handshake.
    pub hello: Option<Reply>,
    /// Why the implementation became unavailable (restart budget used up).
    pub gave_up: Option<Failure>,
    last_stderr: String,
}

impl Harness {
    pub fn new(cmd: &str, role: Role, limits: Limits) -> Harness {
        Harness {
            cmd: cmd.into(),
            role,
            limits,
            proc: None,
            starts: 0,
            hello: None,
            gave_up: None,
            last_stderr: String::new(),
        }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Ensures a handshaken process is running.
    fn ensure(&mut self) -> Result<(), Failure> {
        if self.proc.is_some() {
            return Ok(());
        }
        if let Some(f) = &self.gave_up {
            return Err(f.clone());
        }
        if self.starts > self.limits.max_restarts {
            let f = Failure::Unavailable(format!(
                "restart budget used up ({} restarts)",
                self.limits.max_restarts
            ));
            self.gave_up = Some(f.clone());
            return Err(f);
        }
        self.starts += 1;
        let mut p = Process::spawn(&self.cmd, self.limits.stderr_bytes)
            .map_err(|e| Failure::Unavailable(format!("cannot spawn: {e}")))?;
        let r = p.exchange(
            Command::Start {
                protocol: protocol::PROTOCOL_VERSION,
                role: self.role,
            },
            self.limits.startup,
        );
        match r {
            Ok(hello) => {
                if hello.protocol != Some(protocol::PROTOCOL_VERSION) {
                    let f = Failure::Protocol {
                        cmd: "start".into(),
                        message: match hello.protocol {
                            Some(v) => format!(
                                "the handshake names protocol {v}; the runner speaks protocol {}",
                                protocol::PROTOCOL_VERSION
                            ),
                            None => format!(
                                "the handshake names no protocol; the runner speaks protocol {}",
                                protocol::PROTOCOL_VERSION
                            ),
                        },
                        line: String::new(),
                    };
                    p.kill();
                    self.last_stderr = p.settled_stderr_tail();
                    return Err(f);
                }
                if hello.role != Some(self.role) {
                    let f = Failure::Protocol {
                        cmd: "start".into(),
                        message: match hello.role {
                            Some(r) => format!(
                                "the handshake names role {r}; the runner asked for {}",
                                self.role
                            ),
                            None => format!(
                                "the handshake names no role; the runner asked for {}",
                                self.role
                            ),
                        },
                        line: String::new(),
                    };
                    p.kill();
                    self.last_stderr = p.settled_stderr_tail();
                    return Err(f);
                }
                self.hello = Some(hello);
                self.proc = Some(p);
                Ok(())
            }
            Err(f) => {
                p.kill();
                self.last_stderr = p.settled_stderr_tail();
                Err(f)
            }
        }
    }

    /// Starts the implementation and completes the handshake, if no process is running yet.
    pub fn handshake(&mut self) -> Result<(), Failure> {
        self.ensure()
    }

    /// One exchange; on any failure the process is killed (and restarted on next use).
    pub fn exchange(&mut self, command: Command) -> Result<Reply, Failure> {
        self.ensure()?;
        let deadline = self.limits.message;
        let Some(p) = self.proc.as_mut() else {
            return Err(Failure::Unavailable("no process".into()));
        };
        match p.exchange(command, deadline) {
            Ok(r) => Ok(r),
            Err(f) => {
                if matches!(f, Failure::Errored { .. }) {
                    self.last_stderr = p.stderr_tail();
                } else {
                    // Kill first: the pipe then closes and a crash's last words are all in.
                    p.kill();
                    self.last_stderr = p.settled_stderr_tail();
                    self.proc = None;
                }
                Err(f)
            }
        }
    }

    /// The stderr tail of the current (or last) process.
    pub fn stderr_tail(&self) -> String {
        match &self.proc {
            Some(p) => p.stderr_tail(),
            None => self.last_stderr.clone(),
        }
    }

    /// Whether the implementation says it supports this API and version.
    pub fn supports(&self, api: &str, version: &str) -> bool {
        let Some(h) = &self.hello else { return true };
        let Some(apis) = &h.apis else { return true };
        apis.iter().any(|a| {
            a.api == api && (a.versions.is_empty() || a.versions.iter().any(|v| v == version))
        })
    }

    /// Sends `stop` and lets the process exit; what it leaves behind (background children,
    /// in its group or traced to it) is killed, so a run never leaves processes running.
    pub fn stop(&mut self) {
        if let Some(mut p) = self.proc.take() {
            // Looked up first: once the process exits, its children lose their link to it.
            let left = proctree::traced(p.child.id());
            let _ = p.exchange(Command::Stop {}, Duration::from_millis(100));
            let until = Instant::now() + Duration::from_millis(300);
            while Instant::now() < until {
                if let Ok(Some(_)) = p.child.try_wait() {
                    p.kill_leftovers(&left);
                    return;
                }
                thread::sleep(Duration::from_millis(5));
            }
            p.kill();
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick() -> Limits {
        Limits {
            message: Duration::from_millis(300),
            startup: Duration::from_millis(300),
            max_restarts: 1,
            stderr_bytes: 256,
        }
    }

    #[test]
    fn a_hanging_process_times_out_and_is_killed() {
        let t = Instant::now();
        let mut h = Harness::new("sleep 600", Role::Provider, quick());
        let r = h.exchange(Command::View {});
        assert!(matches!(r, Err(Failure::Timeout { .. })), "{r:?}");
        let r = h.exchange(Command::View {});
        assert!(matches!(r, Err(Failure::Timeout { .. })), "{r:?}");
        let r = h.exchange(Command::View {});
        assert!(matches!(r, Err(Failure::Unavailable(_))), "{r:?}");
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_closed_stdout_is_a_crash_even_while_a_waiting_shell_holds_the_pipe() {
        // The runner's `sh -c` forks the inner command (it is not the last one) and keeps its
        // copy of stdout while it waits: no end-of-file ever reaches the pipe.
        for cmd in [
            "sh -c 'exec >&-; sleep 30'; true",
            "sh -c 'sh -c \"exec >&-; sleep 30\"; true'",
        ] {
            let limits = Limits {
                message: Duration::from_secs(5),
                startup: Duration::from_secs(5),
                ..quick()
            };
            let t = Instant::now();
            let mut h = Harness::new(cmd, Role::Provider, limits);
            let r = h.exchange(Command::View {});
            assert!(
                matches!(&r, Err(Failure::Crash { status, .. }) if status.starts_with("closed its stdout")),
                "{cmd}: {r:?}"
            );
            assert!(
                t.elapsed() < Duration::from_secs(3),
                "{cmd}: {:?}",
                t.elapsed()
            );
        }
    }

    #[test]
    fn an_exiting_process_is_a_crash_with_stderr() {
        let mut h = Harness::new("echo boom >&2; exit 3", Role::Provider, quick());
        let r = h.exchange(Command::View {});
        assert!(matches!(r, Err(Failure::Crash { .. })), "{r:?}");
        assert!(h.stderr_tail().contains("boom"));
    }

    #[test]
    fn garbage_is_a_protocol_error() {
        let mut h = Harness::new("echo 'hello there'; sleep 5", Role::Provider, quick());
        let r = h.exchange(Command::View {});
        assert!(matches!(r, Err(Failure::Protocol { .. })), "{r:?}");
    }

    #[test]
    fn a_non_utf8_reply_is_a_protocol_error_not_a_crash() {
        // Two good-looking lines, then the bad one: it is stdout line 3 whatever was skipped.
        let mut h = Harness::new(
            "printf '\\n\\n{\"id\":1,\"error\":\"r\\351ponse\"}\\n'; sleep 5",
            Role::Provider,
            quick(),
        );
        let r = h.exchange(Command::View {});
        let Err(Failure::Unreadable { cmd, error }) = &r else {
            panic!("expected an unreadable reply, got {r:?}");
        };
        assert_eq!(cmd, "start");
        assert!(
            matches!(
                error,
                LineError::NotUtf8 {
                    line: 3,
                    byte: 19,
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
