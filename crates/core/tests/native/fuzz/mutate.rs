//! Mutators: from a corpus of valid files to inputs a reader must survive.
//!
//! [`bytes`] works on any file: bit flips, byte inserts and deletes, truncation, splices of two
//! seeds, deep nesting, long and huge strings, extreme numbers, invalid UTF-8, byte-order marks, markup.
//! [`json`] also changes a JSON seed's structure (a node removed, retyped, duplicated, a key
//! repeated, a string made huge or hostile, a number made huge, nesting made deep) and writes
//! it out again, so most inputs still parse and reach the checks behind the parser.
//! [`document`] does both to a workbook document: to its page, and to the JSON inside it.
//! [`form`] does them to a spreadsheet form: to a CSV's text, and to the parts inside an .xlsx
//! (zipped again with valid checksums), inserting a form's own markers, headers and XML.

use maturity_core::formats::document;
use maturity_core::formats::zip::{self, Part};
use maturity_core::model::form::zip as form_zip;
use serde_json::{Map, Value};

use super::harness::{Mutant, Rng};

/// Strings a reader meets in hostile or careless files.
const STRINGS: &[&str] = &[
    "",
    " ",
    "\u{3000}",
    "\t\n",
    "<script>alert(1)</script>",
    "</script><script>window.__pwned=1</script>",
    "<!--",
    "<img src=x onerror=\"window.__pwned=1\">",
    "{found}",
    "{x}",
    "{",
    "}}{{",
    "\u{202e}evil",
    "\u{0}",
    "\u{feff}",
    "a\u{0}b",
    "e0",
    "e4294967295",
    "e4294967296",
    "e-1",
    "e01",
    "../../x y",
    "CM-VC-VCS",
    "CM-VC-VCS-L2-1",
    "D1-C1-I1",
    "D1-C1-I1-L2-1",
    "zh",
    "en",
    "met",
    "partial",
    "not_met",
    "not_applicable",
    "out_of_scope",
    "document",
    "link",
    "ready",
    "maturity-workbook/model",
    "maturity-workbook/assessment",
    "😀👩‍👩‍👧",
    "中文文本",
    "\u{d7ff}\u{e000}\u{fffd}",
    "NaN",
    "1e999",
];

/// Numbers at the edges of the types readers convert to (as text, some beyond what JSON
/// parsers accept).
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "5",
    "6",
    "1.0",
    "2.5",
    "255",
    "256",
    "65535",
    "65536",
    "2147483647",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1e308",
    "-1e308",
    "1e999",
    "1E2",
    "0.0000000000000000000001",
];

/// Bytes that are not UTF-8 (lone continuation, truncated sequences, overlong, surrogate, 0xFF).
const BAD_UTF8: &[&[u8]] = &[
    b"\x80",
    b"\xc3",
    b"\xe4\xb8",
    b"\xf0\x9f\x98",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xff\xfe",
    b"\xf8\x88\x80\x80\x80",
];

const BOMS: &[&[u8]] = &[
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf\xef\xbb\xbf",
];

/// Bytes that matter to JSON and HTML.
const SPECIAL: &[u8] = b"{}[]\",:\\<>/!-\n\r\t 0e.";

/// Markers written in place of a value or a key, then replaced in the text (something a JSON
/// value cannot hold without a parser refusing it or a stack growing).
const DEEP: &str = "\u{1}deep\u{1}";
const DUP: &str = "\u{1}dup\u{1}";

/// Any mutation of any bytes, stacked one to four times.
pub fn bytes(rng: &mut Rng, seeds: &[Vec<u8>]) -> Mutant {
    let (n, seed) = pick_seed(rng, seeds);
    let mut m = Mutant {
        bytes: seed.clone(),
        how: vec![format!("seed {n}")],
    };
    for _ in 0..1 + rng.below(4) * usize::from(rng.one_in(3)) {
        byte_mutation(rng, seeds, &mut m);
    }
    m
}

/// A mutator for JSON seeds: half the time a structural change of a seed (and sometimes a
/// byte mutation on top), else [`bytes`]. The seeds are parsed once, here.
pub fn json(seeds: &[Vec<u8>]) -> impl Fn(&mut Rng, &[Vec<u8>]) -> Mutant {
    let parsed: Vec<Option<Value>> = seeds
        .iter()
        .map(|s| serde_json::from_slice(s).ok())
        .collect();
    move |rng, seeds| {
        if rng.one_in(2) {
            return bytes(rng, seeds);
        }
        let (n, _) = pick_seed(rng, seeds);
        let Some(value) = parsed.get(n).cloned().flatten() else {
            return bytes(rng, seeds);
        };
        let mut how = vec![format!("seed {n}")];
        let text = json_mutation(rng, value, &mut how);
        let mut m = Mutant {
            bytes: text.into_bytes(),
            how,
        };
        if rng.one_in(4) {
            byte_mutation(rng, seeds, &mut m);
        }
        m
    }
}

