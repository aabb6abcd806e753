//! Drives the built single-file workbook in headless Chromium through ChromeDriver, or in
//! headless Firefox ESR through geckodriver, as a person would: it opens
//! `dist/maturity-workbook.html` through `file://`, clicks, types and reads.
//! Each browser gets its own driver and a fresh profile, so tests never share storage unless
//! they mean to (two windows of one browser).
//!
//! [`Browser::open`] and [`Browser::start`] are Chromium; [`Browser::open_firefox`] and
//! [`Browser::start_firefox`] are Firefox with the preferences a real user has. Everything
//! else works in both, except the helpers marked **Chromium only** (the DevTools protocol and
//! Chromium's performance log), which panic with a clear message in Firefox.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub const WAIT: Duration = Duration::from_secs(15);

pub fn page_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist/maturity-workbook.html")
}

pub fn page_url() -> String {
    let path = page_path();
    assert!(
        path.exists(),
        "{} is missing: run `make dist` first",
        path.display()
    );
    format!("file://{}", path.display())
}

/// Which browser a [`Browser`] drives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Headless Chromium through ChromeDriver (`CHROMIUM`, `CHROMEDRIVER`).
    Chromium,
    /// Headless Firefox ESR through geckodriver (`FIREFOX`, `GECKODRIVER`).
    Firefox,
}

pub struct Browser {
    pub client: Client,
    driver: Driver,
    profile: PathBuf,
    pub url: String,
    pub kind: Kind,
}

/// The driver process (ChromeDriver or geckodriver). `close` ends it after the session; if a
/// test panics before that, dropping it ends the browser the driver started and the driver,
/// by their process ids, so a failed test leaves no browser running.
struct Driver {
    child: Child,
    stopped: bool,
}

impl Driver {
    fn new(child: Child) -> Driver {
        Driver {
            child,
            stopped: false,
        }
    }

    /// Ends the driver; with `browser_too`, first the processes it started (the browser).
    fn stop(&mut self, browser_too: bool) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        if browser_too {
            let id = self.child.id();
            let tasks = std::fs::read_dir(format!("/proc/{id}/task"))
                .into_iter()
                .flatten();
            let children: Vec<String> = tasks
                .flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
                .flat_map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect();
            for pid in children {
                let _ = Command::new("kill").arg(pid).stderr(Stdio::null()).status();
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop(true);
    }
}

/// WebDriver's `POST /session/{id}/se/log`: Chromium's log buffers (here, the performance log
/// that carries every network event).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// Chromium's DevTools protocol through ChromeDriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.0, "params": self.1 }).to_string()),
        )
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// geckodriver: `GECKODRIVER`, else where `cargo install geckodriver` puts it, else on PATH.
fn geckodriver() -> String {
    if let Ok(path) = std::env::var("GECKODRIVER") {
        return path;
    }
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    match cargo_home.map(|c| c.join("bin/geckodriver")) {
        Ok(path) if path.exists() => path.display().to_string(),
        _ => "geckodriver".into(),
    }
}

fn firefox() -> String {
    std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into())
}

