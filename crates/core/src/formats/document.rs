//! The workbook document: the workbook's own single HTML file with one assessment inside, so
//! the file on the share is the team's copy (open, edit, save, mail). The assessment travels in
//! the JSON exchange format inside an inert block,
//! `<script type="application/json" id="wb-document">…</script>`, which the browser never runs
//! and the workbook reads at start-up.
//!
//! Writing and reading are plain text operations here, so they are tested natively: every `<`
//! of the JSON is written as `\u003c` (still the same JSON), so no text can end the block or
//! open a comment; reading takes the block's text without running anything and hands it to the
//! exchange importer, which validates everything and recomputes the results.

use std::sync::Arc;

use crate::assess::assessment::Assessment;
use crate::formats::exchange::{self, ImportKind, ImportProblem, ImportReport, Severity};
use crate::formats::names;
use crate::model::LoadedModel;
use crate::text::Lang;

/// The id of the block holding the assessment.
pub const SCRIPT_ID: &str = "wb-document";
const OPEN_TAG: &str = "<script type=\"application/json\" id=\"wb-document\">";

/// Why a document could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// The template is not the workbook's page (no `<body>`).
    NotAWorkbook,
}

/// JSON made safe inside a script block: `<` becomes `\u003c`, which JSON reads back as `<`.
/// `<` only occurs inside JSON strings, so the text stays the same JSON.
pub fn escape(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The workbook page `template` with `json` (an exchange file) embedded as its document,
/// replacing any document the template already held.
pub fn write(template: &str, json: &str) -> Result<String, DocumentError> {
    let page = remove_block(template);
    let body = find_ci(&page, "<body").ok_or(DocumentError::NotAWorkbook)?;
    let open_end = page[body..]
        .find('>')
        .map(|i| body + i + 1)
        .ok_or(DocumentError::NotAWorkbook)?;
    let block = format!("\n{OPEN_TAG}{}</script>", escape(json));
    let mut out = String::with_capacity(page.len() + block.len());
    out.push_str(&page[..open_end]);
    out.push_str(&block);
    out.push_str(&page[open_end..]);
    Ok(out)
}

/// The embedded exchange JSON of a workbook document, if the text is one. Nothing in the file
/// is run: the block's text is cut out as it stands.
pub fn read(html: &str) -> Option<&str> {
    let (start, end) = block_range(html)?;
    let tag_end = html[start..end].find('>')? + start + 1;
    let close = find_ci(&html[tag_end..end + 1], "</script")? + tag_end;
    Some(html[tag_end..close].trim())
}

/// Reads a file the user picked: an exchange JSON file, or a workbook document whose embedded
/// assessment is read (never run). Either way everything is validated and recomputed.
pub fn import_any(text: &str, models: &[Arc<LoadedModel>]) -> ImportReport {
    if !looks_like_html(text) {
        return exchange::import(text, models);
    }
    match read(text) {
        Some(json) => exchange::import(json, models),
        None => ImportReport {
            assessment: None,
            model: None,
            carried: None,
            problems: vec![ImportProblem {
                path: "$".into(),
                severity: Severity::Error,
                kind: ImportKind::NotADocument,
            }],
        },
    }
}

/// Whether a text looks like an HTML page rather than JSON.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('<')
}

/// The default file name of a document: project, model, level reached, target and date
/// ([`names::assessment_file`]).
pub fn default_name(model: &LoadedModel, a: &Assessment, lang: Lang, date: &str) -> String {
    names::assessment_file(model, a, lang, date, None, "html")
}

/// The byte range of the document block: from `<script` to the `>` of its `</script>`.
fn block_range(html: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = find_ci(&html[from..], "<script") {
        let start = from + i;
        let tag_end = start + html[start..].find('>')?;
        let tag = &html[start..=tag_end];
        let after = tag_end + 1;
        let close = after + find_ci(&html[after..], "</script")?;
        let end = close + html[close..].find('>')?;
        if is_document_tag(tag) {
            return Some((start, end));
        }
        from = end + 1;
    }
    None
}

/// Whether an opening tag is the document block's (attributes in any order and quoting).
fn is_document_tag(tag: &str) -> bool {
    let t = tag
        .trim_end_matches('>')
        .to_ascii_lowercase()
        .replace(['\'', '"'], "");
    let attrs: Vec<&str> = t.split_whitespace().collect();
    attrs.contains(&format!("id={SCRIPT_ID}").as_str()) && attrs.contains(&"type=application/json")
}

fn remove_block(html: &str) -> String {
    let mut page = html.to_string();
    while let Some((start, end)) = block_range(&page) {
        // Also the line break written before it.
        let start = if page[..start].ends_with('\n') {
            start - 1
        } else {
            start
        };
        page.replace_range(start..=end, "");
    }
    page
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>x</title></head>\n<body class=\"b\">\n<div id=\"wb-app\"></div>\n<script type=\"module\">boot()</script>\n</body></html>\n";

    #[test]
    fn a_written_document_reads_back_the_same_json() {
        let json = r#"{"a": "</script><!-- <b>x</b> -->", "b": "中文"}"#;
        let doc = write(PAGE, json).unwrap();
        let back = read(&doc).unwrap();
        assert!(!back.contains('<'), "no < inside the block");
        let v: serde_json::Value = serde_json::from_str(back).unwrap();
        assert_eq!(v["a"], "</script><!-- <b>x</b> -->");
        assert_eq!(v["b"], "中文");
        // The page around it is intact, and the block comes first in the body.
        assert!(doc.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>x</title></head>\n<body class=\"b\">\n<script type=\"application/json\" id=\"wb-document\">"));
        assert!(doc.ends_with(
            "<div id=\"wb-app\"></div>\n<script type=\"module\">boot()</script>\n</body></html>\n"
        ));
    }

    #[test]
    fn writing_again_replaces_the_earlier_document() {
        let once = write(PAGE, r#"{"n":1}"#).unwrap();
        let twice = write(&once, r#"{"n":2}"#).unwrap();
        assert_eq!(twice.matches("id=\"wb-document\"").count(), 1);
        assert_eq!(read(&twice), Some(r#"{"n":2}"#));
        assert_eq!(twice, write(PAGE, r#"{"n":2}"#).unwrap());
    }

    #[test]
    fn reading_finds_the_block_among_other_scripts_and_nothing_elsewhere() {
        assert_eq!(read(PAGE), None);
        assert_eq!(read("{\"format\":\"x\"}"), None);
        let other = "<body><script>var x = 'id=\"wb-document\"';</script><SCRIPT ID='wb-document' TYPE='application/json'> {\"k\":1} </SCRIPT></body>";
        assert_eq!(read(other), Some("{\"k\":1}"));
        // An unterminated block is not a document.
        assert_eq!(
            read("<body><script type=\"application/json\" id=\"wb-document\">{"),
            None
        );
    }

    #[test]
    fn a_page_without_a_body_is_refused() {
        assert_eq!(write("<p>hi</p>", "{}"), Err(DocumentError::NotAWorkbook));
    }

    #[test]
    fn html_is_told_from_json() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html>"));
        assert!(!looks_like_html(" {\"format\": 1}"));
    }
}
