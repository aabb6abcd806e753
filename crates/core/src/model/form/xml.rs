//! A small XML reader for the parts of a spreadsheet a form needs (the workbook, its
//! relationships, shared strings, sheets): elements, attributes and text, one pass, no
//! allocation but for text with escapes.
//!
//! Hostile input stays harmless: a document type declaration (where entities would be
//! declared) is refused, never expanded; only the five predefined entities and character
//! references are decoded, anything else stays as it is written; every step moves forward, so
//! the time is linear in the size of the part.

use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// An opening tag (`empty` when it closes itself: `<c r="A1"/>`). The name without its
    /// namespace prefix; the attributes as written, read with [`attr`].
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    End {
        name: &'a str,
    },
    Text(Cow<'a, str>),
}

/// Why a part cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlError {
    /// A `<!DOCTYPE …>`: Office never writes one; entity declarations are not expanded.
    Doctype,
    /// Broken markup (an unclosed tag, comment or section).
    Broken(&'static str),
}

pub struct Reader<'a> {
    s: &'a str,
    pos: usize,
}

/// The name without its namespace prefix (`x:row` → `row`).
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

impl<'a> Reader<'a> {
    pub fn new(s: &'a str) -> Reader<'a> {
        Reader {
            s: s.trim_start_matches('\u{feff}'),
            pos: 0,
        }
    }

    fn skip_past(&mut self, end: &str, what: &'static str) -> Result<&'a str, XmlError> {
        let rest = &self.s[self.pos..];
        let i = rest.find(end).ok_or(XmlError::Broken(what))?;
        self.pos += i + end.len();
        Ok(&rest[..i])
    }

    /// The next element boundary or text, or None at the end.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Event<'a>>, XmlError> {
        loop {
            let rest = &self.s[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Ok(Some(Event::Text(unescape(&rest[..end]))));
            }
            if rest.starts_with("<?") {
                self.skip_past("?>", "processing instruction")?;
                continue;
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->", "comment")?;
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                self.pos += 9;
                let text = self.skip_past("]]>", "CDATA section")?;
                return Ok(Some(Event::Text(Cow::Borrowed(text))));
            }
            if rest.starts_with("<!") {
                return Err(XmlError::Doctype);
            }
            let tag = self.skip_past(">", "tag")?;
            let tag = &tag[1..];
            if let Some(name) = tag.strip_prefix('/') {
                return Ok(Some(Event::End {
                    name: local(name.trim()),
                }));
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let split = tag
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(tag.len());
            return Ok(Some(Event::Start {
                name: local(&tag[..split]),
                attrs: &tag[split..],
                empty,
            }));
        }
    }

    /// The text up to the end of the element just opened (`<t>…</t>`), nested elements'
    /// text included; the reader is left after its end tag.
    pub fn text_until_end(&mut self, name: &str) -> Result<String, XmlError> {
        let mut out = String::new();
        let mut depth = 0usize;
        while let Some(ev) = self.next()? {
            match ev {
                Event::Text(t) => out.push_str(&t),
                Event::Start { empty: false, .. } => depth += 1,
                Event::Start { .. } => {}
                Event::End { name: n } if depth == 0 && n == name => return Ok(out),
                Event::End { .. } => depth = depth.saturating_sub(1),
            }
        }
        Err(XmlError::Broken("element not closed"))
    }

    /// Skips to the end of the element just opened (nested ones included).
    pub fn skip_element(&mut self) -> Result<(), XmlError> {
        let mut depth = 0usize;
        while let Some(ev) = self.next()? {
            match ev {
                Event::Start { empty: false, .. } => depth += 1,
                Event::End { .. } if depth == 0 => return Ok(()),
                Event::End { .. } => depth -= 1,
                _ => {}
            }
        }
        Err(XmlError::Broken("element not closed"))
    }
}

/// The value of an attribute by its name without prefix (`r:id` is found as `id`).
pub fn attr<'a>(attrs: &'a str, key: &str) -> Option<Cow<'a, str>> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = &after[1..];
        let close = body.find(quote)?;
        if local(name) == key {
            return Some(unescape(&body[..close]));
        }
        rest = &body[close + 1..];
    }
}

/// Decodes the predefined entities and character references; anything else is left as written.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_text() {
        let mut r = Reader::new(
            "<?xml version=\"1.0\"?><!-- c --><x:row r='5' spans=\"1:3\"><c r=\"A5\" t=\"s\"><v>1&amp;2 &#x4E2D;&#25991; &bogus; &</v></c><c/></x:row>",
        );
        let Some(Event::Start { name, attrs, empty }) = r.next().unwrap() else {
            panic!()
        };
        assert_eq!((name, empty), ("row", false));
        assert_eq!(attr(attrs, "r").as_deref(), Some("5"));
        assert_eq!(attr(attrs, "spans").as_deref(), Some("1:3"));
        assert_eq!(attr(attrs, "t"), None);
        let Some(Event::Start { attrs, .. }) = r.next().unwrap() else {
            panic!()
        };
        assert_eq!(attr(attrs, "t").as_deref(), Some("s"));
        assert!(matches!(
            r.next().unwrap(),
            Some(Event::Start { name: "v", .. })
        ));
        assert_eq!(r.text_until_end("v").unwrap(), "1&2 中文 &bogus; &");
        assert_eq!(r.next().unwrap(), Some(Event::End { name: "c" }));
        assert!(matches!(
            r.next().unwrap(),
            Some(Event::Start { empty: true, .. })
        ));
        assert_eq!(r.next().unwrap(), Some(Event::End { name: "row" }));
        assert_eq!(r.next().unwrap(), None);
    }

    #[test]
    fn entity_declarations_are_refused_never_expanded() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><t>&lol2;</t>";
        let mut r = Reader::new(bomb);
        assert_eq!(r.next(), Err(XmlError::Doctype));
    }

    #[test]
    fn broken_markup_is_an_error_not_a_panic() {
        for s in [
            "<a",
            "<!-- x",
            "<![CDATA[ x",
            "<?x",
            "<a><b>",
            "<>",
            "</>",
            "<a b='>",
        ] {
            let mut r = Reader::new(s);
            let mut steps = 0;
            while let Ok(Some(_)) = r.next() {
                steps += 1;
                assert!(steps < 100);
            }
        }
        let mut r = Reader::new("<t>abc");
        r.next().unwrap();
        assert!(r.text_until_end("t").is_err());
    }
}
