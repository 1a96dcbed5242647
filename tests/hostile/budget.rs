//! Running the binary within the budget for any single input: under 30 s and
//! 2 GiB. The process is also capped (address space) so a regression fails the test
//! instead of exhausting the machine.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The budget for one hostile input.
pub const WALL: Duration = Duration::from_secs(30);
/// The peak resident memory allowed, in bytes.
pub const PEAK: u64 = 2 << 30;
/// The address-space cap set on the process: above [`PEAK`], since address space
/// counts reservations that are never touched; a runaway allocation hits it.
const ADDRESS_SPACE: u64 = 8 << 30;
/// A run still going after this is killed, so a hang fails rather than stalls CI.
const KILL_AFTER: Duration = Duration::from_secs(120);

/// What a bounded run did.
#[derive(Debug)]
pub struct Run {
    /// The exit code, or `None` when a signal ended it (an abort, a kill).
    pub code: Option<i32>,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Wall time.
    pub wall: Duration,
    /// Peak resident memory in bytes (the kernel's accounting of the finished process).
    pub peak: u64,
}

impl Run {
    /// Fails unless the run stayed within [`WALL`] and [`PEAK`] and was not killed.
    pub fn assert_within_budget(&self) -> &Self {
        assert!(
            self.signal.is_none(),
            "the process was ended by signal {:?} (abort, crash or timeout):\n{}",
            self.signal,
            self.stderr
        );
        assert!(
            self.wall < WALL,
            "took {:?}, over the budget of {WALL:?}",
            self.wall
        );
        assert!(
            self.peak < PEAK,
            "peak memory {} MiB, over the budget of {} MiB",
            self.peak >> 20,
            PEAK >> 20
        );
        self
    }

    /// Fails unless the process exited with `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `agenda-pack` with `args` in `dir`, capped and measured.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agenda-pack"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE,
                rlim_max: ADDRESS_SPACE,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let started = Instant::now();
    // Reaped below by wait4, which also gives the peak memory Child::wait cannot.
    #[allow(clippy::zombie_processes)]
    let mut child = command.spawn().expect("the agenda-pack binary runs");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let stdout = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = out.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let stderr = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = err.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: pid is our child, not yet reaped (Child::wait is never called).
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if reaped == pid {
            break;
        }
        assert!(
            reaped == 0,
            "wait4 failed: {}",
            std::io::Error::last_os_error()
        );
        if !killed && started.elapsed() > KILL_AFTER {
            let _ = child.kill();
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = started.elapsed();
    let (code, signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else {
        (None, Some(libc::WTERMSIG(status)))
    };
    Run {
        code,
        signal,
        stdout: stdout.join().expect("stdout is read"),
        stderr: stderr.join().expect("stderr is read"),
        wall,
        // ru_maxrss is in KiB on Linux.
        peak: usage.ru_maxrss as u64 * 1024,
    }
}

#[test]
fn the_harness_measures_a_finished_process() {
    let dir = tempfile::tempdir().unwrap();
    let run = run(dir.path(), &["--help"]);
    run.assert_code(0).assert_within_budget();
    assert!(run.stdout.contains("build"), "{}", run.stdout);
    assert!(
        run.peak > 1 << 20,
        "a peak of {} bytes is not a measurement",
        run.peak
    );
}
