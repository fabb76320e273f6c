//! Numerals: Arabic (with decimals, thousands separators and PDF stray spaces) and Chinese
//! (一千二百, 两, 十五, 三十万, 一点五, 二〇二五, 大写 壹仟贰佰) read into numbers; the Chinese
//! numeral characters and their values are the table of patterns/numerals.tsv.

/// A number as read from the text: its value and whether it was written with a decimal point
/// (so that "4.0" stays 4.0 in the output while "4" stays 4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimal: bool,
}

impl Number {
    pub fn int(value: f64) -> Number {
        Number {
            value,
            decimal: false,
        }
    }

    /// Multiply by a factor such as 万; a whole result is written as a whole number.
    pub fn scaled(self, factor: f64) -> Number {
        let value = round_sig(self.value * factor);
        Number {
            value,
            decimal: self.decimal && factor == 1.0,
        }
    }

    /// The JSON number: an integer when the text had no decimal point and the value is whole.
    pub fn to_json(self) -> serde_json::Value {
        if !self.decimal && self.value.fract() == 0.0 && self.value.abs() < 9.0e15 {
            serde_json::Value::from(self.value as i64)
        } else {
            serde_json::Number::from_f64(self.value)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null)
        }
    }
}

/// Round away the binary noise of a multiplication (1.2 × 10000 = 12000.000000000002).
pub fn round_sig(x: f64) -> f64 {
    // A whole number below 10^12 comes back as it is (x·10^d stays below 10^13, so the
    // product and the division back are exact), without the logarithm.
    if x.fract() == 0.0 && x.abs() < 1e12 {
        return x;
    }
    round_12_digits(x)
}

/// `x` rounded to 12 significant digits.
fn round_12_digits(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 12 - x.abs().log10().floor() as i32;
    if !(0..=300).contains(&digits) {
        return x;
    }
    let m = 10f64.powi(digits);
    (x * m).round() / m
}

/// Read an Arabic number: "1,200", "4.75", "9 0" (digits split by PDF extraction).
pub fn parse_arabic(text: &str) -> Option<Number> {
    let cleaned: String = text.chars().filter(|c| *c != ',' && *c != ' ').collect();
    if cleaned.is_empty() || cleaned.starts_with('.') || cleaned.ends_with('.') {
        return None;
    }
    let value: f64 = cleaned.parse().ok()?;
    Some(Number {
        value,
        decimal: cleaned.contains('.'),
    })
}

/// What a numeral character is (patterns/numerals.tsv).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Digit(u32),
    /// A place (十 百 千) or a section (万 亿), with its value.
    Magnitude(f64),
    Point,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Numeral {
    kind: Kind,
    daxie: bool,
    scanned: bool,
}

/// The numeral characters of patterns/numerals.tsv, sorted for lookup, with a bit per code
/// point of the Basic Multilingual Plane for the ones the value reader opens a number at.
pub struct Numerals {
    chars: Vec<(char, Numeral)>,
    scanned: Box<[u64; 1024]>,
}

/// The numeral table, embedded (the writing system's, not overridable).
pub const NUMERALS_TSV: &str = include_str!("../../patterns/numerals.tsv");

