//! Chinese line breaking with 标点禁则.
//!
//! Written by hand: `unicode-linebreak` (UAX #14) treats “ and ” as ambiguous quotes and
//! splits digit runs such as phone numbers; official documents need both handled, and the
//! rule set here is small: break between any two CJK characters, never inside a Latin word,
//! number, web address or e-mail address (unless it is longer than a line, and then only
//! after "/" or "." that is not a decimal point), never start a line with closing punctuation, never end one with opening.

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
    /// The line cut where justification may add space: between two CJK characters or
    /// between a character and a word, never inside a word, number or address.
    /// Concatenated they give `text`.
    pub atoms: Vec<String>,
}

fn no_start(c: char) -> bool {
    NO_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Latin letters, digits and the characters that glue a number, word, web address or
/// e-mail address together.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.' | '/' | '_' | '@' | '+' | '%' | ':' | '?' | '=' | '&' | '#' | '~'
        )
}

/// An unbreakable unit of text; `glued` when no break and no justification space may
/// come before it (a piece of a word split because it is longer than a line).
#[derive(Debug, Clone, Copy)]
struct Unit<'a> {
    text: &'a str,
    glued: bool,
}

/// Splits text into units: one CJK character, or a Latin word / number / address.
fn units<'a>(text: &'a str, width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<Unit<'a>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            words.push(&text[s..i]);
        }
        words.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    let mut out = Vec::new();
    for w in words {
        if w.chars().count() > 1 && measure(w) > width {
            split_long(w, &mut out);
        } else {
            out.push(Unit {
                text: w,
                glued: false,
            });
        }
    }
    out
}

/// A word longer than a line, cut after each "/" (a run of them stays together) or "."
/// (not a decimal point). A piece still longer than a line stays whole: a number is never
/// cut, even if it has to run past the margin.
fn split_long<'a>(w: &'a str, out: &mut Vec<Unit<'a>>) {
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    let mut s = 0;
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let prev = chars[k - 1].1;
        let decimal =
            prev == '.' && c.is_ascii_digit() && k >= 2 && chars[k - 2].1.is_ascii_digit();
        if (prev == '/' && c != '/') || (prev == '.' && !decimal) {
            out.push(Unit {
                text: &w[s..i],
                glued: s > 0,
            });
            s = i;
        }
    }
    out.push(Unit {
        text: &w[s..],
        glued: s > 0,
    });
}

/// Breaks `text` into lines no wider than `width` (the first line `first_width`), measuring
/// with `measure` (width of a string in pt, including tracking).
pub fn break_lines(
    text: &str,
    first_width: f32,
    width: f32,
    measure: &dyn Fn(&str) -> f32,
) -> Vec<Line> {
    let us = units(text, width, measure);
    let mut lines = Vec::new();
    let mut i = 0;
    while i < us.len() {
        let avail = if lines.is_empty() { first_width } else { width };
        let mut w = 0.0;
        let mut j = i;
        while j < us.len() {
            let uw = measure(us[j].text);
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
                && (us[k].text.chars().next().is_some_and(no_start)
                    || us[k - 1].text.chars().last().is_some_and(no_end))
            {
                k -= 1;
            }
            if k == i + 1 && us[j].text.chars().next().is_some_and(no_start) {
                // Nothing to pull: let the punctuation hang on this line instead.
                k = (j + 1).min(us.len());
            }
            j = k;
        }
        let mut atoms: Vec<String> = Vec::new();
        for u in &us[i..j] {
            match atoms.last_mut() {
                Some(a) if u.glued => a.push_str(u.text),
                _ => atoms.push(u.text.to_string()),
            }
        }
        let s: String = atoms.concat();
        let width = measure(&s);
        lines.push(Line {
            text: s,
            width,
            last: j >= us.len(),
            atoms,
        });
        i = j;
    }
    if lines.is_empty() {
        lines.push(Line {
            text: String::new(),
            width: 0.0,
            last: true,
            atoms: Vec::new(),
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
    fn web_and_mail_addresses_move_whole_to_the_next_line() {
        let url = "https://www.xtx.gov.cn/9186/index.htm";
        let text = format!("一二三四（{url}）下载。邮箱：a2022@163.com。");
        // Room for "一二三四（https:" on the first line, not for the address.
        let ls = break_lines(&text, 80.0, 220.0, &m);
        assert_eq!(texts(&ls)[0], "一二三四", "{:?}", texts(&ls));
        assert!(ls[1].text.starts_with(&format!("（{url}）")));
        assert!(ls.iter().any(|l| l.text.contains("a2022@163.com")));
        // Justification may open gaps around the address, never inside it.
        assert!(ls[1].atoms.contains(&url.to_string()), "{:?}", ls[1].atoms);
        assert_eq!(ls[1].atoms.concat(), ls[1].text);
    }

    #[test]
    fn an_address_longer_than_a_line_breaks_only_after_a_slash_or_dot() {
        let url = "https://www.example.gov.cn/col/col1234/index.html";
        let ls = break_lines(url, 100.0, 100.0, &m);
        assert!(ls.len() > 1);
        assert_eq!(texts(&ls).concat(), url);
        for l in &ls[..ls.len() - 1] {
            assert!(
                l.text.ends_with('/') || l.text.ends_with('.'),
                "{:?}",
                texts(&ls)
            );
            assert!(!l.text.ends_with(":/"), "{:?}", texts(&ls));
            assert!(l.width <= 100.0, "{:?}", texts(&ls));
            // A piece of one address is one atom: no justification space inside it.
            assert_eq!(l.atoms.len(), 1, "{:?}", l.atoms);
        }
    }

    #[test]
    fn a_long_number_is_never_cut_not_even_at_its_decimal_point() {
        let ls = break_lines("金额75394432.52万元", 40.0, 40.0, &m);
        assert!(
            ls.iter().any(|l| l.text == "75394432.52"),
            "{:?}",
            texts(&ls)
        );
    }

    #[test]
    fn first_line_can_be_indented() {
        let ls = break_lines("一二三四五", 20.0, 40.0, &m);
        assert_eq!(texts(&ls), ["一二", "三四五"]);
    }
}
