//! A small DevTools-protocol driver for the real old Chromium builds that `make setup` unpacks
//! into `.tools/old-chromium/<major>/` (tools/old-chromium.sh). ChromeDriver of today refuses
//! browsers this old, so the tests speak the protocol themselves, over one WebSocket to the page.
//!
//! Rules this driver keeps, because a single-process headless shell now and then stops
//! answering its DevTools connection:
//! - every command has a deadline ([`COMMAND`]); a command that gets no answer in time, or a
//!   connection that breaks, is a [`Stop`], returned, never waited on;
//! - every browser gets a fresh profile folder and a port of its own (`--remote-debugging-port=0`:
//!   the browser picks a free one and writes it into the profile's `DevToolsActivePort`), so a
//!   stale browser can never answer for a new one;
//! - the browser runs in a process group of its own, killed with the group when the [`Browser`]
//!   is dropped: at the end of a test, on a [`Stop`], and on a failed assertion (unwinding);
//! - [`run`] carries a test out and, if the browser stopped answering, starts it over once in
//!   fresh browsers before calling it a failure. A failed assertion is never retried.
#![allow(dead_code)]

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

/// The longest any one protocol command may take (printing the report is the slowest).
pub const COMMAND: Duration = Duration::from_secs(30);
/// The longest the page may take to reach a state a test waits for.
pub const WAIT: Duration = Duration::from_secs(20);
/// The longest a browser may take to start and open its DevTools port.
const START: Duration = Duration::from_secs(15);

/// The browser stopped answering (no answer within the deadline, or the connection broke).
#[derive(Debug)]
pub struct Stop(pub String);

pub type R<T> = Result<T, Stop>;

/// One unpacked old Chromium build.
#[derive(Clone, Debug)]
pub struct Build {
    pub major: u32,
    pub dir: PathBuf,
}

impl Build {
    /// The build of Chromium `major` in `OLD_CHROMIUM` (default `.tools/old-chromium`).
    pub fn of(major: u32) -> Build {
        let root = std::env::var_os("OLD_CHROMIUM")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".tools/old-chromium")
            });
        let dir = root.join(major.to_string());
        assert!(
            dir.join("chromium").exists(),
            "Chromium {major} is not unpacked in {}: run `make setup` (tools/old-chromium.sh)",
            dir.display()
        );
        Build { major, dir }
    }
}

/// Carries out `test` in Chromium `major`; if the browser stops answering, once more from the
/// start in fresh browsers. Panics if it stops answering twice.
pub fn run(major: u32, test: impl Fn(&Build) -> R<()>) {
    let build = Build::of(major);
    match test(&build) {
        Ok(()) => {}
        Err(Stop(why)) => {
            // Straight to stderr, past the test harness's capture: a start over shows in
            // every run's output, not only in a failing test's.
            let _ = writeln!(
                std::io::stderr(),
                "old_browsers: Chromium {major} stopped answering ({why}); starting over once"
            );
            if let Err(Stop(again)) = test(&build) {
                panic!("Chromium {major} stopped answering twice: {why}; then {again}");
            }
        }
    }
}

/// A running old Chromium with its page's DevTools connection.
pub struct Browser {
    pub major: u32,
    /// `HeadlessChrome/80.0.3987.0`, from the browser itself.
    pub version: String,
    child: Child,
    profile: PathBuf,
    ws: WebSocket<TcpStream>,
    next_id: u64,
    /// What the page threw or logged as an error, received while waiting for answers.
    events: Vec<Value>,
    /// How long one command may take ([`COMMAND`] unless a test shortens it).
    pub deadline: Duration,
}

static STARTED: AtomicU32 = AtomicU32::new(0);

/// A fresh folder for one browser: `chrome/` (its profile), `downloads/`, `work/`.
fn fresh_folder(major: u32) -> PathBuf {
    let n = STARTED.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!(
        "mwb-old-{major}-{}-{n}-{nanos}",
        std::process::id()
    ));
    for sub in ["chrome", "downloads", "work"] {
        std::fs::create_dir_all(dir.join(sub)).expect("a fresh profile folder");
    }
    dir
}