impl Numerals {
    /// Read the table; an error names the line.
    pub fn parse(text: &str) -> Result<Numerals, String> {
        let mut chars = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |why: &str| format!("numerals.tsv:{}: {why}: {line:?}", i + 1);
            let cols: Vec<&str> = line.split('\t').collect();
            let [ch, kind, value, form, scanned] = cols[..] else {
                return Err(bad("5 columns wanted"));
            };
            let mut it = ch.chars();
            let (Some(c), None) = (it.next(), it.next()) else {
                return Err(bad("one character wanted"));
            };
            let value: f64 = value.parse().map_err(|_| bad("value is no number"))?;
            let kind = match kind {
                "digit" if (0.0..=9.0).contains(&value) && value.fract() == 0.0 => {
                    Kind::Digit(value as u32)
                }
                "place" if [10.0, 100.0, 1000.0].contains(&value) => Kind::Magnitude(value),
                "section" if [1.0e4, 1.0e8].contains(&value) => Kind::Magnitude(value),
                "point" => Kind::Point,
                _ => return Err(bad("kind and value do not agree")),
            };
            let daxie = match form {
                "daxie" => true,
                "plain" | "variant" => false,
                _ => return Err(bad("form is plain, daxie or variant")),
            };
            let scanned = match scanned {
                "yes" => true,
                "no" => false,
                _ => return Err(bad("scanned is yes or no")),
            };
            if chars.iter().any(|(x, _)| *x == c) {
                return Err(bad("listed twice"));
            }
            chars.push((
                c,
                Numeral {
                    kind,
                    daxie,
                    scanned,
                },
            ));
        }
        chars.sort_by_key(|(c, _)| *c);
        let mut bits = Box::new([0u64; 1024]);
        for (c, n) in &chars {
            let cp = *c as usize;
            if n.scanned && cp <= 0xFFFF {
                bits[cp >> 6] |= 1 << (cp & 0x3F);
            }
        }
        Ok(Numerals {
            chars,
            scanned: bits,
        })
    }

    fn get(&self, c: char) -> Option<&Numeral> {
        self.chars
            .binary_search_by_key(&c, |(x, _)| *x)
            .ok()
            .map(|i| &self.chars[i].1)
    }

    /// The numeral characters the value reader opens a number at, in code point order.
    pub fn scanned_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars
            .iter()
            .filter(|(_, n)| n.scanned)
            .map(|(c, _)| *c)
    }

    /// Does the value reader open a number at `c`?
    pub fn is_scanned(&self, c: char) -> bool {
        let cp = c as usize;
        cp <= 0xFFFF && self.scanned[cp >> 6] >> (cp & 0x3F) & 1 != 0
    }
}

/// The embedded numeral table, read once.
pub fn numerals() -> &'static Numerals {
    static TABLE: std::sync::LazyLock<Numerals> =
        std::sync::LazyLock::new(|| Numerals::parse(NUMERALS_TSV).expect("patterns/numerals.tsv"));
    &TABLE
}

/// The digit of a Chinese numeral character (including 大写 forms), if it is one.
pub fn chinese_digit(c: char) -> Option<u32> {
    match numerals().get(c)?.kind {
        Kind::Digit(d) => Some(d),
        _ => None,
    }
}

/// The power of a Chinese magnitude character (十 百 千 万 亿 and 大写 forms).
pub fn chinese_magnitude(c: char) -> Option<f64> {
    match numerals().get(c)?.kind {
        Kind::Magnitude(m) => Some(m),
        _ => None,
    }
}

/// True for the 大写 (financial) numeral characters.
pub fn is_daxie(c: char) -> bool {
    numerals().get(c).is_some_and(|n| n.daxie)
}

/// True for the decimal mark of a numeral (点).
fn is_point(c: char) -> bool {
    numerals().get(c).is_some_and(|n| n.kind == Kind::Point)
}

/// True for characters that can be part of a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    numerals().get(c).is_some()
}