/// A workbook document mutated in its page (as bytes), in the JSON it carries (re-embedded
/// escaped, as the workbook writes it, or raw, as a hand-edited file might be), or in the
/// block's tags.
pub fn document(rng: &mut Rng, seeds: &[Vec<u8>]) -> Mutant {
    let (n, seed) = pick_seed(rng, seeds);
    let page = String::from_utf8_lossy(seed).into_owned();
    let Some(block) = Block::find(&page) else {
        return bytes(rng, seeds);
    };
    let mut how = vec![format!("seed {n}")];
    let out = match rng.below(4) {
        0 => return bytes(rng, seeds),
        1 => {
            let json = &page[block.body..block.close];
            let inner = if rng.one_in(3) {
                let mut m = Mutant {
                    bytes: json.as_bytes().to_vec(),
                    how: Vec::new(),
                };
                byte_mutation(rng, seeds, &mut m);
                how.extend(m.how);
                String::from_utf8_lossy(&m.bytes).into_owned()
            } else {
                let value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
                json_mutation(rng, value, &mut how)
            };
            let inner = if rng.one_in(2) {
                how.push("embedded raw".into());
                inner
            } else {
                how.push("embedded escaped".into());
                document::escape(&inner)
            };
            format!("{}{inner}{}", &page[..block.body], &page[block.close..])
        }
        _ => page_mutation(rng, &page, &block, &mut how),
    };
    let mut m = Mutant {
        bytes: out.into_bytes(),
        how,
    };
    if rng.one_in(5) {
        byte_mutation(rng, seeds, &mut m);
    }
    m
}

/// Where a seed's document block is: its `<script` (`open`), the start of its JSON (`body`),
/// its `</script>` (`close`) and the end of that (`end`).
struct Block {
    open: usize,
    body: usize,
    close: usize,
    end: usize,
}

impl Block {
    fn find(page: &str) -> Option<Block> {
        let open = page.find("<script type=\"application/json\" id=\"wb-document\">")?;
        let body = open + page[open..].find('>')? + 1;
        let close = body + page[body..].find("</script>")?;
        Some(Block {
            open,
            body,
            close,
            end: close + "</script>".len(),
        })
    }
}

/// The largest char boundary of `s` at or below `i`.
fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn pick_seed<'a>(rng: &mut Rng, seeds: &'a [Vec<u8>]) -> (usize, &'a Vec<u8>) {
    let n = rng.below(seeds.len());
    (n, &seeds[n])
}

/// A position in `0..=len`.
fn at(rng: &mut Rng, len: usize) -> usize {
    rng.below(len + 1)
}

/// One in this many long strings is megabytes long (they take most of the loop's time).
const HUGE_ONE_IN: usize = 40;

/// A long string: up to 64 KB, once in [`HUGE_ONE_IN`] times 1 to 6 MB, of characters that
/// take one byte, three bytes, or grow when escaped.
fn long(rng: &mut Rng) -> String {
    let bytes = if rng.one_in(HUGE_ONE_IN) {
        (1 + rng.below(6)) * 1024 * 1024
    } else {
        rng.size(64 * 1024)
    };
    let unit = *rng.pick(&["a", "中", "\\\"", "<", " ", "\u{1}"]);
    unit.repeat(bytes.div_ceil(unit.len()))
}

fn nested(rng: &mut Rng) -> String {
    let depth = *rng.pick(&[127usize, 128, 129, 200, 1_000, 100_000]);
    let closed = rng.one_in(2);
    if rng.one_in(2) {
        let mut s = "[".repeat(depth);
        if closed {
            s.push_str(&"]".repeat(depth));
        }
        s
    } else {
        let mut s = "{\"a\":".repeat(depth);
        s.push('1');
        if closed {
            s.push_str(&"}".repeat(depth));
        }
        s
    }
}

