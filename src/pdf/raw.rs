//! Reading typst's exported PDF without parsing all of it: its cross-reference table,
//! each object's bytes, and a parser for the few objects the finishing step changes
//! (catalog, page tree, a placeholder page's resources, typst's outline).
//!
//! The input is typst's own output (a classic cross-reference table, every object
//! listed), not an untrusted file: supplied PDFs are read by `supplied` instead.

use std::ops::Range;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// An exported PDF, indexed.
pub(super) struct RawPdf<'a> {
    bytes: &'a [u8],
    /// Per object number, the bytes between `N G obj` and `endobj` (trimmed), if in use.
    bodies: Vec<Option<Range<usize>>>,
    /// The bytes before the first object: the `%PDF-` line and the binary mark.
    pub header: &'a [u8],
    /// The trailer dictionary.
    pub trailer: Dictionary,
}

impl<'a> RawPdf<'a> {
    /// Indexes `bytes` from their cross-reference table.
    pub fn read(bytes: &'a [u8]) -> Result<Self, String> {
        let start = rfind(bytes, b"startxref").ok_or("no startxref")?;
        let mut at = start + b"startxref".len();
        let xref = match parse_value(bytes, &mut at) {
            Some(Object::Integer(offset)) => {
                usize::try_from(offset).map_err(|_| "bad startxref")?
            }
            _ => return Err("bad startxref".into()),
        };
        let mut at = xref;
        skip_space(bytes, &mut at);
        if !bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(b"xref"))
        {
            return Err("no cross-reference table (a cross-reference stream?)".into());
        }
        at += 4;
        let mut offsets: Vec<(u32, usize)> = Vec::new();
        let mut size = 0u32;
        loop {
            skip_space(bytes, &mut at);
            if bytes[at..].starts_with(b"trailer") {
                at += b"trailer".len();
                break;
            }
            let (Some(Object::Integer(first)), Some(Object::Integer(count))) =
                (parse_value(bytes, &mut at), parse_value(bytes, &mut at))
            else {
                return Err("bad cross-reference subsection".into());
            };
            for number in first..first + count {
                skip_space(bytes, &mut at);
                let entry = bytes
                    .get(at..at + 18)
                    .ok_or("truncated cross-reference table")?;
                at += 18;
                let offset = std::str::from_utf8(&entry[..10])
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok())
                    .ok_or("bad cross-reference entry")?;
                let number = u32::try_from(number).map_err(|_| "bad object number")?;
                size = size.max(number + 1);
                if entry[17] == b'n' {
                    offsets.push((number, offset));
                }
            }
        }
        let trailer = match parse_value(bytes, &mut at) {
            Some(Object::Dictionary(dict)) => dict,
            _ => return Err("bad trailer".into()),
        };
        // An object ends where the next one (or the table) starts.
        let mut starts: Vec<usize> = offsets.iter().map(|&(_, offset)| offset).collect();
        starts.push(xref);
        starts.sort_unstable();
        let mut bodies = vec![None; size as usize];
        for &(number, offset) in &offsets {
            let end = starts
                .get(starts.partition_point(|&s| s <= offset))
                .copied()
                .ok_or("object offset out of range")?;
            let object = bytes.get(offset..end).ok_or("object offset out of range")?;
            let open = find(object, b"obj").ok_or("object without `obj`")? + 3;
            let mut body = offset + open..end;
            while body.start < body.end && is_space(bytes[body.start]) {
                body.start += 1;
            }
            trim_end(bytes, &mut body);
            if bytes[body.clone()].ends_with(b"endobj") {
                body.end -= b"endobj".len();
                trim_end(bytes, &mut body);
            }
            bodies[number as usize] = Some(body);
        }
        let header = &bytes[..starts.first().copied().unwrap_or(0)];
        Ok(Self {
            bytes,
            bodies,
            header,
            trailer,
        })
    }

    /// One more than the highest object number.
    pub fn size(&self) -> u32 {
        self.bodies.len() as u32
    }

    /// The bytes of object `number` (its value, or a stream's dictionary, data and
    /// `endstream`), if in use.
    pub fn body(&self, number: u32) -> Option<&'a [u8]> {
        let range = self.bodies.get(number as usize)?.clone()?;
        Some(&self.bytes[range])
    }

    /// Object `id` parsed; a stream as its dictionary only.
    pub fn object(&self, id: ObjectId) -> Option<Object> {
        let body = self.body(id.0)?;
        parse_value(body, &mut 0)
    }

    /// The dictionary `object` is or refers to.
    pub fn dictionary(&self, object: &Object) -> Option<Dictionary> {
        match object {
            Object::Reference(id) => match self.object(*id)? {
                Object::Dictionary(dict) => Some(dict),
                _ => None,
            },
            Object::Dictionary(dict) => Some(dict.clone()),
            _ => None,
        }
    }

    /// The pages in order, from the page tree under `catalog`.
    pub fn pages(&self, catalog: &Dictionary) -> Option<Vec<ObjectId>> {
        let root = catalog.get(b"Pages").ok()?.as_reference().ok()?;
        let mut pages = Vec::new();
        let mut stack = vec![root];
        // A bound on the walk: no node is visited more often than there are objects.
        let mut budget = self.bodies.len();
        while let Some(id) = stack.pop() {
            budget = budget.checked_sub(1)?;
            let node = self.dictionary(&Object::Reference(id))?;
            match node.get(b"Kids") {
                Ok(Object::Array(kids)) => {
                    stack.extend(kids.iter().rev().filter_map(|k| k.as_reference().ok()))
                }
                _ => pages.push(id),
            }
        }
        Some(pages)
    }

    /// The objects of the outline whose root is `root`: the root and every entry.
    pub fn outline(&self, root: ObjectId) -> Vec<ObjectId> {
        let mut found = Vec::new();
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if found.contains(&id) || found.len() > self.bodies.len() {
                continue;
            }
            found.push(id);
            if let Some(item) = self.dictionary(&Object::Reference(id)) {
                for key in [b"First".as_slice(), b"Next"] {
                    if let Ok(next) = item.get(key).and_then(Object::as_reference) {
                        stack.push(next);
                    }
                }
            }
        }
        found
    }
}