/// Read a Chinese numeral: 一千二百 → 1200, 十五 → 15, 三十万 → 300000, 一点五 → 1.5,
/// 二〇二五 → 2025 (digit by digit), 壹仟贰佰 → 1200.
pub fn parse_chinese(text: &str) -> Option<Number> {
    if text.contains("万万") {
        // 六万万 is an older way of writing 六亿.
        return parse_chinese(&text.replace("万万", "亿"));
    }
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() || !chars.iter().all(|c| is_chinese_numeral_char(*c)) {
        return None;
    }
    if let Some(p) = chars.iter().position(|c| is_point(*c)) {
        let int_part: String = chars[..p].iter().collect();
        let whole = if int_part.is_empty() {
            0.0
        } else {
            parse_chinese(&int_part)?.value
        };
        let mut frac = String::new();
        let mut scale = 1.0;
        for (i, c) in chars[p + 1..].iter().enumerate() {
            match chinese_digit(*c) {
                Some(d) if scale == 1.0 => frac.push(char::from_digit(d, 10)?),
                // 一点五万, 二点三五亿, 一点二万亿: the magnitudes after the decimals scale
                // the whole number, and nothing else follows them.
                _ if i > 0 => scale *= chinese_magnitude(*c).filter(|&m| m >= 1.0e4)?,
                _ => return None,
            }
        }
        if frac.is_empty() || whole >= 1.0e4 {
            return None;
        }
        let value: f64 = format!("{}.{frac}", whole as i64).parse().ok()?;
        return Some(Number {
            value: round_sig(value * scale),
            decimal: true,
        });
    }
    // All digits and at least one zero-like digit, or several digits with no magnitude:
    // read digit by digit (二〇二五, 一九九七).
    if chars.len() >= 4 && chars.iter().all(|c| chinese_digit(*c).is_some()) {
        let mut v = 0.0;
        for c in &chars {
            v = v * 10.0 + chinese_digit(*c)? as f64;
        }
        return Some(Number::int(v));
    }
    // Two or three digits without a magnitude (二三级, 三四个) name a pair of alternatives,
    // not a number.
    if chars.len() > 1 && chars.len() < 4 && chars.iter().all(|c| chinese_digit(*c).is_some()) {
        return None;
    }
    let mut total = 0.0; // the 亿 part and completed 万 parts
    let mut section = 0.0; // below 万
    let mut digit: Option<f64> = None;
    for c in chars {
        if let Some(d) = chinese_digit(c) {
            digit = Some(d as f64);
        } else if let Some(m) = chinese_magnitude(c) {
            if m == 1.0e8 {
                total = (total + section + digit.take().unwrap_or(0.0)).max(1.0) * m;
                section = 0.0;
            } else if m == 1.0e4 {
                let part = (section + digit.take().unwrap_or(0.0)).max(1.0);
                total += part * m;
                section = 0.0;
            } else {
                section += digit.take().unwrap_or(1.0) * m;
            }
        }
    }
    let value = total + section + digit.unwrap_or(0.0);
    Some(Number::int(value))
}

