import RapportCore

/// Issues the next number of a series, or accepts a hand-typed one where the series allows it
/// (BC §7.1). Shared by contacts now and segments later.
package enum NumberSeriesIssuer {
    /// Returns the number to use for a new record. `explicit` is the number the user typed (may be blank);
    /// `seriesField` names the setup field (`segmentNos`) for the error when neither is possible.
    package static func assign(
        explicit: String, seriesCode: String?, seriesField: String, keyField: String,
        _ connection: any SQLConnection
    ) throws -> String {
        guard let seriesCode, !seriesCode.isEmpty else {
            guard !explicit.isEmpty else {
                throw RapportError.validation(
                    seriesField, "No number was given and setup.\(seriesField) names no number series.")
            }
            return explicit
        }
        let rows = try connection.query(
            "SELECT starting_no, last_no_used, allow_manual_nos FROM number_series WHERE code = ?",
            [.text(seriesCode)])
        guard let series = rows.first else {
            throw RapportError.validation(seriesField, "Number series '\(seriesCode)' does not exist.")
        }
        if !explicit.isEmpty {
            guard series.bool("allow_manual_nos") else {
                throw RapportError.validation(
                    keyField, "Number series \(seriesCode) does not allow numbers typed by hand.")
            }
            return explicit
        }
        let next = try NumberSeries.next(
            startingNo: series.text("starting_no"), lastNoUsed: series.text("last_no_used"), seriesCode: seriesCode)
        try connection.execute(
            "UPDATE number_series SET last_no_used = ? WHERE code = ?", [.text(next), .text(seriesCode)])
        return next
    }
}