/// Whether `body` (an object's bytes) is a stream.
pub(super) fn is_stream(body: &[u8]) -> bool {
    body.ends_with(b"endstream")
        && body.len() > 9
        && matches!(body[body.len() - 10], b'\n' | b'\r' | b' ' | b'\t' | b'>')
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(
        byte,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn trim_end(bytes: &[u8], range: &mut Range<usize>) {
    while range.end > range.start && is_space(bytes[range.end - 1]) {
        range.end -= 1;
    }
}

/// Skips white space and comments.
fn skip_space(bytes: &[u8], at: &mut usize) {
    while let Some(&byte) = bytes.get(*at) {
        if is_space(byte) {
            *at += 1;
        } else if byte == b'%' {
            while bytes.get(*at).is_some_and(|&b| b != b'\n' && b != b'\r') {
                *at += 1;
            }
        } else {
            break;
        }
    }
}

fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

fn rfind(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).rposition(|w| w == needle)
}

/// The run of regular characters at `at`.
fn word<'b>(bytes: &'b [u8], at: &mut usize) -> &'b [u8] {
    let start = *at;
    while bytes
        .get(*at)
        .is_some_and(|&b| !is_space(b) && !is_delimiter(b))
    {
        *at += 1;
    }
    &bytes[start..*at]
}

/// Parses the value at `at` (after white space), moving past it; `None` on anything
/// that is not a value (a keyword such as `stream`, or malformed bytes).
pub(super) fn parse_value(bytes: &[u8], at: &mut usize) -> Option<Object> {
    parse_nested(bytes, at, 0)
}

/// The nesting typst writes is shallow; a bound keeps a damaged file from recursing.
const MAX_DEPTH: usize = 64;

fn parse_nested(bytes: &[u8], at: &mut usize, depth: usize) -> Option<Object> {
    if depth > MAX_DEPTH {
        return None;
    }
    skip_space(bytes, at);
    match *bytes.get(*at)? {
        b'<' if bytes.get(*at + 1) == Some(&b'<') => {
            *at += 2;
            let mut dict = Dictionary::new();
            loop {
                skip_space(bytes, at);
                if bytes[*at..].starts_with(b">>") {
                    *at += 2;
                    return Some(Object::Dictionary(dict));
                }
                let Object::Name(key) = parse_nested(bytes, at, depth + 1)? else {
                    return None;
                };
                let value = parse_nested(bytes, at, depth + 1)?;
                dict.set(key, value);
            }
        }
        b'<' => {
            *at += 1;
            let end = *at + bytes[*at..].iter().position(|&b| b == b'>')?;
            let digits: Vec<u8> = bytes[*at..end]
                .iter()
                .copied()
                .filter(|b| !is_space(*b))
                .collect();
            *at = end + 1;
            let mut decoded = Vec::with_capacity(digits.len() / 2 + 1);
            for pair in digits.chunks(2) {
                let hex = |b: u8| (b as char).to_digit(16);
                let high = hex(pair[0])?;
                let low = pair.get(1).map_or(Some(0), |&b| hex(b))?;
                decoded.push((high * 16 + low) as u8);
            }
            Some(Object::String(decoded, StringFormat::Hexadecimal))
        }
        b'[' => {
            *at += 1;
            let mut items = Vec::new();
            loop {
                skip_space(bytes, at);
                if bytes.get(*at) == Some(&b']') {
                    *at += 1;
                    return Some(Object::Array(items));
                }
                items.push(parse_nested(bytes, at, depth + 1)?);
            }
        }
        b'(' => literal_string(bytes, at),
        b'/' => {
            *at += 1;
            let raw = word(bytes, at);
            let mut name = Vec::with_capacity(raw.len());
            let mut i = 0;
            while i < raw.len() {
                let decoded = (raw[i] == b'#')
                    .then(|| raw.get(i + 1..i + 3))
                    .flatten()
                    .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                match decoded {
                    Some(byte) => {
                        name.push(byte);
                        i += 3;
                    }
                    None => {
                        name.push(raw[i]);
                        i += 1;
                    }
                }
            }
            Some(Object::Name(name))
        }
        _ => {
            let token = word(bytes, at);
            match token {
                b"true" => Some(Object::Boolean(true)),
                b"false" => Some(Object::Boolean(false)),
                b"null" => Some(Object::Null),
                _ => number(bytes, at, token),
            }
        }
    }
}

