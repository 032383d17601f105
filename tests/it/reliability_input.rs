//! The bad-input catalogue: for every cell kind and every class of input, the documented
//! result — accepted and normalised, or a Chinese message at the cell with the typed text
//! kept. The same table is in docs/RELIABILITY.md.

use nianbao::model::Cell;
use nianbao::model::value::{InputError, parse};
use nianbao::template::CellKind;

const COUNT: CellKind = CellKind::Count;
const SIGNED: CellKind = CellKind::SignedCount;
const AMOUNT: CellKind = CellKind::Amount { max_decimals: 6 };

/// Expected outcome of one input.
enum Want {
    Int(i64),
    Amount(&'static str),
    Empty,
    Err(InputError),
}

fn check(kind: &CellKind, input: &str, want: Want) {
    let got = parse(input, kind);
    let cell = Cell::from_input(input, kind);
    match want {
        Want::Int(n) => assert_eq!(got, Ok(Cell::Int(n)), "{kind:?} {input:?}"),
        Want::Amount(s) => assert_eq!(got, Ok(Cell::Amount(s.into())), "{kind:?} {input:?}"),
        Want::Empty => assert_eq!(got, Ok(Cell::Empty), "{kind:?} {input:?}"),
        Want::Err(e) => {
            let msg = e.to_string();
            assert_eq!(got, Err(e), "{kind:?} {input:?}");
            // The message is Chinese and the typed text is kept exactly.
            assert!(
                msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg}"
            );
            assert_eq!(cell, Cell::Invalid(input.into()));
            assert_eq!(cell.text(), input);
        }
    }
}

#[test]
fn letters() {
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "abc", Want::Err(InputError::NotANumber));
        check(k, "12a", Want::Err(InputError::NotANumber));
        check(k, "一二", Want::Err(InputError::NotANumber));
        check(k, "无", Want::Err(InputError::NotANumber));
    }
}

#[test]
fn signs() {
    check(&COUNT, "-3", Want::Err(InputError::Negative));
    check(&COUNT, "－3", Want::Err(InputError::Negative));
    check(&COUNT, "+3", Want::Int(3));
    check(&SIGNED, "-3", Want::Int(-3));
    check(&SIGNED, "－15", Want::Int(-15));
    check(&SIGNED, "+3", Want::Int(3));
    check(&AMOUNT, "-3.5", Want::Err(InputError::NegativeAmount));
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "-", Want::Err(InputError::NotANumber));
        check(k, "--3", Want::Err(InputError::NotANumber));
    }
}

#[test]
fn fractions() {
    check(&COUNT, "1.5", Want::Err(InputError::Fraction));
    check(&COUNT, "12.0", Want::Err(InputError::Fraction));
    check(&SIGNED, "-1.5", Want::Err(InputError::Fraction));
    check(&AMOUNT, "1.5", Want::Amount("1.5"));
    check(&AMOUNT, "9116.360", Want::Amount("9116.360"));
    check(&AMOUNT, "0.000001", Want::Amount("0.000001"));
    check(
        &AMOUNT,
        "0.0000001",
        Want::Err(InputError::TooManyDecimals(6)),
    );
    check(&AMOUNT, "１２．５", Want::Amount("12.5"));
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "1/2", Want::Err(InputError::NotANumber));
        check(k, "1.2.3", Want::Err(InputError::NotANumber));
    }
}

#[test]
fn exponent_notation() {
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "1e3", Want::Err(InputError::Exponent));
        check(k, "1.5E+2", Want::Err(InputError::Exponent));
    }
}

#[test]
fn too_many_digits() {
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "999999999999", twelve_nines(k));
        check(k, "1234567890123", Want::Err(InputError::TooLong));
        check(k, &"9".repeat(21), Want::Err(InputError::TooLong));
        check(k, &"9".repeat(400), Want::Err(InputError::TooLong));
    }
}

#[test]
fn fullwidth_digits_and_separators() {
    check(&COUNT, "１２３", Want::Int(123));
    check(&COUNT, "1,234", Want::Int(1234));
    check(&COUNT, "1，234，567", Want::Int(1_234_567));
    check(&COUNT, "1 234", Want::Int(1234));
    check(&COUNT, "12,34", Want::Err(InputError::Grouping));
    check(&AMOUNT, "24,252.311082", Want::Amount("24252.311082"));
}

#[test]
fn spaces() {
    check(&COUNT, "  7  ", Want::Int(7));
    check(&COUNT, "\u{3000}7\u{3000}", Want::Int(7));
    check(&COUNT, "\u{a0}7", Want::Int(7));
    check(&COUNT, "7 7", Want::Err(InputError::Grouping));
}

#[test]
fn pasted_multi_cell_text() {
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "1\t2\t3", Want::Err(InputError::SeveralValues));
        check(k, "1\n2", Want::Err(InputError::SeveralValues));
        check(k, "1\r\n2", Want::Err(InputError::SeveralValues));
    }
}

#[test]
fn empty() {
    for k in [&COUNT, &SIGNED, &AMOUNT] {
        check(k, "", Want::Empty);
        check(k, "   ", Want::Empty);
        check(k, "\u{3000}", Want::Empty);
    }
}

#[test]
fn units_typed_after_the_number() {
    check(&COUNT, "12件", Want::Err(InputError::Unit("件".into())));
    check(
        &AMOUNT,
        "12万元",
        Want::Err(InputError::Unit("万元".into())),
    );
    check(
        &AMOUNT,
        "251000元",
        Want::Err(InputError::Unit("元".into())),
    );
}

/// The largest twelve-digit value, in the form each kind stores it.
fn twelve_nines(k: &CellKind) -> Want {
    match k {
        CellKind::Amount { .. } => Want::Amount("999999999999"),
        _ => Want::Int(999_999_999_999),
    }
}