/// A fresh folder for one browser: its profile, its downloads and the files a test writes.
fn new_profile_dir(port: u16) -> PathBuf {
    let profile = std::env::temp_dir().join(format!(
        "mwb-e2e-{}-{port}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    std::fs::create_dir_all(profile.join("downloads")).expect("profile dir");
    profile
}

/// Opens a WebDriver session on a driver that is starting up.
async fn connect(port: u16, caps: Value, driver: &str) -> Client {
    let caps = caps.as_object().cloned().unwrap_or_default();
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + WAIT;
    loop {
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.clone());
        match builder.connect(&url).await {
            Ok(c) => return c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot reach {driver} at {url}: {e}"),
        }
    }
}

/// The MIME types Firefox saves without asking: everything the workbook downloads.
const DOWNLOAD_TYPES: &str = "application/json,text/csv,text/html,text/plain,application/octet-stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Browser {
    /// Starts Chromium with an empty profile and opens the workbook.
    pub async fn open() -> Browser {
        let b = Browser::start().await;
        b.client.goto(&b.url).await.expect("open the workbook");
        b.wait_ready().await;
        b
    }

    /// Starts Chromium with an empty profile, without opening anything.
    pub async fn start() -> Browser {
        Browser::start_with_profile(None).await
    }

    /// **Chromium only.** Starts Chromium with a copy of a Chromium profile folder (one a
    /// benchmark prepared and kept with [`Browser::close_keeping_profile`]), or an empty one.
    pub async fn start_with_profile(copy_of: Option<&std::path::Path>) -> Browser {
        let port = free_port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map(Driver::new)
            .expect("start chromedriver");
        let profile = new_profile_dir(port);
        let download_dir = profile.join("downloads");
        if let Some(from) = copy_of {
            copy_dir(from, &profile.join("chrome"));
        }
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-default-apps", "--disable-extensions",
                    "--window-size=1366,768", "--lang=zh-CN",
                    format!("--user-data-dir={}", profile.join("chrome").display()),
                ],
                "prefs": {
                    "download.default_directory": download_dir.display().to_string(),
                    "download.prompt_for_download": false,
                    "intl.accept_languages": "zh-CN,zh",
                },
            },
            "goog:loggingPrefs": { "performance": "ALL", "browser": "ALL" },
        });
        let client = connect(port, caps, "chromedriver").await;
        Browser {
            client,
            driver,
            profile,
            url: page_url(),
            kind: Kind::Chromium,
        }
    }

    /// Starts Firefox ESR with an empty profile and opens the workbook.
    pub async fn open_firefox() -> Browser {
        let b = Browser::start_firefox().await;
        b.client.goto(&b.url).await.expect("open the workbook");
        b.wait_ready().await;
        b
    }

    /// Starts headless Firefox ESR through geckodriver with a fresh profile and the
    /// preferences a real user has, without opening anything.
    ///
    /// Firefox's remote agent normally applies "recommended preferences" for automation, among
    /// them `security.fileuri.strict_origin_policy=false`, which makes every `file://` page
    /// share one store. `remote.prefs.recommended=false` keeps Firefox's defaults, so a test
    /// sees the per-path `file://` storage users get. The other preferences only stop
    /// background traffic and first-run pages, print the page's console to the driver's log
    /// (for [`Browser::console_errors`]), and save downloads into the profile's folder without
    /// asking. Window 1366×768, language zh-CN, as the Chromium browsers.
    pub async fn start_firefox() -> Browser {
        let port = free_port();
        let profile = new_profile_dir(port);
        let firefox_profile = profile.join("firefox");
        std::fs::create_dir_all(&firefox_profile).expect("firefox profile dir");
        let log = std::fs::File::create(profile.join("driver.log")).expect("driver log");
        let driver = Command::new(geckodriver())
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            // Headless Firefox keeps its window within a virtual screen (1366×768 by
            // default); a taller one lets `screenshot` grow the window to the page.
            .env("MOZ_HEADLESS_WIDTH", "1366")
            .env("MOZ_HEADLESS_HEIGHT", "2400")
            .stdout(
                log.try_clone()
                    .map(Stdio::from)
                    .unwrap_or_else(|_| Stdio::null()),
            )
            .stderr(Stdio::from(log))
            .spawn()
            .map(Driver::new)
            .unwrap_or_else(|e| {
                panic!("start geckodriver ({e}); `make setup` installs it with cargo install")
            });
        let caps = json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": firefox(),
                "args": [
                    "-headless", "-no-remote",
                    "-profile", firefox_profile.display().to_string(),
                ],
                "prefs": {
                    // What users have: file:// storage keyed by the file's path.
                    "remote.prefs.recommended": false,
                    "security.fileuri.strict_origin_policy": true,
                    // Language and the page's console on the driver's output.
                    "intl.accept_languages": "zh-CN, zh",
                    "devtools.console.stdout.content": true,
                    "devtools.console.stdout.chrome": false,
                    // Downloads into the profile's folder, never a dialog.
                    "browser.download.folderList": 2,
                    "browser.download.dir": profile.join("downloads").display().to_string(),
                    "browser.download.useDownloadDir": true,
                    "browser.download.always_ask_before_handling_new_types": false,
                    "browser.download.start_downloads_in_tmp_dir": false,
                    "browser.download.alwaysOpenPanel": false,
                    "browser.download.manager.showWhenStarting": false,
                    "browser.helperApps.neverAsk.saveToDisk": DOWNLOAD_TYPES,
                    "pdfjs.disabled": true,
                    // Quiet: no first-run pages, no background connections.
                    "browser.aboutwelcome.enabled": false,
                    "browser.startup.firstrunSkipsHomepage": true,
                    "trailhead.firstrun.didSeeAboutWelcome": true,
                    "browser.shell.checkDefaultBrowser": false,
                    "app.update.auto": false,
                    "app.update.disabledForTesting": true,
                    "toolkit.telemetry.reportingpolicy.firstRun": false,
                    "datareporting.policy.dataSubmissionEnabled": false,
                    "browser.safebrowsing.malware.enabled": false,
                    "browser.safebrowsing.phishing.enabled": false,
                    "browser.safebrowsing.downloads.enabled": false,
                    "network.captive-portal-service.enabled": false,
                    "browser.region.network.url": "",
                    "browser.region.update.enabled": false,
                    "network.connectivity-service.enabled": false,
                    "browser.newtabpage.enabled": false,
                    "extensions.getAddons.cache.enabled": false,
                    "media.gmp-manager.updateEnabled": false,
                },
            },
        });
        let client = connect(port, caps, "geckodriver").await;
        let _ = client.set_window_size(1366, 768).await;
        Browser {
            client,
            driver,
            profile,
            url: page_url(),
            kind: Kind::Firefox,
        }
    }

    /// Panics with a clear message when a Chromium-only helper is used in another browser.
    fn chromium_only(&self, what: &str) {
        assert!(
            self.kind == Kind::Chromium,
            "{what} is Chromium only (ChromeDriver's DevTools protocol or performance log); \
             this browser is {:?}",
            self.kind
        );
    }

    /// **Chromium only.** Starts Chromium with an empty profile and a script that runs in every new
    /// document before the page's own scripts (CDP `Page.addScriptToEvaluateOnNewDocument`), for
    /// simulating a browser without some feature; opens nothing.
    pub async fn start_with_script(script: &str) -> Browser {
        let b = Browser::start().await;
        b.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .await;
        b
    }

    pub fn download_dir(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// A folder for files a test writes itself (to import or load).
    pub fn work_dir(&self) -> PathBuf {
        let dir = self.profile.join("work");
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    /// Waits until the workbook has mounted and a requirement or the home list is on screen.
    pub async fn wait_ready(&self) {
        self.wait_for("[data-req], [data-action='new-assessment']")
            .await;
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                return el;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {css}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until a script returns true.
    pub async fn wait_until(&self, what: &str, script: &str) {
        assert!(
            self.try_wait_until(script).await,
            "timed out waiting until {what}"
        );
    }

    /// Waits until `script` returns `true`; false when it did not within the usual wait.
    pub async fn try_wait_until(&self, script: &str) -> bool {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.eval(script).await == Value::Bool(true) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Runs a script body (`return …` gives the value back).
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap_or_default()
    }

    /// The computed level shown for a node: (data-level, its label as CAICT writes it, from
    /// `data-label`; the badge itself shows the level reached and a "+" for progress).
    pub async fn level_of(&self, code: &str) -> (String, String) {
        let el = self.wait_for(&format!("[data-level-of='{code}']")).await;
        let attr = |name: &'static str| {
            let el = el.clone();
            async move { el.attr(name).await.ok().flatten().unwrap_or_default() }
        };
        (attr("data-level").await, attr("data-label").await)
    }

    pub async fn goto_hash(&self, hash: &str) {
        self.eval(&format!("location.hash = {}; return true;", json!(hash)))
            .await;
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
        self.wait_ready().await;
    }

    pub async fn local_storage(&self) -> serde_json::Map<String, Value> {
        let v = self.eval("const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;").await;
        v.as_object().cloned().unwrap_or_default()
    }

    /// **Chromium only.** Every network request the workbook made, from Chromium's performance log:
    /// requests whose document is the workbook (other than the navigation to the file itself), and
    /// any websocket. The browser's own pages (the new-tab page before navigation) are not counted.
    pub async fn network_requests(&self) -> Vec<String> {
        self.requests_of(&self.url).await
    }

    /// **Chromium only.** Every network request a page opened from `path` (a saved document) made.
    pub async fn network_requests_from(&self, path: &std::path::Path) -> Vec<String> {
        self.requests_of(&format!("file://{}", path.display()))
            .await
    }

    async fn requests_of(&self, page: &str) -> Vec<String> {
        self.chromium_only("the network log");
        let log = self
            .client
            .issue_cmd(GetLog("performance"))
            .await
            .expect("performance log");
        let mut out = Vec::new();
        for entry in log.as_array().into_iter().flatten() {
            let Some(message) = entry.get("message").and_then(Value::as_str) else {
                continue;
            };
            let Ok(msg) = serde_json::from_str::<Value>(message) else {
                continue;
            };
            let method = msg["message"]["method"].as_str().unwrap_or_default();
            let params = &msg["message"]["params"];
            let strip = |u: &str| u.split('#').next().unwrap_or_default().to_string();
            match method {
                "Network.webSocketCreated" => out.push(format!("websocket {}", params["url"])),
                "Network.requestWillBeSent" => {
                    let url = params["request"]["url"].as_str().unwrap_or_default();
                    let document = params["documentURL"].as_str().unwrap_or_default();
                    let ours = strip(document) == page;
                    // data: and blob: URLs are read from memory, not from any network.
                    let local = url.starts_with("data:") || url.starts_with("blob:");
                    if ours && !local && strip(url) != page {
                        out.push(format!(
                            "{url} ({})",
                            params["type"].as_str().unwrap_or("?")
                        ));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The resources the page fetched, from its own Resource Timing entries (both browsers;
    /// weaker than Chromium's network log, which also sees requests the page's policy blocked):
    /// anything but `data:` and `blob:` URLs.
    pub async fn resource_requests(&self) -> Vec<String> {
        let v = self
            .eval("return performance.getEntriesByType('resource').map(e => e.name).filter(u => !u.startsWith('data:') && !u.startsWith('blob:'));")
            .await;
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Console errors the page logged: Chromium's browser log, or in Firefox the page's console
    /// printed to the driver's output (`devtools.console.stdout.content`) and errors thrown by
    /// `file:` scripts. Firefox's own modules also log there, each message after its logger's
    /// name (`console.error: services.settings: …`); those are left out (the page's messages
    /// start with a value: `console.error: "…"`).
    pub async fn console_errors(&self) -> Vec<String> {
        if self.kind == Kind::Firefox {
            let log = std::fs::read_to_string(self.profile.join("driver.log")).unwrap_or_default();
            let firefox_module = |rest: &str| {
                rest.split_once(": ").is_some_and(|(name, _)| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                })
            };
            return log
                .lines()
                .filter(|l| match l.strip_prefix("console.error: ") {
                    Some(rest) => !firefox_module(rest),
                    None => l.starts_with("JavaScript error: file:"),
                })
                .map(str::to_string)
                .collect();
        }
        let log = self
            .client
            .issue_cmd(GetLog("browser"))
            .await
            .unwrap_or(Value::Null);
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// **Chromium only.** A command of Chromium's DevTools protocol.
    pub async fn cdp(&self, cmd: &'static str, params: Value) -> Value {
        self.chromium_only("cdp");
        self.client
            .issue_cmd(Cdp(cmd, params))
            .await
            .unwrap_or_else(|e| panic!("cdp {cmd}: {e}"))
    }

    /// Keeps a PNG of the page under target/screenshots for a person to look at: the window
    /// is made as tall as the page (up to 2,400 px) for the shot, then restored.
    pub async fn screenshot(&self, name: &str) {
        let (width, height) = self.client.get_window_size().await.unwrap_or((1366, 768));
        let page = self
            .eval("return document.documentElement.scrollHeight;")
            .await
            .as_u64()
            .unwrap_or(height);
        let tall = page.clamp(height, 2400) as u32;
        let _ = self.client.set_window_size(width as u32, tall).await;
        let shot = self.client.screenshot().await;
        let _ = self
            .client
            .set_window_size(width as u32, height as u32)
            .await;
        if let Ok(png) = shot {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }

    /// Presses keys one after another, as a person would, wherever the focus is.
    pub async fn press(&self, keys: &str) {
        let mut actions = KeyActions::new("keyboard".into());
        for c in keys.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("key actions");
    }

    /// Presses Ctrl (or, as on a Mac, nothing else) with a key, as for Ctrl+S.
    pub async fn press_with_control(&self, key: char) {
        const CONTROL: char = '\u{E009}';
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: CONTROL })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: CONTROL });
        self.client
            .perform_actions(actions)
            .await
            .expect("key actions");
    }

    /// The requirement whose row has the focus.
    pub async fn focused_requirement(&self) -> Option<String> {
        self.eval("const r = document.activeElement && document.activeElement.closest('[data-req-row]'); return r ? r.dataset.reqRow : null;")
            .await
            .as_str()
            .map(str::to_string)
    }

    /// Chooses a file in an `<input type=file>`.
    pub async fn upload(&self, css: &str, path: &std::path::Path) {
        let input = self.wait_for(css).await;
        input
            .send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("upload to {css}: {e}"));
    }

    /// Waits for a finished download whose name ends with `suffix`, and returns its path (the
    /// newest, if several match). Finished means: no download in progress in the folder
    /// (Chromium's `.crdownload`, Firefox's `.part`), and the file is not empty and has the
    /// same size on two polls in a row — both browsers create the file, empty, before they
    /// write it. Every file the workbook downloads has content.
    pub async fn downloaded(&self, suffix: &str) -> PathBuf {
        let deadline = Instant::now() + WAIT;
        let mut last: Option<(PathBuf, u64)> = None;
        loop {
            let now = self.finished_download(suffix);
            if let (Some(seen), Some(earlier)) = (&now, &last) {
                if seen == earlier {
                    return seen.0.clone();
                }
            }
            last = now;
            assert!(
                Instant::now() < deadline,
                "no finished download ending in {suffix} in {}",
                self.download_dir().display()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The newest non-empty file ending with `suffix` and its size, if no download is in
    /// progress.
    fn finished_download(&self, suffix: &str) -> Option<(PathBuf, u64)> {
        let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(self.download_dir())
            .ok()?
            .flatten()
            .collect();
        let in_progress = |name: &str| name.ends_with(".crdownload") || name.ends_with(".part");
        if entries
            .iter()
            .any(|e| in_progress(&e.file_name().to_string_lossy()))
        {
            return None;
        }
        entries
            .iter()
            .filter(|e| e.file_name().to_string_lossy().ends_with(suffix))
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                let modified = meta.modified().ok()?;
                (meta.len() > 0).then(|| (modified, e.path(), meta.len()))
            })
            .max()
            .map(|(_, path, len)| (path, len))
    }

    /// Removes earlier downloads.
    pub fn clear_downloads(&self) {
        let _ = std::fs::remove_dir_all(self.download_dir());
        let _ = std::fs::create_dir_all(self.download_dir());
    }

    /// The page printed to PDF by the browser (WebDriver print: A4, with backgrounds).
    pub async fn print_pdf(&self) -> Vec<u8> {
        use fantoccini::wd::{PrintConfiguration, PrintSize};
        let config = PrintConfiguration::builder()
            .size(PrintSize::A4)
            .background(true)
            .build()
            .expect("print configuration");
        self.client.print(config).await.expect("print to PDF")
    }

    /// Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns the violations, described.
    pub async fn axe(&self) -> Vec<String> {
        let path = std::env::var("AXE_CORE")
            .map(PathBuf::from)
            .unwrap_or_else(|_| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join(".tools/node_modules/axe-core/axe.min.js")
            });
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core not found at {} ({e}); run make setup",
                path.display()
            )
        });
        self.eval(&format!("if (!window.axe) {{ {source}\n }} return true;"))
            .await;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                    .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' :: ' +
                        v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe");
        serde_json::from_value(result).unwrap_or_default()
    }

    /// **Chromium only.** The JavaScript heap in use (CDP `Runtime.getHeapUsage`), in bytes.
    pub async fn heap_used(&self) -> f64 {
        self.cdp("Runtime.getHeapUsage", json!({})).await["usedSize"]
            .as_f64()
            .unwrap_or(-1.0)
    }

    /// **Chromium only.** The size of every WebAssembly memory of the page, in bytes (found through
    /// the DevTools protocol, so it works for any build of the page).
    pub async fn wasm_memory(&self) -> f64 {
        let proto = self
            .cdp(
                "Runtime.evaluate",
                json!({ "expression": "WebAssembly.Memory.prototype" }),
            )
            .await;
        let Some(proto) = proto["result"]["objectId"].as_str() else {
            return -1.0;
        };
        let found = self
            .cdp(
                "Runtime.queryObjects",
                json!({ "prototypeObjectId": proto }),
            )
            .await;
        let Some(list) = found["objects"]["objectId"].as_str() else {
            return -1.0;
        };
        let total = self
            .cdp(
                "Runtime.callFunctionOn",
                json!({
                    "objectId": list,
                    "functionDeclaration": "function() { return this.reduce((n, m) => n + m.buffer.byteLength, 0); }",
                    "returnByValue": true
                }),
            )
            .await;
        total["result"]["value"].as_f64().unwrap_or(-1.0)
    }

    /// Loads the synthetic model ten times the size of the embedded one (490 sub-items, 2,840
    /// requirements; it keeps the embedded model's version) and starts an assessment of it,
    /// open at its first sub-item. For the benchmarks.
    pub async fn open_ten_times_model(&self) {
        use maturity_core::{
            model::synthetic::scaled_model_json, model::validate, model::EMBEDDED_MODEL,
        };
        let path = self.work_dir().join("model-x10.json");
        std::fs::write(&path, scaled_model_json(EMBEDDED_MODEL, 10)).expect("write model");
        let version = validate::load_model(EMBEDDED_MODEL)
            .expect("the embedded model loads")
            .model
            .version;
        let key = format!("caict-devops-cd-x10@{version}");
        self.goto_hash("#/models").await;
        self.upload("[data-action='load-model']", &path).await;
        self.wait_for(&format!("[data-model='{key}']")).await;
        self.goto_hash("#/home").await;
        self.wait_for("#new-model").await;
        self.eval(&format!("const s = document.querySelector('#new-model'); s.value = '{key}'; s.dispatchEvent(new Event('change')); return 1;")).await;
        self.click("[data-action='new-assessment']").await;
        self.wait_until(
            "the 10x model is open",
            "return document.querySelectorAll('nav.outline .outline-domain').length === 70 && !!document.querySelector(\"[data-req='CM-VC-VCS-L2-1']\");",
        )
        .await;
    }

    /// **Chromium only.** Closes the browser and keeps its Chromium profile folder, returned
    /// for [`Browser::start_with_profile`].
    pub async fn close_keeping_profile(self) -> PathBuf {
        self.chromium_only("close_keeping_profile");
        let profile = self.quit().await;
        // Give Chromium a moment to write its profile to disk.
        tokio::time::sleep(Duration::from_millis(500)).await;
        profile.join("chrome")
    }

    pub async fn close(self) {
        let _ = std::fs::remove_dir_all(self.quit().await);
    }

    /// Ends the session and the driver; returns the profile folder.
    async fn quit(self) -> PathBuf {
        let Browser {
            client,
            mut driver,
            profile,
            ..
        } = self;
        let closed = client.close().await.is_ok();
        driver.stop(!closed);
        profile
    }
}

/// Copies a folder (a browser profile) recursively.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    let _ = std::fs::create_dir_all(to);
    let Ok(entries) = std::fs::read_dir(from) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else if !entry.file_name().to_string_lossy().starts_with("Singleton") {
            let _ = std::fs::copy(&path, &target);
        }
    }
}