/// Two neighbouring digits before the magnitudes of a numeral (两三千, 七八十, 三四万) name a
/// range of values, from the first digit's to the second's: (2000, 3000), (70, 80).
pub fn neighbour_pair(text: &str) -> Option<(Number, Number)> {
    let mut chars = text.chars();
    let (a, b) = (chinese_digit(chars.next()?)?, chinese_digit(chars.next()?)?);
    let rest = chars.as_str();
    if b != a + 1
        || a == 0
        || rest.is_empty()
        || !rest.chars().all(|c| chinese_magnitude(c).is_some())
    {
        return None;
    }
    let scale = parse_chinese(&format!("一{rest}"))?.value;
    Some((Number::int(a as f64 * scale), Number::int(b as f64 * scale)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_round_to_themselves() {
        let mut next = crate::words::tests::random(5);
        let mut xs: Vec<f64> = (0..13)
            .flat_map(|k| {
                let p = 10f64.powi(k);
                [p, p - 1.0, p + 1.0, -p, 2.0 * p]
            })
            .collect();
        xs.extend((0..20000).map(|_| (next() as f64 * next() as f64) % 1e12));
        for x in xs.into_iter().filter(|x| x.abs() < 1e12) {
            assert_eq!(round_sig(x).to_bits(), round_12_digits(x).to_bits(), "{x}");
        }
    }

    fn cn(s: &str) -> f64 {
        parse_chinese(s).unwrap().value
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(parse_arabic("1,200").unwrap().value, 1200.0);
        assert_eq!(parse_arabic("4.75").unwrap().value, 4.75);
        assert!(parse_arabic("4.0").unwrap().decimal);
        assert_eq!(parse_arabic("9 0").unwrap().value, 90.0);
        assert_eq!(parse_arabic("1 0 .0 6").unwrap().value, 10.06);
        assert!(parse_arabic(".").is_none());
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(cn("一千二百"), 1200.0);
        assert_eq!(cn("两"), 2.0);
        assert_eq!(cn("十五"), 15.0);
        assert_eq!(cn("十"), 10.0);
        assert_eq!(cn("三十万"), 300000.0);
        assert_eq!(cn("一点五"), 1.5);
        assert_eq!(cn("一点五万"), 15000.0);
        let pair = |s: &str| neighbour_pair(s).map(|(a, b)| (a.value, b.value));
        assert_eq!(pair("两三千"), Some((2000.0, 3000.0)));
        assert_eq!(pair("七八十"), Some((70.0, 80.0)));
        assert_eq!(pair("三四万"), Some((30000.0, 40000.0)));
        assert_eq!(pair("三五万"), None);
        assert_eq!(pair("三四"), None);
        assert_eq!(pair("二十"), None);
        assert_eq!(cn("二点三五亿"), 235_000_000.0);
        assert_eq!(cn("一点二万亿"), 1.2e12);
        assert!(parse_chinese("一点五万三").is_none());
        assert!(parse_chinese("一点万").is_none());
        assert_eq!(cn("二〇二五"), 2025.0);
        assert_eq!(cn("一九九七"), 1997.0);
        assert_eq!(cn("壹仟贰佰"), 1200.0);
        assert_eq!(cn("一千零五"), 1005.0);
        assert_eq!(cn("四亿五千万"), 450_000_000.0);
        assert_eq!(cn("九十五"), 95.0);
        assert_eq!(cn("一百二十"), 120.0);
        assert!(parse_chinese("一是").is_none());
        assert!(parse_chinese("二三").is_none());
        assert_eq!(cn("一万亿"), 1.0e12);
        assert_eq!(cn("三万五千"), 35000.0);
        assert_eq!(cn("六万万"), 6.0e8);
    }

    #[test]
    fn the_numeral_table_reads_and_names_bad_lines() {
        let t = numerals();
        assert_eq!(chinese_digit('两'), Some(2));
        assert_eq!(chinese_digit('參'), Some(3));
        assert_eq!(chinese_magnitude('佰'), Some(100.0));
        assert_eq!(chinese_magnitude('億'), Some(1.0e8));
        assert!(is_daxie('仟') && !is_daxie('千'));
        assert!(t.is_scanned('万') && !t.is_scanned('萬') && !t.is_scanned('字'));
        assert!(t.scanned_chars().all(|c| t.is_scanned(c)));
        let err = Numerals::parse("一\tdigit\t1\tplain\tyes\n十\tdigit\t10\tplain\tyes\n")
            .err()
            .unwrap();
        assert!(err.contains(":2:"), "{err}");
        assert!(Numerals::parse("一\tdigit\t1\tplain\n").is_err());
        assert!(Numerals::parse("一\tdigit\t1\tplain\tyes\n一\tdigit\t1\tplain\tyes\n").is_err());
    }

    #[test]
    fn scaled_values_are_whole_when_whole() {
        let n = parse_arabic("1.2").unwrap().scaled(1.0e4);
        assert_eq!(n.value, 12000.0);
        assert_eq!(n.to_json().to_string(), "12000");
        let n = parse_arabic("4.78").unwrap().scaled(1.0e12);
        assert_eq!(n.value, 4.78e12);
        assert_eq!(parse_arabic("4.0").unwrap().to_json().to_string(), "4.0");
        assert_eq!(parse_arabic("95").unwrap().to_json().to_string(), "95");
    }
}