fn byte_mutation(rng: &mut Rng, seeds: &[Vec<u8>], m: &mut Mutant) {
    let b = &mut m.bytes;
    let len = b.len();
    let what = match rng.below(16) {
        0 | 1 => {
            for _ in 0..1 + rng.below(8) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
            "bit flips"
        }
        2 => {
            let i = at(rng, len);
            let byte = if rng.one_in(2) {
                *rng.pick(SPECIAL)
            } else {
                rng.next() as u8
            };
            b.insert(i, byte);
            "byte inserted"
        }
        3 => {
            let i = at(rng, len);
            let n = rng.size(64).min(len - i);
            b.drain(i..i + n);
            "bytes deleted"
        }
        4 => {
            b.truncate(at(rng, len));
            "truncated"
        }
        5 | 6 => {
            let (_, other) = pick_seed(rng, seeds);
            let cut = at(rng, len);
            let from = at(rng, other.len());
            b.truncate(cut);
            b.extend_from_slice(&other[from..]);
            "spliced with a seed"
        }
        7 => {
            let i = at(rng, len);
            let n = rng.size(256).min(len - i);
            let chunk = b[i..i + n].to_vec();
            let j = at(rng, len);
            b.splice(j..j, chunk);
            "range repeated"
        }
        8 => {
            let i = at(rng, len);
            let nest = nested(rng);
            b.splice(i..i, nest.into_bytes());
            "deep nesting inserted"
        }
        9 => {
            let i = at(rng, len);
            let s = format!("\"{}\"", long(rng));
            b.splice(i..i, s.into_bytes());
            "long string inserted"
        }
        10 => {
            let i = at(rng, len);
            let n = rng.pick(NUMBERS).as_bytes().to_vec();
            b.splice(i..i, n);
            "number inserted"
        }
        11 => {
            // A run of digits (a number, a level, an evidence id's number) made extreme.
            let starts: Vec<usize> = (0..len)
                .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
                .collect();
            if starts.is_empty() {
                return;
            }
            let s = *rng.pick(&starts);
            let e = (s..len).find(|&i| !b[i].is_ascii_digit()).unwrap_or(len);
            let n = rng
                .pick(NUMBERS)
                .trim_start_matches('-')
                .as_bytes()
                .to_vec();
            b.splice(s..e, n);
            "digits made extreme"
        }
        12 => {
            let i = at(rng, len);
            let bad = rng.pick(BAD_UTF8).to_vec();
            b.splice(i..i, bad);
            "invalid UTF-8"
        }
        13 => {
            let bom = rng.pick(BOMS).to_vec();
            let i = if rng.one_in(2) { 0 } else { at(rng, len) };
            b.splice(i..i, bom);
            "byte-order mark"
        }
        14 => {
            let i = at(rng, len);
            let s = rng.pick(STRINGS).as_bytes().to_vec();
            b.splice(i..i, s);
            "text inserted"
        }
        _ => {
            // A quoted string's content replaced (keeps the JSON valid more often than not).
            let quotes: Vec<usize> = (0..len).filter(|&i| b[i] == b'"').collect();
            if quotes.len() < 2 {
                return;
            }
            let q = rng.below(quotes.len() - 1);
            let (s, e) = (quotes[q] + 1, quotes[q + 1]);
            let with = if rng.one_in(8) {
                long(rng)
            } else {
                let quoted = Value::from(*rng.pick(STRINGS)).to_string();
                quoted[1..quoted.len() - 1].to_string()
            };
            b.splice(s..e, with.into_bytes());
            "string replaced"
        }
    };
    m.how.push(what.into());
}

/// Every node of a JSON tree as a path of steps (index or key).
#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The path of the `n`th node in document order (0 is the root).
fn nth_path(v: &Value, mut n: usize) -> Vec<Step> {
    let mut path = Vec::new();
    let mut node = v;
    while n > 0 {
        n -= 1;
        let children: Vec<(Step, &Value)> = match node {
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, x)| (Step::Index(i), x))
                .collect(),
            Value::Object(o) => o.iter().map(|(k, x)| (Step::Key(k.clone()), x)).collect(),
            _ => break,
        };
        let mut found = false;
        for (step, child) in children {
            let size = count(child);
            if n < size {
                path.push(step);
                node = child;
                found = true;
                break;
            }
            n -= size;
        }
        if !found {
            break;
        }
    }
    path
}

fn node_mut<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match (step, v) {
        (Step::Index(i), Value::Array(a)) => &mut a[*i],
        (Step::Key(k), Value::Object(o)) => o.get_mut(k).expect("a path of this tree"),
        _ => unreachable!("a path of this tree"),
    })
}

