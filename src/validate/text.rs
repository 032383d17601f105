//! Text measures used by the soft warnings.

use std::ops::Range;

/// Characters as the format counts them (whitespace excluded).
pub fn char_count(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Share (in percent) of this text's character bigrams that also occur in `last`;
/// `None` when either text is too short to compare.
pub fn overlap_percent(this: &str, last: &str) -> Option<u32> {
    // Sorted, deduplicated packed bigrams: a merge walk is cheaper than hashing.
    let grams = |s: &str| {
        let mut prev: Option<char> = None;
        let mut v: Vec<u64> = Vec::with_capacity(s.len() / 3);
        for c in s.chars() {
            if c.is_whitespace() || c.is_ascii_punctuation() || is_cjk_punct(c) {
                continue;
            }
            if let Some(p) = prev {
                v.push((u64::from(p) << 32) | u64::from(c));
            }
            prev = Some(c);
        }
        v.sort_unstable();
        v.dedup();
        v
    };
    let a = grams(this);
    if a.len() < 20 {
        return None;
    }
    let b = grams(last);
    if b.len() < 20 {
        return None;
    }
    Some((shared_sorted(&a, &b) * 100 / a.len()) as u32)
}

/// Elements two sorted slices share (a merge walk: cheaper than hashing for bigrams).
pub fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Occurrences of `year` written as a year (`2024年`, `2024年度`) that are not part of a
/// document number (`〔2024〕`) or a longer number, nor — unless `dates_too` — of a date
/// (`2024年12月`: narrative may cite a past date; the header's 统计期限 may not).
pub fn stale_years(text: &str, year: i32, dates_too: bool) -> Vec<Range<usize>> {
    let needle = year.to_string();
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find(&needle) {
        let start = from + pos;
        let end = start + needle.len();
        from = end;
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        // Inside a document title (《2024年政务公开工作要点》) the year is a citation.
        if text[..start].matches('《').count() > text[..start].matches('》').count() {
            continue;
        }
        let rest = &text[end..];
        let Some(after) = rest.strip_prefix('年') else {
            continue;
        };
        // A date such as 2024年12月31日 cites a moment, not the reporting year.
        let after = after.trim_start();
        if !dates_too
            && after.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            && after.contains('月')
            && after
                .chars()
                .take_while(|c| *c != '月')
                .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        {
            continue;
        }
        let len = if after.starts_with('度') {
            3 + '度'.len_utf8()
        } else {
            3
        };
        out.push(start..end + len);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_years_skip_dates_and_document_numbers() {
        let t = "2024年，我局围绕2024年度重点工作，依据国办公开办函〔2024〕30号和《2024年政务公开工作要点》，于2024年12月31日前完成。";
        let found: Vec<&str> = stale_years(t, 2024, false)
            .iter()
            .map(|r| &t[r.clone()])
            .collect();
        assert_eq!(found, vec!["2024年", "2024年度"]);
        let period = "统计期限自2024年1月1日起至2024年12月31日止";
        assert_eq!(stale_years(period, 2024, true).len(), 2);
        assert!(stale_years("12024年", 2024, false).is_empty());
    }

    #[test]
    fn overlap_of_identical_and_different_texts() {
        let a = "一是政务公开的意识需进一步加强，主动公开政府信息的时效性有待提升；二是政策解读需进一步强化。";
        assert_eq!(overlap_percent(a, a), Some(100));
        let b = "本年度我们完成了网站改版，新增了多个栏目，群众满意度显著上升，办件效率明显提高，收到良好效果。";
        assert!(overlap_percent(a, b).unwrap() < 30);
        assert_eq!(overlap_percent("短", a), None);
    }

    #[test]
    fn characters_are_counted_without_whitespace() {
        assert_eq!(char_count("一二 三\n四"), 4);
    }
}
