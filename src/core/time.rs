//! Timestamps in the one shape the Worker already stores and compares: JS `toISOString()`.

use chrono::{DateTime, Datelike, Timelike};

use crate::core::error::Error;

/// `millis` since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.sssZ`, exactly as JS
/// `new Date(millis).toISOString()` writes it.
///
/// Fixed-width text sorts in time order, which the indexes and the `created_at <= last_activity`
/// CHECKs rely on; so years outside 0000–9999 (where JS switches to a six-digit, signed year) are
/// refused rather than written.
pub fn iso_timestamp(millis: i64) -> Result<String, Error> {
    let time = DateTime::from_timestamp_millis(millis)
        .filter(|time| (0..=9999).contains(&time.year()))
        .ok_or(Error::ClockOutOfRange { millis })?;
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second(),
        time.timestamp_subsec_millis(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_js_to_iso_string() {
        // Values printed by `new Date(ms).toISOString()` in Node.
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_763_116_200_123, "2025-11-14T10:30:00.123Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        ];
        for (millis, iso) in cases {
            assert_eq!(iso_timestamp(millis).unwrap(), iso);
        }
    }

    #[test]
    fn refuses_years_that_would_not_sort_as_text() {
        for millis in [253_402_300_800_000, -62_167_219_200_001, i64::MAX, i64::MIN] {
            assert_eq!(
                iso_timestamp(millis),
                Err(Error::ClockOutOfRange { millis })
            );
        }
    }
}
