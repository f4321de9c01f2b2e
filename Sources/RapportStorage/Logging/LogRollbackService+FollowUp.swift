import RapportCore

extension LogRollbackService {
    /// The follow-up segment that Log created for run `number` (`createFollowUpSegment`), while it is still on
    /// the worksheet: it was made from the run's entries, so it goes with them. Nil when Log made none, or a
    /// user has deleted it since. 409 when it has been logged since: that run stands on this one and must be
    /// rolled back first.
    static func followUpWorksheet(_ number: Int64, _ connection: any SQLConnection) throws -> String? {
        guard
            let followUp = try connection.scalar(
                "SELECT follow_up_segment_no FROM logged_segment WHERE entry_no = ?", [.integer(number)])?.nonBlankText
        else { return nil }
        if let later = try connection.scalar(
            "SELECT entry_no FROM logged_segment WHERE segment_no = ?", [.text(followUp)])?.intValue
        {
            throw RapportError(
                .conflict,
                "The follow-up segment \(followUp) that this run created has been logged since (logged segment "
                    + "\(later)); roll that run back first.")
        }
        return try connection.exists("SELECT 1 FROM segment_header WHERE no = ?", [.text(followUp)]) ? followUp : nil
    }
}
