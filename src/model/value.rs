//! Table cell values and the parser for what a user types into a cell.
//!
//! Written by hand: the accepted forms are specific to Chinese office input (fullwidth
//! digits from an IME, `，` as a thousands separator, units typed after the number), and
//! each rejection needs its own Chinese message, which no number-parsing crate offers.

use std::fmt;

use crate::template::CellKind;

/// Most digits allowed before the decimal point.
pub const MAX_INT_DIGITS: usize = 12;

/// The content of one data cell. An empty cell is distinct from 0.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cell {
    #[default]
    Empty,
    /// A whole number (counts, signed counts).
    Int(i64),
    /// A decimal amount, kept as normalised text so it is never rounded.
    Amount(String),
    /// Text that is not a valid value for the cell, kept exactly as typed.
    Invalid(String),
}

/// Why typed text is not a valid cell value. The messages are shown at the cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("只能填写数字")]
    NotANumber,
    #[error("件数不能为负数")]
    Negative,
    #[error("件数应为整数，不能有小数")]
    Fraction,
    #[error("数字过长（整数部分最多{MAX_INT_DIGITS}位）")]
    TooLong,
    #[error("小数位数过多（最多{0}位）")]
    TooManyDecimals(u32),
    #[error("请直接填写数字，不要使用科学计数法")]
    Exponent,
    #[error("千位分隔符的位置不对")]
    Grouping,
    #[error("一个单元格只能填写一个数字")]
    SeveralValues,
    #[error("不需要填写单位“{0}”，只填数字")]
    Unit(String),
    #[error("金额不能为负数")]
    NegativeAmount,
}

impl Cell {
    /// Parses typed text for a cell of `kind`; invalid text is kept as [`Cell::Invalid`].
    pub fn from_input(raw: &str, kind: &CellKind) -> Cell {
        match parse(raw, kind) {
            Ok(c) => c,
            Err(_) => Cell::Invalid(raw.to_string()),
        }
    }

    /// The whole-number value, if any (amounts are not summed by any rule).
    pub fn int(&self) -> Option<i64> {
        match self {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// The cell as a term of an equation ([`crate::template::Equation::eval`]): its number,
    /// `Some(None)` when empty, `None` when it cannot be summed (an amount or an invalid
    /// entry, which H5 reports).
    pub fn summand(&self) -> Option<Option<i64>> {
        match self {
            Cell::Empty => Some(None),
            Cell::Int(n) => Some(Some(*n)),
            _ => None,
        }
    }

    /// The value as a number for comparing and charting (a count or an amount); `None`
    /// when empty or invalid.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Int(n) => Some(*n as f64),
            Cell::Amount(s) => s.parse().ok(),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The text shown in the cell and written to drafts.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Int(n) => n.to_string().into(),
            Cell::Amount(s) | Cell::Invalid(s) => s.as_str().into(),
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Parses typed text.
///
/// Accepted and normalised: surrounding spaces, fullwidth digits and signs, `,`/`，`
/// thousands separators in groups of three. Everything else is an [`InputError`].
pub fn parse(raw: &str, kind: &CellKind) -> Result<Cell, InputError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(Cell::Empty);
    }
    if trimmed.contains(['\t', '\n', '\r']) {
        return Err(InputError::SeveralValues);
    }
    let mut s: String = trimmed.chars().map(narrow).collect();
    for unit in ["万元", "元", "件", "个", "项", "起"] {
        if let Some(rest) = s.strip_suffix(unit)
            && rest.trim_end().ends_with(|c: char| c.is_ascii_digit())
        {
            return Err(InputError::Unit(unit.to_string()));
        }
    }
    let negative = s.starts_with('-');
    if negative || s.starts_with('+') {
        s.remove(0);
    }
    if s.contains(['e', 'E'])
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'e' | 'E' | '.' | '+' | '-'))
    {
        return Err(InputError::Exponent);
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let digits = ungroup(int_part)?;
    if let Some(f) = frac_part
        && (f.is_empty() && digits.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(InputError::NotANumber);
    }
    if digits.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(InputError::NotANumber);
    }
    if digits.len() > MAX_INT_DIGITS {
        return Err(InputError::TooLong);
    }
    match kind {
        CellKind::Count | CellKind::SignedCount => {
            if negative && *kind == CellKind::Count {
                return Err(InputError::Negative);
            }
            if frac_part.is_some() {
                return Err(InputError::Fraction);
            }
            let n: i64 = digits.parse().map_err(|_| InputError::NotANumber)?;
            Ok(Cell::Int(if negative { -n } else { n }))
        }
        CellKind::Amount { max_decimals } => {
            if negative {
                return Err(InputError::NegativeAmount);
            }
            let int = if digits.is_empty() { "0" } else { &digits };
            match frac_part {
                Some(f) if f.len() > *max_decimals as usize => {
                    Err(InputError::TooManyDecimals(*max_decimals))
                }
                Some(f) if !f.is_empty() => Ok(Cell::Amount(format!("{int}.{f}"))),
                _ => Ok(Cell::Amount(int.to_string())),
            }
        }
    }
}