/// One to three structural changes, written out as JSON text (pretty or compact).
fn json_mutation(rng: &mut Rng, mut v: Value, how: &mut Vec<String>) -> String {
    let mut deep = None;
    let mut dup = None;
    for _ in 0..1 + rng.below(3) {
        let nodes = count(&v);
        let path = nth_path(&v, rng.below(nodes));
        let parent_path = &path[..path.len().saturating_sub(1)];
        let what = match rng.below(14) {
            0 => {
                // Remove the node from its parent.
                let Some(last) = path.last() else { continue };
                match (last, node_mut(&mut v, parent_path)) {
                    (Step::Index(i), Value::Array(a)) => {
                        a.remove(*i);
                    }
                    (Step::Key(k), Value::Object(o)) => {
                        o.remove(k);
                    }
                    _ => {}
                }
                "node removed"
            }
            1 => {
                *node_mut(&mut v, &path) = Value::Null;
                "node made null"
            }
            2 => {
                let node = node_mut(&mut v, &path);
                *node = match node {
                    Value::String(_) => Value::from(rng.below(10)),
                    Value::Number(_) => Value::from("1"),
                    Value::Object(_) => Value::Array(vec![]),
                    Value::Array(_) => Value::Object(Map::new()),
                    Value::Bool(b) => Value::from(if *b { "true" } else { "false" }),
                    Value::Null => Value::Bool(true),
                };
                "node retyped"
            }
            3 | 4 => {
                // Duplicate an element of an array (a code or an id given twice).
                let Some(Step::Index(i)) = path.last() else {
                    continue;
                };
                if let Value::Array(a) = node_mut(&mut v, parent_path) {
                    let copy = a[*i].clone();
                    let to = rng.below(a.len() + 1);
                    a.insert(to, copy);
                }
                "array element repeated"
            }
            5 => {
                // Swap the node with another node's copy (a subtree where it does not belong).
                let other = nth_path(&v, rng.below(nodes));
                let copy = node_mut(&mut v, &other).clone();
                *node_mut(&mut v, &path) = copy;
                "node replaced by another"
            }
            6 | 7 => {
                let node = node_mut(&mut v, &path);
                *node = Value::from(if rng.one_in(4) {
                    long(rng)
                } else {
                    rng.pick(STRINGS).to_string()
                });
                "string set"
            }
            8 => {
                // A number at an edge: written through a marker, since serde_json's own
                // numbers cannot hold some of these.
                *node_mut(&mut v, &path) =
                    Value::from(format!("\u{1}num{}\u{1}", rng.pick(NUMBERS)));
                "number set"
            }
            9 => {
                if deep.is_some() {
                    continue;
                }
                deep = Some(nested(rng));
                *node_mut(&mut v, &path) = Value::from(DEEP);
                "deep nesting"
            }
            10 => {
                // A key given twice, the first time with another value.
                if dup.is_some() {
                    continue;
                }
                let Some(Step::Key(k)) = path.last() else {
                    continue;
                };
                if let Value::Object(o) = node_mut(&mut v, parent_path) {
                    o.insert(DUP.into(), Value::from(*rng.pick(STRINGS)));
                    dup = Some(k.clone());
                }
                "key repeated"
            }
            11 => {
                let node = node_mut(&mut v, &path);
                if let Value::Object(o) = node {
                    o.insert(
                        rng.pick(STRINGS).to_string(),
                        Value::from(*rng.pick(STRINGS)),
                    );
                } else if let Value::Array(a) = node {
                    a.push(Value::from(*rng.pick(STRINGS)));
                }
                "member added"
            }
            12 => {
                // Rename a key (to another that exists somewhere, or a hostile one).
                let Some(Step::Key(k)) = path.last() else {
                    continue;
                };
                let to = match nth_path(&v, rng.below(nodes)).last() {
                    Some(Step::Key(other)) if !rng.one_in(3) => other.clone(),
                    _ => rng.pick(STRINGS).to_string(),
                };
                if let Value::Object(o) = node_mut(&mut v, parent_path) {
                    if let Some(x) = o.remove(k) {
                        o.insert(to, x);
                    }
                }
                "key renamed"
            }
            _ => {
                let node = node_mut(&mut v, &path);
                if let Value::Array(a) = node {
                    if !a.is_empty() {
                        let n = rng.below(a.len());
                        a.truncate(n);
                    }
                } else if let Value::Object(o) = node {
                    o.clear();
                } else {
                    *node = Value::Bool(false);
                }
                "node emptied"
            }
        };
        how.push(what.into());
    }
    let mut text = if rng.one_in(2) {
        serde_json::to_string_pretty(&v)
    } else {
        serde_json::to_string(&v)
    }
    .unwrap_or_default();
    if let Some(nest) = deep {
        text = text.replacen(&Value::from(DEEP).to_string(), &nest, 1);
    }
    if let Some(key) = dup {
        text = text.replacen(
            &Value::from(DUP).to_string(),
            &Value::from(key).to_string(),
            1,
        );
    }
    while let Some(start) = text.find("\"\\u0001num") {
        let Some(len) = text[start + 10..].find("\\u0001\"") else {
            break;
        };
        let number = text[start + 10..start + 10 + len].to_string();
        text.replace_range(start..start + 10 + len + 7, &number);
    }
    text
}