/// `GET` of a DevTools HTTP endpoint on this machine, as JSON. (The endpoint speaks HTTP/1.1
/// only, answers with a `Content-Length` and keeps the connection open.)
fn http_json(port: u16, path: &str) -> Result<Value, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        let n = s.read(&mut chunk).map_err(|e| format!("{path}: {e}"))?;
        raw.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse::<usize>().ok());
            if n == 0 || length.is_some_and(|l| body.len() >= l) {
                return serde_json::from_str(body).map_err(|e| format!("{path}: {e}: {body}"));
            }
        } else if n == 0 {
            return Err(format!("{path}: the connection closed without an answer"));
        }
    }
}

impl Browser {
    /// Starts the build with a fresh profile (1366×768, Chinese first, downloads allowed into
    /// its own folder) and connects to its page. `before_page_scripts` run in every document
    /// before the page's own scripts (to take an API away, as a browser without it).
    pub fn start(build: &Build, before_page_scripts: &[&str]) -> R<Browser> {
        let folder = fresh_folder(build.major);
        let log = std::fs::File::create(folder.join("chrome.log")).expect("browser log");
        let child = Command::new(build.dir.join("chromium"))
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-zygote",
                "--single-process",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-default-apps",
                "--disable-extensions",
                "--window-size=1366,768",
                "--lang=zh-CN",
                "--accept-lang=zh-CN,zh",
                "--remote-debugging-port=0",
            ])
            .arg(format!(
                "--user-data-dir={}",
                folder.join("chrome").display()
            ))
            .arg("about:blank")
            // Its own libraries (NSS and friends); the system's fonts, not the package's
            // fontconfig (which names a path on AWS Lambda).
            .env("LD_LIBRARY_PATH", build.dir.join("aws/lib"))
            .env_remove("FONTCONFIG_PATH")
            .stdin(Stdio::null())
            .stdout(
                log.try_clone()
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .stderr(Stdio::from(log))
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("start Chromium {}: {e}", build.major));
        let mut starting = Starting {
            child: Some(child),
            folder: folder.clone(),
        };
        let port = starting.port()?;
        let page = starting.page_socket(port)?;
        let about = http_json(port, "/json/version").map_err(Stop)?;
        let version = about["Browser"].as_str().unwrap_or_default().to_string();
        let user_agent = about["User-Agent"].as_str().unwrap_or_default().to_string();
        let ws = starting.connect(port, &page)?;
        let mut b = Browser {
            major: build.major,
            version,
            child: starting.child.take().expect("the child"),
            profile: folder,
            ws,
            next_id: 0,
            events: Vec::new(),
            deadline: COMMAND,
        };
        assert!(
            b.version
                .starts_with(&format!("HeadlessChrome/{}.", build.major)),
            "{} is {:?}, not Chromium {}",
            build.dir.display(),
            b.version,
            build.major
        );
        // The headless shell ignores --lang: Chinese first, as a user in China has it
        // (`navigator.language`, which the workbook starts in).
        b.call(
            "Emulation.setUserAgentOverride",
            json!({ "userAgent": user_agent, "acceptLanguage": "zh-CN,zh" }),
        )?;
        b.call("Page.enable", json!({}))?;
        b.call("Runtime.enable", json!({}))?;
        let downloads = b.download_dir();
        b.call(
            "Page.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
        )?;
        for script in before_page_scripts {
            b.call(
                "Page.addScriptToEvaluateOnNewDocument",
                json!({ "source": script }),
            )?;
        }
        Ok(b)
    }

    /// Starts the build and opens the workbook (or a document) at `url`, waiting for the app.
    pub fn open(build: &Build, url: &str, before_page_scripts: &[&str]) -> R<Browser> {
        let mut b = Browser::start(build, before_page_scripts)?;
        b.goto(url)?;
        b.wait_ready()?;
        Ok(b)
    }

    /// The browser's process id (the leader of its process group).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn download_dir(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// A folder for files a test writes itself (to load or to open).
    pub fn work_dir(&self) -> PathBuf {
        self.profile.join("work")
    }

    /// Sends one command and waits, at most [`COMMAND`], for its answer. A protocol error (a
    /// command the browser does not know, bad parameters) is a bug in the test: it panics.
    pub fn call(&mut self, method: &str, params: Value) -> R<Value> {
        match self.send(method, params)? {
            Ok(v) => Ok(v),
            Err(e) => panic!("Chromium {}: {method} failed: {e}", self.major),
        }
    }

    /// Sends one command and waits, at most [`COMMAND`], for its result or its protocol error.
    fn send(&mut self, method: &str, params: Value) -> R<Result<Value, Value>> {
        self.next_id += 1;
        let id = self.next_id;
        let text = json!({ "id": id, "method": method, "params": params }).to_string();
        self.ws
            .send(Message::text(text))
            .map_err(|e| Stop(format!("{method}: sending: {e}")))?;
        let deadline = Instant::now() + self.deadline;
        loop {
            if Instant::now() > deadline {
                return Err(Stop(format!(
                    "{method}: no answer within {:?}",
                    self.deadline
                )));
            }
            let msg = match self.ws.read() {
                Ok(m) => m,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    continue
                }
                Err(e) => return Err(Stop(format!("{method}: {e}"))),
            };
            let Message::Text(text) = msg else { continue };
            let v: Value = serde_json::from_str(text.as_str())
                .map_err(|e| Stop(format!("{method}: not JSON: {e}")))?;
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(err) = v.get("error") {
                    return Ok(Err(err.clone()));
                }
                return Ok(Ok(v.get("result").cloned().unwrap_or(Value::Null)));
            }
            // Kept: what the page threw, and what it logged as an error.
            let method = v["method"].as_str().unwrap_or_default();
            if method == "Runtime.exceptionThrown"
                || (method == "Runtime.consoleAPICalled" && v["params"]["type"] == "error")
            {
                self.events.push(v);
            }
        }
    }

    /// Evaluates an expression in the page (awaiting a promise) and returns its value. An
    /// exception in the expression is a bug in the test: it panics with the expression.
    pub fn eval(&mut self, expression: &str) -> R<Value> {
        let r = self.send(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        let r = match r {
            Ok(r) => r,
            // While a page is being replaced, its context may be gone: nothing there yet.
            Err(e) if e.to_string().contains("context") => return Ok(Value::Null),
            Err(e) => panic!("Chromium {}: Runtime.evaluate failed: {e}", self.major),
        };
        if let Some(e) = r.get("exceptionDetails") {
            panic!("script failed: {e}\n{expression}");
        }
        Ok(r["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Waits until `expression` is `true` (polling); panics after [`WAIT`] with `what`.
    pub fn wait_until(&mut self, what: &str, expression: &str) -> R<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.eval(expression)? == Value::Bool(true) {
                return Ok(());
            }
            assert!(
                Instant::now() < deadline,
                "Chromium {}: timed out waiting until {what}",
                self.major
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for an element matching `css`.
    pub fn wait_for(&mut self, css: &str) -> R<()> {
        self.wait_until(
            &format!("{css} is on the page"),
            &format!("!!document.querySelector({})", json!(css)),
        )
    }

    /// Waits until the workbook has started: the page's own hooks, as in the e2e tests (a
    /// requirement or the list of assessments on screen).
    pub fn wait_ready(&mut self) -> R<()> {
        self.wait_for("[data-req], [data-action='new-assessment']")
    }

    /// Navigates the page to `url` (a `file://` page).
    pub fn goto(&mut self, url: &str) -> R<()> {
        let r = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(e) = r.get("errorText") {
            panic!("Chromium {}: cannot open {url}: {e}", self.major);
        }
        Ok(())
    }

    /// Changes the hash of the page's URL (the app's routes).
    pub fn goto_hash(&mut self, hash: &str) -> R<()> {
        self.eval(&format!("location.hash = {}; true", json!(hash)))?;
        Ok(())
    }

    /// Reloads the page, as F5 does, and waits for the app.
    pub fn reload(&mut self) -> R<()> {
        self.eval("window.__beforeReload = true")?;
        self.call("Page.reload", json!({}))?;
        self.wait_until(
            "the page has reloaded",
            "window.__beforeReload === undefined",
        )?;
        self.wait_ready()
    }

    /// Clicks the element matching `css` with the mouse, at its centre after scrolling it into
    /// view, as a person (and ChromeDriver) would; panics if another element would get the
    /// click.
    pub fn click(&mut self, css: &str) -> R<()> {
        self.wait_for(css)?;
        let at = self.eval(&format!(
            "(() => {{
                const e = document.querySelector({css});
                e.scrollIntoView({{ block: 'center', inline: 'center' }});
                const r = e.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const hit = document.elementFromPoint(x, y);
                const label = (n) => n && n.closest && n.closest('label');
                const ok = !!hit && (hit === e || e.contains(hit) || hit.contains(e)
                    || (label(e) !== null && label(hit) === label(e)));
                return {{ x, y, ok, hit: hit ? hit.outerHTML.slice(0, 200) : null }};
            }})()",
            css = json!(css)
        ))?;
        assert!(
            at["ok"] == Value::Bool(true),
            "Chromium {}: a click on {css} would land on {}",
            self.major,
            at["hit"]
        );
        let (x, y) = (at["x"].clone(), at["y"].clone());
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            )?;
        }
        Ok(())
    }

    /// Types `text` into the field matching `css`, as a keyboard (an input method) would.
    pub fn type_into(&mut self, css: &str, text: &str) -> R<()> {
        self.click(css)?;
        self.call("Input.insertText", json!({ "text": text }))?;
        Ok(())
    }

    /// Chooses a file in the `<input type=file>` matching `css`.
    pub fn upload(&mut self, css: &str, path: &Path) -> R<()> {
        self.wait_for(css)?;
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": format!("document.querySelector({})", json!(css)) }),
        )?;
        let object = r["result"]["objectId"]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}"))
            .to_string();
        self.call(
            "DOM.setFileInputFiles",
            json!({ "files": [path.display().to_string()], "objectId": object }),
        )?;
        Ok(())
    }

    /// The text of the element matching `css`.
    pub fn text(&mut self, css: &str) -> R<String> {
        self.wait_for(css)?;
        let v = self.eval(&format!(
            "document.querySelector({}).textContent",
            json!(css)
        ))?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// The computed level shown for a node: (`data-level`, `data-label`, CAICT's notation such
    /// as "3-"; the badge itself shows the level reached and a "+" for progress).
    pub fn level_of(&mut self, code: &str) -> R<(String, String)> {
        let css = format!("[data-level-of='{code}']");
        self.wait_for(&css)?;
        let v = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); return [e.dataset.level, e.dataset.label]; }})()",
            json!(css)
        ))?;
        Ok((
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        ))
    }

    /// Waits for a finished download whose name ends with `suffix` (no `.crdownload` in the
    /// folder, not empty, the same size on two polls in a row) and returns its path.
    pub fn downloaded(&mut self, suffix: &str) -> R<PathBuf> {
        let deadline = Instant::now() + WAIT;
        let mut last: Option<(PathBuf, u64)> = None;
        loop {
            let now = finished_download(&self.download_dir(), suffix);
            if let (Some(seen), Some(earlier)) = (&now, &last) {
                if seen == earlier {
                    return Ok(seen.0.clone());
                }
            }
            last = now;
            assert!(
                Instant::now() < deadline,
                "Chromium {}: no finished download ending in {suffix} in {}",
                self.major,
                self.download_dir().display()
            );
            // Keep the connection drained while waiting (and notice a browser that stopped).
            self.eval("1")?;
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Removes earlier downloads.
    pub fn clear_downloads(&self) {
        let _ = std::fs::remove_dir_all(self.download_dir());
        let _ = std::fs::create_dir_all(self.download_dir());
    }

    /// The page printed to PDF by the browser (A4, with backgrounds), as `print` would.
    pub fn print_pdf(&mut self) -> R<Vec<u8>> {
        let r = self.call(
            "Page.printToPDF",
            json!({ "printBackground": true, "paperWidth": 8.27, "paperHeight": 11.69 }),
        )?;
        Ok(base64(r["data"].as_str().unwrap_or_default()))
    }

    /// Keeps a PNG of the viewport under target/screenshots for a person to look at.
    pub fn screenshot(&mut self, name: &str) -> R<()> {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }))?;
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join(format!("old-chromium-{}-{name}.png", self.major)),
            base64(r["data"].as_str().unwrap_or_default()),
        );
        Ok(())
    }

    /// What the page threw and logged as errors so far (DevTools `Runtime.exceptionThrown`,
    /// `console.error`).
    pub fn errors(&mut self) -> R<Vec<String>> {
        self.eval("1")?;
        Ok(self
            .events
            .iter()
            .map(|e| {
                let p = &e["params"];
                match e["method"].as_str() {
                    Some("Runtime.exceptionThrown") => format!(
                        "{} {}",
                        p["exceptionDetails"]["text"],
                        p["exceptionDetails"]["exception"]["description"]
                    ),
                    _ => format!("console.error {}", p["args"]),
                }
            })
            .collect())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.ws.close(None);
        kill(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A browser between its start and its connection: killed if it never answers.
struct Starting {
    child: Option<Child>,
    folder: PathBuf,
}

impl Starting {
    /// The port the browser chose, from `DevToolsActivePort` in its profile.
    fn port(&mut self) -> R<u16> {
        let file = self.folder.join("chrome/DevToolsActivePort");
        let deadline = Instant::now() + START;
        loop {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            if let Some(port) = text.lines().next().and_then(|l| l.trim().parse().ok()) {
                if text.lines().count() >= 2 {
                    return Ok(port);
                }
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                let log =
                    std::fs::read_to_string(self.folder.join("chrome.log")).unwrap_or_default();
                panic!("the browser exited at start ({status}):\n{log}");
            }
            if Instant::now() > deadline {
                return Err(Stop(format!("no DevTools port within {START:?}")));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// The WebSocket URL of the browser's one page.
    fn page_socket(&mut self, port: u16) -> R<String> {
        let deadline = Instant::now() + START;
        loop {
            if let Ok(list) = http_json(port, "/json/list") {
                let page = list
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|t| t["type"] == "page");
                if let Some(url) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                    return Ok(url.to_string());
                }
            }
            if Instant::now() > deadline {
                return Err(Stop(format!("no page target within {START:?}")));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn connect(&mut self, port: u16, url: &str) -> R<WebSocket<TcpStream>> {
        let stream =
            TcpStream::connect(("127.0.0.1", port)).map_err(|e| Stop(format!("connect: {e}")))?;
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(10)));
        let config = WebSocketConfig::default()
            .max_message_size(Some(256 << 20))
            .max_frame_size(Some(256 << 20));
        let (ws, _) = tungstenite::client::client_with_config(url, stream, Some(config))
            .map_err(|e| Stop(format!("WebSocket handshake: {e}")))?;
        // Short reads from here on, so that every command can keep its own deadline.
        let _ = ws
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(200)));
        Ok(ws)
    }
}

impl Drop for Starting {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            kill(child);
            let _ = std::fs::remove_dir_all(&self.folder);
        }
    }
}

/// Kills the browser's whole process group (it was started as the group's leader), then reaps it.
fn kill(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

/// The newest non-empty file ending with `suffix` and its size, if no download is in progress.
fn finished_download(dir: &Path, suffix: &str) -> Option<(PathBuf, u64)> {
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir).ok()?.flatten().collect();
    if entries
        .iter()
        .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
    {
        return None;
    }
    entries
        .iter()
        .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            (meta.len() > 0).then(|| (meta.modified().ok(), e.path(), meta.len()))
        })
        .max()
        .map(|(_, path, len)| (path, len))
}

/// Standard base64 (what the protocol sends screenshots and PDFs in), decoded.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
