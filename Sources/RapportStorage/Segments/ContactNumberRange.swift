import RapportCore

/// A half-open range of contact numbers, `[from, below)`, either end open when nil: one part of a count that
/// is split so that its parts run side by side on readers of their own (the worksheet's live count).
///
/// Every number lies in exactly one part of `parts(splitAt:)`, so the parts' counts add up to the whole.
struct ContactNumberRange: Sendable, Equatable {
    var from: String?
    var below: String?

    /// No bound: the whole table.
    static let all = ContactNumberRange(from: nil, below: nil)

    var isAll: Bool { from == nil && below == nil }

    /// `column` lies in the range; NULL never does (only a whole, unsplit count takes NULL keys).
    func condition(on column: String) -> SQLFragment {
        switch (from, below) {
        case (nil, nil): SQLFragment("1 = 1")
        case (let from?, nil): SQLFragment("\(column) >= ?", [.text(from)])
        case (nil, let below?): SQLFragment("\(column) < ?", [.text(below)])
        case (let from?, let below?): SQLFragment("\(column) >= ? AND \(column) < ?", [.text(from), .text(below)])
        }
    }

    /// The two parts either side of `split` (which belongs to the upper one), or the whole without one.
    static func parts(splitAt split: String?) -> [ContactNumberRange] {
        guard let split else { return [.all] }
        return [ContactNumberRange(from: nil, below: split), ContactNumberRange(from: split, below: nil)]
    }
}