/// A change to the page around the document block, or to the block's tags.
fn page_mutation(rng: &mut Rng, page: &str, b: &Block, how: &mut Vec<String>) -> String {
    let (before, tag, json, end, after) = (
        &page[..b.open],
        &page[b.open..b.body],
        &page[b.body..b.close],
        &page[b.close..b.end],
        &page[b.end..],
    );
    let (what, out) = match rng.below(12) {
        0 => (
            "block repeated",
            format!("{}{}", &page[..b.end], &page[b.open..]),
        ),
        1 => {
            let tag = *rng.pick(&[
                "<SCRIPT ID='wb-document' TYPE='application/json'>",
                "<script id=wb-document type=application/json>",
                "<script type=\"application/json\" id=\"wb-document\" data-x=\">\">",
                "<script type=\"text/javascript\" id=\"wb-document\">",
                "<script type=\"application/json\" id=\"wb-document2\">",
                "<script\ntype=\"application/json\"\nid=\"wb-document\"\n>",
                "<script type=\"application/json\" id=\"wb-document\"",
                "<script",
            ]);
            (
                "block's tag changed",
                format!("{before}{tag}{json}{end}{after}"),
            )
        }
        2 => {
            let end = *rng.pick(&[
                "</SCRIPT>",
                "</script >",
                "</script",
                "",
                "</scrip>",
                "<\\/script>",
            ]);
            (
                "block's end changed",
                format!("{before}{tag}{json}{end}{after}"),
            )
        }
        3 => (
            "block in a comment",
            format!("{before}<!-- {tag}{json}{end} -->{after}"),
        ),
        4 => {
            let max = if rng.one_in(HUGE_ONE_IN) {
                200_000
            } else {
                20_000
            };
            let n = rng.size(max);
            let many = "<script>".repeat(n);
            (
                "many script tags before",
                format!("{before}{many}{tag}{json}{end}{after}"),
            )
        }
        5 => {
            let max = if rng.one_in(HUGE_ONE_IN) {
                100_000
            } else {
                10_000
            };
            let n = rng.size(max);
            let many = "<script></script>".repeat(n);
            (
                "many empty scripts before",
                format!("{before}{many}{tag}{json}{end}{after}"),
            )
        }
        6 => {
            let big = long(rng);
            (
                "long text before the block",
                format!("{before}{big}{tag}{json}{end}{after}"),
            )
        }
        7 => ("block's JSON emptied", format!("{before}{tag}{end}{after}")),
        8 => {
            let lead = *rng.pick(&["\u{feff}", "  \n", "\u{feff}\u{feff}", "<", "<<<<", "\u{0}"]);
            ("page start changed", format!("{lead}{page}"))
        }
        9 => {
            let json = json.replacen("\\u003c", "</script><script>window.__pwned=1</script><", 1);
            (
                "script breaking out of the block",
                format!("{before}{tag}{json}{end}{after}"),
            )
        }
        10 => {
            let cut = boundary(page, b.body + rng.below(json.len() + 1));
            ("page cut inside the block", page[..cut].to_string())
        }
        _ => (
            "block moved to the end",
            format!("{before}{after}{tag}{json}{end}"),
        ),
    };
    how.push(what.into());
    out
}

