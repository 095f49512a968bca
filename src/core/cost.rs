//! What one method call cost the storage: its round trips and statements, and the figures the
//! engine reported for each result (D1's `meta`: rows read and written, time, where it ran),
//! summed. The boundary hands the sum to the Worker's `onQuery` once per call, failed calls
//! included, so an app can see what a chat turn costs and whether its reads hit a replica.

/// The figures an engine reported for one statement's result; `None` where it gave none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Rows the engine read (D1 bills by these).
    pub rows_read: Option<f64>,
    /// Rows the engine wrote (D1 bills by these too).
    pub rows_written: Option<f64>,
    /// The engine's own time for the statement, in milliseconds.
    pub duration_ms: Option<f64>,
    /// The region that answered (D1 read replication).
    pub served_by_region: Option<String>,
    /// Whether the primary answered (`false`: a replica did).
    pub served_by_primary: Option<bool>,
}

/// One call's cost: what [`Cost::round_trip`] recorded, summed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cost {
    /// Round trips to the storage.
    pub round_trips: u32,
    /// Statements sent, over all round trips.
    pub statements: u32,
    /// Rows read, summed over every result that reported them (0 when none did).
    pub rows_read: f64,
    /// Rows written, summed likewise.
    pub rows_written: f64,
    /// The engine's time, summed likewise, in milliseconds.
    pub duration_ms: f64,
    /// The region of the last result that named one; `None` (absent for JS) when none did.
    pub served_by_region: Option<String>,
    /// `true` when every result that said so came from the primary, `false` when any came from a
    /// replica; `None` when none said.
    pub served_by_primary: Option<bool>,
}

impl Cost {
    /// Records a round trip of `statements` statements, with the figures of each result the
    /// engine returned (none when the round trip failed).
    pub fn round_trip(&mut self, statements: usize, results: impl IntoIterator<Item = Meta>) {
        self.round_trips += 1;
        self.statements += statements as u32;
        for meta in results {
            self.rows_read += meta.rows_read.unwrap_or(0.0);
            self.rows_written += meta.rows_written.unwrap_or(0.0);
            self.duration_ms += meta.duration_ms.unwrap_or(0.0);
            if meta.served_by_region.is_some() {
                self.served_by_region = meta.served_by_region;
            }
            if let Some(primary) = meta.served_by_primary {
                self.served_by_primary = Some(self.served_by_primary.unwrap_or(true) && primary);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(read: f64, written: f64, primary: Option<bool>, region: Option<&str>) -> Meta {
        Meta {
            rows_read: Some(read),
            rows_written: Some(written),
            duration_ms: Some(0.5),
            served_by_region: region.map(str::to_owned),
            served_by_primary: primary,
        }
    }

    #[test]
    fn figures_are_summed_over_every_result_of_every_round_trip() {
        let mut cost = Cost::default();
        cost.round_trip(
            2,
            [
                meta(1.0, 3.0, Some(true), None),
                meta(4.0, 0.0, Some(true), Some("WEUR")),
            ],
        );
        cost.round_trip(1, [meta(2.0, 1.0, Some(true), None)]);
        assert_eq!(
            cost,
            Cost {
                round_trips: 2,
                statements: 3,
                rows_read: 7.0,
                rows_written: 4.0,
                duration_ms: 1.5,
                served_by_region: Some("WEUR".into()),
                served_by_primary: Some(true),
            }
        );
    }

    #[test]
    fn one_replica_read_makes_the_call_not_served_by_the_primary() {
        let mut cost = Cost::default();
        cost.round_trip(1, [meta(1.0, 0.0, Some(true), None)]);
        cost.round_trip(1, [meta(1.0, 0.0, Some(false), None)]);
        cost.round_trip(1, [meta(1.0, 0.0, Some(true), None)]);
        assert_eq!(cost.served_by_primary, Some(false));
    }

    #[test]
    fn figures_no_result_reported_are_zero_or_absent_and_failed_round_trips_still_count() {
        let mut cost = Cost::default();
        cost.round_trip(3, []);
        cost.round_trip(1, [Meta::default()]);
        assert_eq!(
            cost,
            Cost {
                round_trips: 2,
                statements: 4,
                ..Cost::default()
            }
        );
    }
}
