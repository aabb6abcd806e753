//! Small wrappers over the window: time, ids, the URL hash, the browser language and
//! performance marks.

use maturity_core::store::scope::StorageScope;
use wasm_bindgen::JsValue;

/// The current time as an ISO 8601 string (UTC), as stored in assessments.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A random id of 12 base-36 characters for a new assessment. Drawn from the browser's
/// cryptographic generator when there is one, so two workbooks never pick the same id.
pub fn new_id() -> String {
    let mut bytes = [0u8; 12];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    bytes
        .iter()
        .map(|b| DIGITS[usize::from(*b) % 36] as char)
        .collect()
}

pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Navigates to a hash, adding a history entry (so Back returns).
pub fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Replaces the current hash without a history entry (for redirects such as `#/` → an item).
pub fn replace_hash(hash: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
        }
    }
}

/// The browser's preferred language tag, e.g. `zh-CN`.
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}

/// A `performance.mark`, read by the load benchmark.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub fn set_document_lang(tag: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", tag);
    }
}

/// Sets the page's title: the browser tab's text, and the name a print to PDF suggests.
pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}

/// Tells the single-file page's guard that the app has started (`window.wbStarted`, a
/// script value rather than anything in the DOM, so a copy of the page never inherits it), and
/// removes the boot message, or the guard's error message if the start was slow.
pub fn remove_boot_message() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = js_sys::Reflect::set(&window, &JsValue::from_str("wbStarted"), &JsValue::TRUE);
    if let Some(el) = window
        .document()
        .and_then(|d| d.get_element_by_id("wb-boot"))
    {
        el.remove();
    }
}

/// A `performance.measure` between two marks, read by the benchmark.
pub fn measure(name: &str, start_mark: &str, end_mark: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark_and_end_mark(name, start_mark, end_mark);
    }
}

/// Runs `f` and leaves exactly one `performance.measure` named `name` with its duration (the
/// previous one is cleared, so the timeline does not grow over a long session). The benchmark
/// reads it to time the scoring in the browser.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return f();
    };
    let (start, end) = (format!("{name}-start"), format!("{name}-end"));
    p.clear_marks_with_mark_name(&start);
    p.clear_marks_with_mark_name(&end);
    p.clear_measures_with_measure_name(name);
    let _ = p.mark(&start);
    let out = f();
    let _ = p.mark(&end);
    let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    out
}

/// Asks a yes/no question in the browser's own dialog; false when it cannot be shown.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Takes focus away from whatever has it (so the next view starts fresh).
pub fn blur_active() {
    use wasm_bindgen::JsCast;
    if let Some(active) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = active.blur();
    }
}

/// Scrolls the page back to its top.
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The values of attribute `data-<attr>` of every element carrying it, in page order.
pub fn data_values(attr: &str) -> Vec<String> {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(list) = doc.query_selector_all(&format!("[data-{attr}]")) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute(&format!("data-{attr}")))
        .collect()
}

/// Opens the browser's print dialog (from which the report is saved as PDF).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Opens a `mailto:` link in the user's mail program without leaving the page.
pub fn open_mailto(url: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(url);
        let _ = a.set_attribute("hidden", "");
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
        }
        a.click();
        a.remove();
    }
}

/// Copies text to the clipboard: the async Clipboard API where allowed, else a selected
/// text area and `execCommand("copy")`, which also works on `file://` in older browsers.
pub async fn copy_text(text: &str) -> bool {
    if let Some(w) = web_sys::window() {
        let clipboard = w.navigator().clipboard();
        if !clipboard.is_undefined()
            && wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
                .await
                .is_ok()
        {
            return true;
        }
    }
    copy_with_selection(text)
}

fn copy_with_selection(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Ok(el) = document.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = el.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("style", "position:fixed;left:-9999px;top:0");
    let Some(body) = document.body() else {
        return false;
    };
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let html: &web_sys::HtmlDocument = match document.dyn_ref() {
        Some(h) => h,
        None => {
            area.remove();
            return false;
        }
    };
    let ok = html.exec_command("copy").unwrap_or(false);
    area.remove();
    ok
}

/// Focuses an element by id and scrolls it into view if needed.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Focuses an element by id, if it is in the page, without scrolling to it.
pub fn focus_id_quietly(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

/// Whether an element with this id is in the page.
pub fn has_id(id: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .is_some()
}

/// The window's width in CSS pixels (0 when unknown).
pub fn viewport_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// A scrolling box by id: how far it is scrolled to the left and its inner width, px.
pub fn scroll_box(id: &str) -> Option<(f64, f64)> {
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    Some((f64::from(el.scroll_left()), f64::from(el.client_width())))
}

/// Scrolls a box (by id) to `x` px from its left.
pub fn set_scroll_left(id: &str, x: f64) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.set_scroll_left(x.round() as i32);
    }
}

/// The element that has focus, if it is (inside) an element with `data-<attr>`: the value.
pub fn focused_data(attr: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let active = document.active_element()?;
    let holder = active.closest(&format!("[data-{attr}]")).ok()??;
    holder.get_attribute(&format!("data-{attr}"))
}

/// Whether focus is in a place where typing means text (so shortcut keys stay out of the way).
pub fn typing_in_field() -> bool {
    let Some(active) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    if tag == "textarea" || tag == "select" || active.get_attribute("contenteditable").is_some() {
        return true;
    }
    if tag == "input" {
        let kind = active
            .get_attribute("type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        return !matches!(
            kind.as_str(),
            "radio" | "checkbox" | "button" | "submit" | "file"
        );
    }
    false
}

/// Today's date as `YYYY-MM-DD` (local time), for file names.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Whose store this page's working copy is in (told to users in the storage panel): the
/// site's when served over http(s); on `file://`, one store shared by every local page in
/// Chromium-based browsers, a store per file path in Firefox. The page's origin cannot tell
/// the two `file://` cases apart (`self.origin` is `"null"` in both), so the engine decides:
/// Gecko is recognised by the `Gecko/<date>` token of its user agent, or, when IT has
/// overridden the user agent to claim another browser, by `window.mozInnerScreenX`, a
/// property only Gecko defines. (`InstallTrigger`, the usual test, is deprecated in Firefox
/// and due to be removed, so it is not relied on.)
pub fn storage_scope() -> StorageScope {
    let Some(window) = web_sys::window() else {
        return StorageScope::Site;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    let user_agent = window.navigator().user_agent().unwrap_or_default();
    let gecko_property =
        js_sys::Reflect::has(&window, &JsValue::from_str("mozInnerScreenX")).unwrap_or(false);
    StorageScope::detect(&protocol, &user_agent, gecko_property)
}
