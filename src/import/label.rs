//! Comparing a label as printed with the template's label.
//!
//! Published reports vary brackets, quotes, spaces and line breaks inside labels, and some
//! shorten a label ("其他法律法规禁止公开"). Labels are compared in a normalised form, and
//! a similarity score decides between near misses.

/// The label reduced to what identifies it: no whitespace or quotes, halfwidth brackets,
/// punctuation and digits, so `（一） 予以公开` and `(一)予以公开` compare equal.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '．' | '。' => '.',
            '／' => '/',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' => continue,
            c if c.is_whitespace() => continue,
            c => c,
        };
        out.push(c);
    }
    out
}

/// The normalised label without its enumeration (`一、`, `(三)`, `1.`), which publishers
/// write inconsistently or drop.
pub fn strip_enumeration(norm: &str) -> &str {
    let mut s = norm;
    // Up to two levels: "三、本年度办理结果(一)予以公开" is not a concern here, but
    // "(三)不予公开1.属于国家秘密" style prefixes are stripped by `ends_with` matching.
    for _ in 0..2 {
        let t = s
            .strip_prefix('(')
            .and_then(|r| {
                let end = r.find(')')?;
                r[..end].chars().all(is_numeral).then(|| &r[end + 1..])
            })
            .or_else(|| {
                let n = s.chars().take_while(|c| is_numeral(*c)).count();
                if n == 0 {
                    return None;
                }
                let rest = &s[s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)..];
                rest.strip_prefix('、')
                    .or_else(|| rest.strip_prefix('.'))
                    .or_else(|| rest.strip_prefix(','))
            });
        match t {
            Some(t) if !t.is_empty() => s = t,
            _ => break,
        }
    }
    s
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// A normalised label with what scoring needs, computed once.
pub struct Prepared {
    pub norm: String,
    stripped_from: usize,
    grams: Vec<(char, char)>,
}

impl Prepared {
    pub fn new(norm: String) -> Prepared {
        let stripped_from = norm.len() - strip_enumeration(&norm).len();
        let grams = grams(&norm[stripped_from..]);
        Prepared {
            norm,
            stripped_from,
            grams,
        }
    }

    pub fn stripped(&self) -> &str {
        &self.norm[self.stripped_from..]
    }
}

/// How well `printed` names `label`, from 0 to 100.
///
/// 100: equal; 95: equal without enumeration; 90: the printed text ends with the label
/// (a group label printed in the same cell); at least 85: the printed text is the start
/// of the label, six characters or more; otherwise the bigram Dice coefficient of the
/// two texts without enumeration.
pub fn score(printed: &Prepared, label: &Prepared) -> u32 {
    if label.norm.is_empty() || printed.norm.is_empty() {
        return 0;
    }
    if printed.norm == label.norm {
        return 100;
    }
    if printed.stripped() == label.stripped() {
        return 95;
    }
    if printed.norm.ends_with(&label.norm) && label.norm.chars().count() >= 2 {
        return 90;
    }
    // A misread character or two (OCR) at the end of the printed text, where a row label
    // sits after its group's label.
    if misread_suffix(&printed.norm, &label.norm) {
        return 80;
    }
    let dice = dice_grams(&printed.grams, &label.grams);
    // The first line of a long label wrapped in its cell ("1.申请人无正当理" of
    // "1.申请人无正当理由逾期不补正、…"): a prefix of six characters or more.
    if printed.stripped().chars().count() >= 6 && label.stripped().starts_with(printed.stripped()) {
        return dice.max(85);
    }
    dice
}

/// Sorted character bigrams.
/// Whether `printed` ends with `label` but for one wrong character in every six (at least
/// five characters compared); numbers and numerals must be right, so "3.其他" never
/// passes for "2.其他".
fn misread_suffix(printed: &str, label: &str) -> bool {
    let l: Vec<char> = label.chars().collect();
    let p: Vec<char> = printed.chars().collect();
    if l.len() < 5 || p.len() < l.len() {
        return false;
    }
    let tail = &p[p.len() - l.len()..];
    let mut wrong = 0;
    for (a, b) in tail.iter().zip(&l) {
        if a != b {
            if is_numeral(*a) || is_numeral(*b) || !is_cjk(*a) || !is_cjk(*b) {
                return false;
            }
            wrong += 1;
        }
    }
    wrong > 0 && wrong <= l.len() / 6
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn grams(s: &str) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = s.chars().zip(s.chars().skip(1)).collect();
    v.sort_unstable();
    v
}

/// Bigram Dice coefficient in percent.
pub fn dice(a: &str, b: &str) -> u32 {
    dice_grams(&grams(a), &grams(b))
}

fn dice_grams(a: &[(char, char)], b: &[(char, char)]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let shared = crate::validate::text::shared_sorted(a, b);
    (200 * shared / (a.len() + b.len())) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_quotes_and_spaces_do_not_matter() {
        assert_eq!(normalize("（一） 予以公开"), normalize("(一)予以公开"));
        assert_eq!(
            normalize("3.危及“三安全一稳定”"),
            normalize("3.危及\"三安全一稳定\"")
        );
        assert_eq!(normalize("结果\n纠正"), "结果纠正");
    }

    #[test]
    fn enumeration_is_stripped() {
        assert_eq!(strip_enumeration("(一)予以公开"), "予以公开");
        assert_eq!(strip_enumeration("一、总体情况"), "总体情况");
        assert_eq!(strip_enumeration("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_enumeration("3.其他"), "其他");
        assert_eq!(strip_enumeration("其他"), "其他");
    }

    #[test]
    fn a_misread_character_at_the_end_still_matches_but_not_a_wrong_number() {
        let p = |s: &str| Prepared::new(normalize(s));
        let l = p("（一）予以公开");
        assert_eq!(score(&p("三、本年度办理结果（一）子以公开"), &l), 80);
        assert_eq!(score(&p("（一）子以公开"), &l), 80);
        assert!(score(&p("（二）子以公开"), &l) < 80);
        assert!(
            score(&p("三、本年度办理结果（一）子以公升"), &l) < 70,
            "two in seven"
        );
        assert!(!misread_suffix(
            "3.信访举报投诉类申请",
            "2.信访举报投诉类申请"
        ));
        assert!(misread_suffix(
            "2.信访举报投拆类申请",
            "2.信访举报投诉类申请"
        ));
    }

    #[test]
    fn scores_rank_exact_over_shortened_over_unrelated() {
        let p = |s: &str| Prepared::new(normalize(s));
        let l = p("2.其他法律行政法规禁止公开");
        assert_eq!(score(&l, &l), 100);
        let short = score(&p("2.其他法律法规禁止公开"), &l);
        assert!((60..95).contains(&short), "{short}");
        assert!(score(&p("2.重复申请"), &l) < 30);
        assert_eq!(score(&p("(一)予以公开"), &p("（一）予以公开")), 100);
        assert_eq!(score(&p("一、予以公开"), &p("（一）予以公开")), 95);
        assert_eq!(
            score(&p("(三) 不予公开1.属于国家秘密"), &p("1.属于国家秘密")),
            90
        );
    }
}
