//! Chinese line breaking with 标点禁则.
//!
//! Written by hand: `unicode-linebreak` (UAX #14) treats “ and ” as ambiguous quotes and
//! splits digit runs such as phone numbers; official documents need both handled, and the
//! rule set here is small: break between any two CJK characters, never inside a Latin word
//! or number, never start a line with closing punctuation, never end one with opening.

/// Characters that may not begin a line.
const NO_START: &str = "，。、；：？！）》」』】〕〉’”…—·%‰％,.;:?!)]}、～";
/// Characters that may not end a line.
const NO_END: &str = "（《「『【〔〈‘“([{";

/// One laid-out line: its text, natural width (pt) and whether it ends the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
    pub last: bool,
}

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Latin letters, digits and the characters that glue a number or word together.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | '_' | '@' | '+' | '%')
}

/// Splits text into unbreakable units: one CJK character, or a Latin word / number.
fn units(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        out.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Breaks `text` into lines no wider than `width` (the first line `first_width`), measuring
/// with `measure` (width of a string in pt, including tracking).
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    measure: &dyn Fn(&str) -> f32,
) -> Vec<Line> {
    let us = units(text);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < us.len() {
        let avail = if lines.is_empty() { first_width } else { width };
        let mut w = 0.0;
        let mut j = i;
        while j < us.len() {
            let uw = measure(us[j]);
            if j > i && w + uw > avail + 0.01 {
                break;
            }
            w += uw;
            j += 1;
        }
        if j < us.len() {
            // 禁则: pull characters down so the next line does not start with closing
            // punctuation and this one does not end with opening punctuation.
            let mut k = j;
            while k > i + 1
                && (us[k].chars().next().is_some_and(no_start)
                    || us[k - 1].chars().last().is_some_and(no_end))
            {
                k -= 1;
            }
            if k == i + 1 && us[j].chars().next().is_some_and(no_start) {
                // Nothing to pull: let the punctuation hang on this line instead.
                k = (j + 1).min(us.len());
            }
            j = k;
        }
        let s: String = us[i..j].concat();
        let width = measure(&s);
        lines.push(Line {
            text: s,
            width,
            last: j >= us.len(),
        });
        i = j;
    }
    if lines.is_empty() {
        lines.push(Line {
            text: String::new(),
            width: 0.0,
            last: true,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 pt wide, Latin characters 5 pt.
    fn m(s: &str) -> f32 {
        s.chars()
            .map(|c| if c.is_ascii() { 5.0 } else { 10.0 })
            .sum()
    }

    fn texts(ls: &[Line]) -> Vec<&str> {
        ls.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn fills_lines_greedily() {
        let ls = break_lines("一二三四五六七", 30.0, 30.0, &m);
        assert_eq!(texts(&ls), ["一二三", "四五六", "七"]);
        assert!(ls[2].last && !ls[0].last);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        for p in [
            "，", "。", "、", "；", "：", "？", "！", "）", "》", "”", "」",
        ] {
            let text = format!("一二三{p}四五");
            let ls = break_lines(&text, 30.0, 30.0, &m);
            for l in &ls {
                assert!(!l.text.starts_with(p), "{p}: {:?}", texts(&ls));
            }
            assert_eq!(ls.iter().map(|l| l.text.as_str()).collect::<String>(), text);
        }
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        for p in ["（", "《", "“", "「", "‘"] {
            let text = format!("一二{p}三四五");
            let ls = break_lines(&text, 30.0, 30.0, &m);
            for l in &ls[..ls.len() - 1] {
                assert!(!l.text.ends_with(p), "{p}: {:?}", texts(&ls));
            }
        }
    }

    #[test]
    fn numbers_and_latin_words_are_not_split() {
        let ls = break_lines("电话0731-12345678转", 60.0, 60.0, &m);
        assert!(
            ls.iter().any(|l| l.text.contains("0731-12345678")),
            "{:?}",
            texts(&ls)
        );
        let ls = break_lines("共2025件", 20.0, 20.0, &m);
        assert!(ls.iter().any(|l| l.text == "2025"), "{:?}", texts(&ls));
    }

    #[test]
    fn first_line_can_be_indented() {
        let ls = break_lines("一二三四五", 20.0, 40.0, &m);
        assert_eq!(texts(&ls), ["一二", "三四五"]);
    }
}