/// A number, or a reference `N G R` when one follows.
fn number(bytes: &[u8], at: &mut usize, token: &[u8]) -> Option<Object> {
    let text = std::str::from_utf8(token).ok()?;
    if let Ok(integer) = text.parse::<i64>() {
        // `N G R`: look ahead without consuming unless it is one.
        let mut ahead = *at;
        skip_space(bytes, &mut ahead);
        let generation = word(bytes, &mut ahead);
        if let Ok(generation) = std::str::from_utf8(generation).unwrap_or("").parse::<u16>() {
            skip_space(bytes, &mut ahead);
            if word(bytes, &mut ahead) == b"R" {
                *at = ahead;
                return Some(Object::Reference((
                    u32::try_from(integer).ok()?,
                    generation,
                )));
            }
        }
        return Some(Object::Integer(integer));
    }
    let real = if let Some(rest) = text.strip_prefix('.') {
        format!("0.{rest}").parse::<f32>().ok()
    } else if let Some(rest) = text.strip_prefix("-.") {
        format!("-0.{rest}").parse::<f32>().ok()
    } else {
        text.parse::<f32>().ok()
    };
    real.filter(|r| r.is_finite()).map(Object::Real)
}

/// A literal string `( ... )`: balanced parentheses, escapes decoded.
fn literal_string(bytes: &[u8], at: &mut usize) -> Option<Object> {
    *at += 1;
    let mut open = 1usize;
    let mut out = Vec::new();
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        match byte {
            b'\\' => {
                let escaped = *bytes.get(*at)?;
                *at += 1;
                match escaped {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(0x08),
                    b'f' => out.push(0x0c),
                    b'0'..=b'7' => {
                        let mut value = u32::from(escaped - b'0');
                        for _ in 0..2 {
                            match bytes.get(*at) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    *at += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(value as u8);
                    }
                    // A line continuation.
                    b'\r' => {
                        if bytes.get(*at) == Some(&b'\n') {
                            *at += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                open += 1;
                out.push(byte);
            }
            b')' => {
                open -= 1;
                if open == 0 {
                    return Some(Object::String(out, StringFormat::Literal));
                }
                out.push(byte);
            }
            _ => out.push(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Object> {
        parse_value(text.as_bytes(), &mut 0)
    }

    #[test]
    fn values_parse_as_lopdf_reads_them() {
        let object = parse(
            "<< /Type /Page /Kids [3 0 R 4 0 R] /N -2 /R .5 /S (a\\(b\\)\\101) /H <FEFF0041> /B true /Z null /A#20B 1 >>",
        )
        .unwrap();
        let dict = object.as_dict().unwrap();
        assert_eq!(dict.get(b"Type").unwrap().as_name().unwrap(), b"Page");
        assert_eq!(
            dict.get(b"Kids").unwrap().as_array().unwrap(),
            &vec![Object::Reference((3, 0)), Object::Reference((4, 0))]
        );
        assert_eq!(dict.get(b"N").unwrap().as_i64().unwrap(), -2);
        assert_eq!(dict.get(b"R").unwrap().as_float().unwrap(), 0.5);
        assert_eq!(dict.get(b"S").unwrap().as_str().unwrap(), b"a(b)A");
        assert_eq!(
            dict.get(b"H").unwrap().as_str().unwrap(),
            &[0xFE, 0xFF, 0, 0x41]
        );
        assert!(dict.get(b"B").unwrap().as_bool().unwrap());
        assert_eq!(dict.get(b"A B").unwrap().as_i64().unwrap(), 1);
    }

    #[test]
    fn a_stream_is_recognised_by_its_end() {
        assert!(is_stream(b"<< /Length 2 >>\nstream\nab\nendstream"));
        assert!(!is_stream(b"<< /A /endstream"));
        assert!(!is_stream(b"[1 2]"));
    }

    #[test]
    fn a_damaged_value_is_refused_not_panicked_on() {
        for text in ["<< /A", "[1 2", "(open", "<< 1 2 >>", "<zz>"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_written_pdf_is_indexed() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(lopdf::dictionary! { "Type" => "Page", "Parent" => pages });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference(page)], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        // typst writes a classic table, which is what is indexed.
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let raw = RawPdf::read(&bytes).unwrap();
        let root = raw.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let catalog = raw.dictionary(&Object::Reference(root)).unwrap();
        assert_eq!(raw.pages(&catalog).unwrap(), vec![page]);
        assert!(raw.header.starts_with(b"%PDF-1.7"));
    }
}
