//! PHP `serialize()` output, as WordPress stores it in post meta and ACF stores field settings.
//!
//! The parser is strict on purpose: an import that guesses at damaged data would write wrong
//! values silently, so anything PHP's `serialize()` would not have written is refused with the
//! byte offset where it went wrong.

use serde_json::{Map, Number, Value};

/// Arrays nested deeper than this are refused: WordPress data never comes close, and the
/// parser recurses once per level.
const MAX_DEPTH: usize = 64;

/// Parses PHP serialize() output: N; b:0; b:1; i:-5; d:0.5; (also INF, NAN refused: not JSON),
/// s:LEN:"..."; (LEN in BYTES of UTF-8), a:N:{key;value...} (keys i: or s:). An array whose keys
/// are exactly 0..N-1 in order becomes a JSON array, otherwise an object (integer keys as
/// strings). O:/C: objects, references (r:, R:) are refused. Trailing input after the value is
/// an error. Depth limit 64. Errors: Err(String) naming the byte offset.
pub fn unserialize(input: &str) -> Result<Value, String> {
    if input.is_empty() {
        return Err("byte 0: empty input".to_owned());
    }
    let mut parser = Parser { input, pos: 0 };
    let value = parser.value(0)?;
    if parser.pos != input.len() {
        return Err(parser.error("unexpected input after the value"));
    }
    Ok(value)
}

/// Writes a JSON value as PHP's `serialize()` would write the same PHP value (a map's
/// integer-looking keys as integers, as PHP keeps them), for meta read from WordPress's
/// REST API rather than from an export.
pub fn serialize(v: &Value) -> String {
    let key = |k: &str| match k.parse::<i64>() {
        Ok(i) => format!("i:{i};"),
        Err(_) => format!("s:{}:\"{k}\";", k.len()),
    };
    match v {
        Value::Null => "N;".to_owned(),
        Value::Bool(b) => format!("b:{};", u8::from(*b)),
        Value::Number(n) if n.is_f64() => format!("d:{n};"),
        Value::Number(n) => format!("i:{n};"),
        Value::String(s) => format!("s:{}:\"{s}\";", s.len()),
        Value::Array(a) => format!(
            "a:{}:{{{}}}",
            a.len(),
            a.iter()
                .enumerate()
                .map(|(i, v)| format!("i:{i};{}", serialize(v)))
                .collect::<String>()
        ),
        Value::Object(o) => format!(
            "a:{}:{{{}}}",
            o.len(),
            o.iter()
                .map(|(k, v)| format!("{}{}", key(k), serialize(v)))
                .collect::<String>()
        ),
    }
}

/// Whether a post-meta value looks serialized (starts like `a:`, `s:`, `i:`, `b:`, `d:`, `N;`
/// and parses).
pub fn is_serialized(input: &str) -> bool {
    // The prefix check keeps the common case (plain text meta) from paying for a parse.
    let looks_serialized = input == "N;"
        || matches!(
            input.as_bytes(),
            [b'a' | b's' | b'i' | b'b' | b'd', b':', ..]
        );
    looks_serialized && unserialize(input).is_ok()
}

