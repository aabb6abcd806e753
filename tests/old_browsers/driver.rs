//! The driver's own promises, in Chromium 80: a browser that stops answering is noticed within
//! the command deadline and killed with its profile removed, and [`run`] starts a test over
//! once, and only once, when that happens.

use std::cell::Cell;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cdp::{run, Browser, Stop};

/// True while the process exists and is not a zombie.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| !s.split(") ").nth(1).unwrap_or_default().starts_with('Z'))
        .unwrap_or(false)
}

#[test]
fn a_browser_that_stops_answering_is_a_stop_within_the_deadline_and_is_killed() {
    run(80, |build| {
        let mut b = Browser::start(build, &[])?;
        assert_eq!(b.eval("6 * 7")?, 42);
        let (pid, profile) = (b.pid(), b.work_dir());
        // Frozen, as a single-process shell that no longer answers its DevTools connection.
        let frozen = Command::new("kill")
            .args(["-STOP", &pid.to_string()])
            .status()
            .expect("kill -STOP");
        assert!(frozen.success());
        b.deadline = Duration::from_secs(1);
        let asked = Instant::now();
        let answer = b.eval("1");
        let waited = asked.elapsed();
        assert!(
            matches!(answer, Err(Stop(ref why)) if why.contains("no answer within")),
            "{answer:?}"
        );
        assert!(
            waited < Duration::from_secs(3),
            "the deadline held: {waited:?}"
        );
        drop(b);
        assert!(!alive(pid), "the frozen browser {pid} was killed");
        assert!(!Path::new(&profile).exists(), "its profile was removed");
        Ok(())
    });
}

#[test]
fn run_starts_over_once_after_a_stop() {
    let attempts = Cell::new(0);
    run(80, |build| {
        attempts.set(attempts.get() + 1);
        let mut b = Browser::start(build, &[])?;
        assert_eq!(
            b.eval("navigator.userAgent.includes('HeadlessChrome/80.')")?,
            true
        );
        if attempts.get() == 1 {
            return Err(Stop(
                "simulated: the first browser stopped answering".into(),
            ));
        }
        Ok(())
    });
    assert_eq!(attempts.get(), 2);
}

#[test]
#[should_panic(expected = "stopped answering twice")]
fn run_fails_when_the_browser_stops_answering_again() {
    run(80, |_| Err(Stop("simulated".into())));
}