/// What matters to a form: its cell markers, level words and headers, CSV's quotes and
/// separators, and in an .xlsx the cells, shared strings, merges and rows at the sheet's edges,
/// entities and Excel's escapes.
const FORM_TOKENS: &[&str] = &[
    "同上",
    "同4级",
    "同上一级",
    "同9级",
    "Same as level 4",
    "1) ",
    "（2）",
    "③",
    "\n说明：",
    "\nNote: ",
    "1级",
    "0级",
    "Level 7",
    "优秀级",
    "能力子项",
    "能力域",
    "ID",
    "编号",
    "级别",
    "要求",
    ",",
    ";",
    "\t",
    "\"",
    "\r\n",
    "\n\n\n",
    ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    "\"a\"\"b\"",
    "</c>",
    "</row>",
    "<row r=\"1048576\">",
    "<row r=\"4294967296\">",
    "<c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c>",
    "<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    "<c t=\"s\"><v>-1</v></c>",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
    "<mergeCell ref=\"A1:A1048576\"/>",
    "<mergeCell ref=\"B2:A1\"/>",
    "</si><si><t>",
    "<t xml:space=\"preserve\"> </t>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\">]>",
    "&a;",
    "&#x0;",
    "&#xD800;",
    "&#1114112;",
    "&amp;amp;",
    "<![CDATA[<c>]]>",
    "_x000D_",
    "_x0000_",
    "_xD800_",
    "<sheet name=\"x\" r:id=\"rId1\"/>",
    "Target=\"../../../x\"",
];

/// The parts of a zip seed (None for a CSV seed), read with the core's zip reader.
fn zip_parts(seed: &[u8]) -> Option<Vec<Part>> {
    let mut archive = form_zip::Archive::open(seed).ok()?;
    let names: Vec<String> = archive.entries.iter().map(|e| e.name.clone()).collect();
    let mut inflate = |_: &str, raw: &[u8], size: usize| {
        miniz_oxide::inflate::decompress_to_vec_with_limit(raw, size).map_err(|e| format!("{e:?}"))
    };
    names
        .into_iter()
        .map(|name| {
            let data = archive.read(&name, &mut inflate).ok()??;
            Some(Part::new(name, data))
        })
        .collect()
}

/// A form token inserted, or a cell-sized run of one repeated.
fn form_token(rng: &mut Rng, m: &mut Mutant) {
    let i = at(rng, m.bytes.len());
    let token = rng.pick(FORM_TOKENS).as_bytes();
    let times = if rng.one_in(8) { rng.size(40_000) } else { 1 };
    m.bytes.splice(i..i, token.repeat(times));
    m.how.push(if times > 1 {
        format!("form token x{times}")
    } else {
        "form token".into()
    });
}

/// A mutator for forms: a CSV seed's bytes or, half the time for an .xlsx seed, one of its
/// parts (the sheet, the shared strings, the workbook …) mutated and zipped again with valid
/// checksums (stored, or deflated), so the XML reader and the recognition are reached; the
/// rest of the time any byte mutation ([`bytes`]) of the file. Form tokens are inserted
/// throughout. The seeds' parts are read once, here.
pub fn form(seeds: &[Vec<u8>]) -> impl Fn(&mut Rng, &[Vec<u8>]) -> Mutant {
    let parts: Vec<Option<Vec<Part>>> = seeds.iter().map(|s| zip_parts(s)).collect();
    move |rng: &mut Rng, seeds: &[Vec<u8>]| {
        let (n, seed) = pick_seed(rng, seeds);
        let Some(parts) = parts[n].as_ref().filter(|_| rng.one_in(2)) else {
            let mut m = if rng.one_in(2) {
                let mut m = Mutant {
                    bytes: seed.clone(),
                    how: vec![format!("seed {n}")],
                };
                form_token(rng, &mut m);
                m
            } else {
                bytes(rng, seeds)
            };
            if rng.one_in(4) {
                form_token(rng, &mut m);
            }
            return m;
        };
        let mut parts = parts.clone();
        let k = rng.below(parts.len());
        let mut m = Mutant {
            bytes: std::mem::take(&mut parts[k].data),
            how: vec![format!("seed {n}"), format!("part {}", parts[k].name)],
        };
        let datas: Vec<Vec<u8>> = parts.iter().map(|p| p.data.clone()).collect();
        for _ in 0..1 + rng.below(3) {
            if rng.one_in(2) {
                form_token(rng, &mut m);
            } else {
                byte_mutation(rng, &datas, &mut m);
            }
        }
        parts[k].data = std::mem::take(&mut m.bytes);
        if rng.one_in(3) {
            for p in &mut parts {
                p.deflated = Some(miniz_oxide::deflate::compress_to_vec(&p.data, 1));
            }
            m.how.push("deflated".into());
        }
        if rng.one_in(10) {
            let other = rng.below(parts.len());
            parts.swap(k, other);
            m.how.push("parts reordered".into());
        }
        m.bytes = zip::write(&parts);
        if rng.one_in(8) {
            byte_mutation(rng, seeds, &mut m);
        }
        m
    }
}