/// Fullwidth digits, signs and separators to ASCII.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        'ｅ' => 'e',
        'Ｅ' => 'E',
        _ => c,
    }
}

/// Removes thousands separators, checking that groups have three digits.
fn ungroup(s: &str) -> Result<String, InputError> {
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
    {
        return Err(InputError::NotANumber);
    }
    if !s.contains([',', ' ']) {
        return Ok(s.to_string());
    }
    let groups: Vec<&str> = s.split([',', ' ']).collect();
    let ok =
        !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !ok {
        return Err(InputError::Grouping);
    }
    Ok(groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: CellKind = CellKind::Count;
    const SIGNED: CellKind = CellKind::SignedCount;
    const AMOUNT: CellKind = CellKind::Amount { max_decimals: 6 };

    #[test]
    fn accepted_forms_are_normalised() {
        assert_eq!(parse(" 12 ", &COUNT), Ok(Cell::Int(12)));
        assert_eq!(parse("１２３", &COUNT), Ok(Cell::Int(123)));
        assert_eq!(parse("1,234", &COUNT), Ok(Cell::Int(1234)));
        assert_eq!(parse("1，234，567", &COUNT), Ok(Cell::Int(1234567)));
        assert_eq!(parse("\u{3000}7\u{3000}", &COUNT), Ok(Cell::Int(7)));
        assert_eq!(parse("", &COUNT), Ok(Cell::Empty));
        assert_eq!(parse("   ", &COUNT), Ok(Cell::Empty));
        assert_eq!(parse("-18", &SIGNED), Ok(Cell::Int(-18)));
        assert_eq!(parse("－15", &SIGNED), Ok(Cell::Int(-15)));
        assert_eq!(parse("0", &COUNT), Ok(Cell::Int(0)));
    }

    #[test]
    fn amounts_are_kept_exactly() {
        assert_eq!(
            parse("24252.311082", &AMOUNT),
            Ok(Cell::Amount("24252.311082".into()))
        );
        assert_eq!(
            parse("9116.30", &AMOUNT),
            Ok(Cell::Amount("9116.30".into()))
        );
        assert_eq!(parse("0", &AMOUNT), Ok(Cell::Amount("0".into())));
        assert_eq!(parse(".5", &AMOUNT), Ok(Cell::Amount("0.5".into())));
        assert_eq!(
            parse("4,068.208", &AMOUNT),
            Ok(Cell::Amount("4068.208".into()))
        );
        assert_eq!(
            parse("1.1234567", &AMOUNT),
            Err(InputError::TooManyDecimals(6))
        );
        assert_eq!(parse("-3", &AMOUNT), Err(InputError::NegativeAmount));
    }

    #[test]
    fn bad_input_is_rejected_with_a_reason() {
        assert_eq!(parse("12a", &COUNT), Err(InputError::NotANumber));
        assert_eq!(parse("abc", &COUNT), Err(InputError::NotANumber));
        assert_eq!(parse("-1", &COUNT), Err(InputError::Negative));
        assert_eq!(parse("1.5", &COUNT), Err(InputError::Fraction));
        assert_eq!(parse("1e3", &COUNT), Err(InputError::Exponent));
        assert_eq!(parse("1234567890123", &COUNT), Err(InputError::TooLong));
        assert_eq!(parse("12,34", &COUNT), Err(InputError::Grouping));
        assert_eq!(parse("1\t2", &COUNT), Err(InputError::SeveralValues));
        assert_eq!(parse("12件", &COUNT), Err(InputError::Unit("件".into())));
        assert_eq!(
            parse("5万元", &AMOUNT),
            Err(InputError::Unit("万元".into()))
        );
        assert_eq!(parse(".", &COUNT), Err(InputError::NotANumber));
        assert_eq!(parse("-", &SIGNED), Err(InputError::NotANumber));
    }

    #[test]
    fn invalid_text_is_kept_as_typed() {
        let c = Cell::from_input(" 12a ", &COUNT);
        assert_eq!(c, Cell::Invalid(" 12a ".into()));
        assert_eq!(c.text(), " 12a ");
    }
}