/// An array key after PHP's own normalisation.
enum Key {
    Int(i64),
    Str(String),
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> String {
        format!("byte {}: {message}", self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        match self.peek() {
            Some(b) if b == byte => {
                self.pos += 1;
                Ok(())
            }
            Some(_) => Err(self.error(&format!("expected '{}'", char::from(byte)))),
            None => Err(self.error(&format!(
                "unexpected end of input, expected '{}'",
                char::from(byte)
            ))),
        }
    }

    /// The text up to (not including) `end`, which is consumed too.
    fn until(&mut self, end: u8, what: &str) -> Result<&str, String> {
        let rest = &self.input.as_bytes()[self.pos..];
        match rest.iter().position(|&b| b == end) {
            Some(len) => {
                let start = self.pos;
                self.pos += len + 1;
                // `end` is ASCII, so both ends of the slice are on character boundaries.
                Ok(&self.input[start..start + len])
            }
            None => Err(self.error(&format!(
                "unterminated {what}: no '{}' before the end of input",
                char::from(end)
            ))),
        }
    }

    /// `[+-]?[0-9]+` as PHP's unserializer accepts it, within the range of a PHP int.
    fn integer(&mut self, end: u8, what: &str) -> Result<i64, String> {
        let start = self.pos;
        let text = self.until(end, what)?;
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("byte {start}: {what} is not an integer: {text:?}"));
        }
        text.parse::<i64>()
            .map_err(|_| format!("byte {start}: {what} is out of range: {text}"))
    }

    fn length(&mut self, end: u8, what: &str) -> Result<usize, String> {
        let start = self.pos;
        let n = self.integer(end, what)?;
        usize::try_from(n).map_err(|_| format!("byte {start}: {what} is negative: {n}"))
    }

    fn value(&mut self, depth: usize) -> Result<Value, String> {
        let start = self.pos;
        let Some(tag) = self.peek() else {
            return Err(self.error("unexpected end of input, expected a value"));
        };
        if tag == b'N' {
            self.pos += 1;
            self.expect(b';')?;
            return Ok(Value::Null);
        }
        if !matches!(self.input.as_bytes().get(self.pos + 1), Some(b':')) {
            return Err(self.error("expected a type letter followed by ':'"));
        }
        match tag {
            b'b' | b'i' | b'd' | b's' | b'a' => self.pos += 2,
            b'O' | b'C' | b'E' => {
                return Err(self.error("PHP objects are not supported"));
            }
            b'r' | b'R' => return Err(self.error("PHP references are not supported")),
            _ => {
                return Err(self.error(&format!(
                    "unknown type '{}'",
                    self.input[self.pos..].chars().next().unwrap_or('?')
                )));
            }
        }
        match tag {
            b'b' => match self.until(b';', "boolean")? {
                "0" => Ok(Value::Bool(false)),
                "1" => Ok(Value::Bool(true)),
                other => Err(format!(
                    "byte {start}: boolean must be 0 or 1, not {other:?}"
                )),
            },
            b'i' => Ok(Value::from(self.integer(b';', "integer")?)),
            b'd' => self.double(start),
            b's' => Ok(Value::String(self.string()?.to_owned())),
            _ => self.array(start, depth),
        }
    }

    fn double(&mut self, start: usize) -> Result<Value, String> {
        let text = self.until(b';', "float")?;
        if matches!(text, "INF" | "-INF" | "NAN") {
            return Err(format!("byte {start}: float {text} has no JSON equivalent"));
        }
        if !is_php_float(text) {
            return Err(format!("byte {start}: not a float: {text:?}"));
        }
        text.parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("byte {start}: float out of range: {text}"))
    }

    /// `LEN:"...";` after the `s:`, where LEN counts bytes, not characters.
    fn string(&mut self) -> Result<&str, String> {
        let len = self.length(b':', "string length")?;
        self.expect(b'"')?;
        let start = self.pos;
        let end = start
            .checked_add(len)
            .filter(|&end| end <= self.input.len())
            .ok_or_else(|| {
                format!(
                    "byte {start}: string of {len} bytes runs past the end of input ({} bytes left)",
                    self.input.len() - start
                )
            })?;
        let Some(text) = self.input.get(start..end) else {
            return Err(format!(
                "byte {end}: string length {len} ends inside a multi-byte character"
            ));
        };
        self.pos = end;
        if self.peek() != Some(b'"') {
            return Err(self.error(&format!(
                "string length {len} does not match: expected '\"' after {len} bytes"
            )));
        }
        self.pos += 1;
        self.expect(b';')?;
        Ok(text)
    }

    fn array(&mut self, start: usize, depth: usize) -> Result<Value, String> {
        if depth >= MAX_DEPTH {
            return Err(format!(
                "byte {start}: arrays nested deeper than {MAX_DEPTH} levels"
            ));
        }
        let count = self.length(b':', "array count")?;
        self.expect(b'{')?;
        // Each entry takes at least 8 bytes (`i:0;N;` plus the braces around), so a count
        // larger than the input cannot be honest; do not let it size an allocation.
        let mut entries = Vec::with_capacity(count.min(self.input.len() / 8));
        for _ in 0..count {
            if self.peek() == Some(b'}') {
                return Err(self.error(&format!(
                    "array declares {count} entries but holds {}",
                    entries.len()
                )));
            }
            let key_at = self.pos;
            let key = self.key()?;
            let value = self.value(depth + 1)?;
            entries.push((key_at, key, value));
        }
        if self.peek() != Some(b'}') {
            return Err(self.error(&format!(
                "array declares {count} entries but holds more, or '}}' is missing"
            )));
        }
        self.pos += 1;

        let is_list = entries
            .iter()
            .enumerate()
            .all(|(i, (_, key, _))| matches!(key, Key::Int(k) if usize::try_from(*k) == Ok(i)));
        if is_list {
            return Ok(Value::Array(
                entries.into_iter().map(|(_, _, value)| value).collect(),
            ));
        }
        let mut map = Map::with_capacity(entries.len());
        for (key_at, key, value) in entries {
            let key = match key {
                Key::Int(k) => k.to_string(),
                Key::Str(s) => s,
            };
            // serialize() never writes a key twice; PHP would keep the last one, but a
            // repeated key means the data was edited or damaged, so say so.
            if map.contains_key(&key) {
                return Err(format!("byte {key_at}: duplicate array key {key:?}"));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }

    fn key(&mut self) -> Result<Key, String> {
        match (self.peek(), self.input.as_bytes().get(self.pos + 1)) {
            (Some(b'i'), Some(b':')) => {
                self.pos += 2;
                Ok(Key::Int(self.integer(b';', "integer key")?))
            }
            (Some(b's'), Some(b':')) => {
                self.pos += 2;
                let key = self.string()?;
                // PHP turns a decimal string key into an integer key when it builds the
                // array, so `s:1:"0"` and `i:0` are the same key there and must be here.
                Ok(match canonical_int(key) {
                    Some(k) => Key::Int(k),
                    None => Key::Str(key.to_owned()),
                })
            }
            (None, _) => Err(self.error("unexpected end of input, expected an array key")),
            _ => Err(self.error("array key must be an integer (i:) or a string (s:)")),
        }
    }
}

/// The integer a string key stands for, by PHP's rule: decimal, no sign but `-`, no leading
/// zero, no `-0`, within range.
fn canonical_int(key: &str) -> Option<i64> {
    let digits = key.strip_prefix('-').unwrap_or(key);
    let canonical = match digits.as_bytes() {
        [b'0'] => digits.len() == key.len(),
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if canonical { key.parse().ok() } else { None }
}

/// The float syntax of PHP's unserializer: `[+-]?` then digits with an optional fraction (or
/// a fraction alone), then an optional exponent.
fn is_php_float(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int)
        && frac.is_none_or(digits)
        && (!int.is_empty() || frac.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(input: &str) -> Value {
        match unserialize(input) {
            Ok(v) => v,
            Err(e) => panic!("{input:?} should parse: {e}"),
        }
    }

    fn refused(input: &str) -> String {
        match unserialize(input) {
            Ok(v) => panic!("{input:?} should be refused, got {v}"),
            Err(e) => {
                assert!(e.starts_with("byte "), "{e:?} names no byte offset");
                e
            }
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(ok("N;"), Value::Null);
        assert_eq!(ok("b:0;"), json!(false));
        assert_eq!(ok("b:1;"), json!(true));
        assert_eq!(ok("i:0;"), json!(0));
        assert_eq!(ok("i:-5;"), json!(-5));
        assert_eq!(ok("i:+7;"), json!(7));
        assert_eq!(ok("i:9223372036854775807;"), json!(i64::MAX));
        assert_eq!(ok("i:-9223372036854775808;"), json!(i64::MIN));
        assert_eq!(ok("d:0.5;"), json!(0.5));
        assert_eq!(ok("d:-1.25;"), json!(-1.25));
        assert_eq!(ok("d:1;"), json!(1.0));
        assert_eq!(ok("d:1.0E+25;"), json!(1.0e25));
        assert_eq!(ok("d:1.5E-7;"), json!(1.5e-7));
        assert_eq!(ok("d:.5;"), json!(0.5));
        assert_eq!(ok("s:0:\"\";"), json!(""));
        assert_eq!(ok("s:5:\"hello\";"), json!("hello"));
        // Quotes and semicolons inside are data: only the length says where the string ends.
        assert_eq!(ok(r#"s:6:"a";b:"";"#), json!(r#"a";b:""#));
        assert_eq!(ok("s:3:\"a\nb\";"), json!("a\nb"));
    }

    #[test]
    fn non_json_floats_refused() {
        for input in ["d:INF;", "d:-INF;", "d:NAN;"] {
            assert!(refused(input).contains("no JSON equivalent"), "{input}");
        }
        for input in ["d:;", "d:1.2.3;", "d:1e;", "d:abc;", "d:.;", "d:1e+;"] {
            refused(input);
        }
    }

    #[test]
    fn multi_byte_strings_count_bytes() {
        assert_eq!(ok("s:6:\"héllo\";"), json!("héllo"));
        assert_eq!(ok("s:4:\"€!\";"), json!("€!"));
        assert_eq!(ok("s:4:\"🙂\";"), json!("🙂"));
        // Counting characters instead of bytes is the classic corruption of serialized data
        // (a search-and-replace in SQL); it must be caught, not misread.
        let e = refused("s:5:\"héllo\";");
        assert!(e.contains("does not match"), "{e}");
        // A length ending inside a character.
        let e = refused("s:2:\"€\";");
        assert!(e.contains("multi-byte"), "{e}");
        let e = refused("s:1:\"é\";");
        assert!(e.contains("multi-byte"), "{e}");
    }

    #[test]
    fn list_or_map() {
        assert_eq!(ok("a:0:{}"), json!([]));
        assert_eq!(
            ok(r#"a:2:{i:0;s:2:"MM";i:1;s:2:"LB";}"#),
            json!(["MM", "LB"])
        );
        // Keys 0..N-1 but out of order: PHP's array_is_list() says no, and so do we.
        assert_eq!(
            ok(r#"a:2:{i:1;s:1:"b";i:0;s:1:"a";}"#),
            json!({"1": "b", "0": "a"})
        );
        // A gap.
        assert_eq!(ok("a:2:{i:0;b:1;i:2;b:0;}"), json!({"0": true, "2": false}));
        // Not starting at zero.
        assert_eq!(ok("a:1:{i:1;N;}"), json!({"1": null}));
        assert_eq!(ok("a:1:{i:-1;N;}"), json!({"-1": null}));
        // Decimal string keys are integer keys in PHP.
        assert_eq!(ok(r#"a:2:{s:1:"0";i:5;i:1;i:6;}"#), json!([5, 6]));
        // ...but not these, which PHP keeps as strings.
        assert_eq!(
            ok(r#"a:3:{s:2:"01";i:1;s:2:"-0";i:2;s:2:"+1";i:3;}"#),
            json!({"01": 1, "-0": 2, "+1": 3})
        );
        // Map order is the order written.
        let map = ok(r#"a:3:{s:1:"z";i:1;s:1:"a";i:2;s:1:"m";i:3;}"#);
        let keys: Vec<_> = map
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap();
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn nested_arrays() {
        let input = r#"a:3:{s:7:"wrapper";a:3:{s:5:"width";s:0:"";s:5:"class";s:0:"";s:2:"id";s:0:"";}s:17:"conditional_logic";a:1:{i:0;a:1:{i:0;a:3:{s:5:"field";s:19:"field_6650c2a1e1107";s:8:"operator";s:2:"==";s:5:"value";s:1:"1";}}}s:7:"choices";a:2:{s:2:"en";s:7:"English";s:2:"fr";s:6:"French";}}"#;
        assert_eq!(
            ok(input),
            json!({
                "wrapper": {"width": "", "class": "", "id": ""},
                "conditional_logic": [[{"field": "field_6650c2a1e1107", "operator": "==", "value": "1"}]],
                "choices": {"en": "English", "fr": "French"},
            })
        );
        let sixty_four = format!("{}N;{}", "a:1:{i:0;".repeat(64), "}".repeat(64));
        let mut expected = Value::Null;
        for _ in 0..64 {
            expected = json!([expected]);
        }
        assert_eq!(ok(&sixty_four), expected);
    }

    #[test]
    fn malformed_refused() {
        let cases = [
            ("", "empty input"),
            ("x", "expected a type letter"),
            ("s:3:\"ab\";", "does not match"),
            ("s:1:\"ab\";", "does not match"),
            ("s:9:\"ab\";", "past the end"),
            ("s:-1:\"\";", "negative"),
            ("s:x:\"\";", "not an integer"),
            ("s:2:ab;", "expected '\"'"),
            ("s:2:\"ab\"", "unexpected end of input, expected ';'"),
            ("s:2:\"ab", "does not match"),
            ("i:5", "unterminated integer"),
            ("i:;", "not an integer"),
            ("i:1.5;", "not an integer"),
            ("i:99999999999999999999;", "out of range"),
            ("b:2;", "0 or 1"),
            ("b:1", "unterminated boolean"),
            ("N", "expected ';'"),
            ("N:", "expected ';'"),
            ("a:1:{i:0;N;", "'}' is missing"),
            ("a:2:{i:0;N;}", "declares 2 entries but holds 1"),
            ("a:1:{i:0;N;i:1;N;}", "holds more"),
            ("a:1:{}", "declares 1 entries but holds 0"),
            ("a:-1:{}", "negative"),
            ("a:1:{N;N;}", "array key must be"),
            ("a:1:{b:1;N;}", "array key must be"),
            ("a:1:{a:0:{}N;}", "array key must be"),
            ("a:1:{i:0;", "expected a value"),
            ("a:1:{i:0;N;", "'}' is missing"),
            ("a:2:{s:1:\"k\";N;s:1:\"k\";N;}", "duplicate array key"),
            ("a:2:{i:1;N;s:1:\"1\";N;}", "duplicate array key"),
            ("a:0:{};", "after the value"),
            ("i:1;i:2;", "after the value"),
            ("N; ", "after the value"),
            (" N;", "expected a type letter"),
            ("s:1:\"a\";garbage", "after the value"),
            ("r:1;", "references"),
            ("R:1;", "references"),
            ("a:2:{i:0;s:1:\"x\";i:1;R:2;}", "references"),
            ("O:8:\"stdClass\":0:{}", "objects"),
            ("C:11:\"ArrayObject\":21:{x:i:0;a:0:{};m:a:0:{}}", "objects"),
            ("E:7:\"Foo:Bar\";", "objects"),
            ("z:1;", "unknown type"),
            ("é:1;", "expected a type letter"),
        ];
        for (input, expected) in cases {
            let e = refused(input);
            assert!(
                e.contains(expected),
                "{input:?} gave {e:?}, not {expected:?}"
            );
        }
    }

    #[test]
    fn errors_name_the_offset() {
        assert_eq!(
            unserialize(r#"a:1:{s:1:"k";s:3:"ab";}"#),
            Err("byte 21: string length 3 does not match: expected '\"' after 3 bytes".into())
        );
        assert_eq!(
            unserialize("a:0:{}x"),
            Err("byte 6: unexpected input after the value".into())
        );
    }

    #[test]
    fn deep_nesting_refused_without_overflow() {
        let sixty_five = format!("{}N;{}", "a:1:{i:0;".repeat(65), "}".repeat(65));
        assert!(refused(&sixty_five).contains("deeper than 64"));
        // Far deeper than any stack would hold if the limit were not there.
        let huge = "a:1:{i:0;".repeat(1_000_000);
        assert!(refused(&huge).contains("deeper than 64"));
    }

    #[test]
    fn lying_count_does_not_allocate() {
        let e = refused("a:4611686018427387903:{}");
        assert!(e.contains("holds 0"), "{e}");
    }

    #[test]
    fn is_serialized_checks_shape_and_parse() {
        for yes in ["N;", "b:1;", "i:3;", "d:0.5;", "s:1:\"a\";", "a:0:{}"] {
            assert!(is_serialized(yes), "{yes}");
        }
        for no in [
            "",
            "N",
            "hello",
            "1",
            "a:",
            "s:5:\"héllo\";",
            "a:1:{}",
            "O:8:\"stdClass\":0:{}",
            "field_6650c2a1e1101",
            "i:3; ",
        ] {
            assert!(!is_serialized(no), "{no}");
        }
    }

    /// Every ACF setting and every serialized-looking meta value in the real export parses.
    #[test]
    fn fixture_acf_settings_and_meta_parse() {
        use crate::import::wxr::{Event, Reader};
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/wordpress/small.wxr.xml"
        );
        let file = std::fs::File::open(path).expect("fixture");
        let mut settings = 0;
        let mut meta = 0;
        for event in Reader::new(std::io::BufReader::new(file)) {
            let Event::Item(item) = event.expect("fixture reads") else {
                continue;
            };
            if matches!(item.post_type.as_str(), "acf-field" | "acf-field-group") {
                let value = unserialize(&item.content)
                    .unwrap_or_else(|e| panic!("item {}: {e}", item.post_id));
                assert!(value.is_object(), "item {}: {value}", item.post_id);
                settings += 1;
            }
            for (key, value) in &item.meta {
                if value.starts_with("a:") {
                    assert!(is_serialized(value), "item {} {key}: {value}", item.post_id);
                    meta += 1;
                }
            }
        }
        assert_eq!(settings, 24);
        assert!(meta > 0);
    }

    /// What the WXR reader hands over keeps `\r\n`, which serialize() counted.
    #[test]
    fn windows_line_ends_in_meta() {
        use crate::import::wxr::{Event, Reader};
        let doc = "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>\
                   <wp:wxr_version>1.2</wp:wxr_version><item><wp:post_id>1</wp:post_id>\
                   <wp:postmeta><wp:meta_key>k</wp:meta_key>\
                   <wp:meta_value><![CDATA[a:1:{s:4:\"text\";s:4:\"a\r\nb\";}]]></wp:meta_value>\
                   </wp:postmeta></item></channel></rss>";
        let item = Reader::new(doc.as_bytes())
            .find_map(|e| match e {
                Ok(Event::Item(item)) => Some(item),
                _ => None,
            })
            .expect("item");
        assert_eq!(ok(&item.meta[0].1), json!({"text": "a\r\nb"}));
    }

    #[test]
    fn fixture_field_settings_values() {
        let settings = ok(
            r#"a:13:{s:10:"aria-label";s:0:"";s:4:"type";s:6:"number";s:12:"instructions";s:0:"";s:8:"required";b:0;s:17:"conditional_logic";b:0;s:7:"wrapper";a:3:{s:5:"width";s:0:"";s:5:"class";s:0:"";s:2:"id";s:0:"";}s:3:"min";i:1990;s:3:"max";i:2030;s:4:"step";i:1;s:13:"default_value";s:0:"";s:11:"placeholder";s:0:"";s:7:"prepend";s:0:"";s:6:"append";s:0:"";}"#,
        );
        assert_eq!(settings["type"], "number");
        assert_eq!(settings["min"], 1990);
        assert_eq!(settings["required"], false);
        assert_eq!(settings["wrapper"]["width"], "");
    }
}
