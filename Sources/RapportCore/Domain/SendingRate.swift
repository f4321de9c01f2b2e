/// The SMTP rate limits of setup (per minute, hour and day; nil is unlimited) and the arithmetic of send slots.
///
/// E-mails are paced evenly: one slot every `spacingMs`, the widest gap any limit asks for, so a run keeps to
/// every limit over any window and does not burst at the start of each minute. Times are milliseconds since
/// 1970, as the queue stores them; the counts of slots already taken in each window come from the database,
/// so every instance sharing it keeps to the same budget.
public struct SendingRate: Sendable, Equatable {
    public var perMinute: Int?
    public var perHour: Int?
    public var perDay: Int?

    public init(perMinute: Int? = nil, perHour: Int? = nil, perDay: Int? = nil) {
        self.perMinute = perMinute
        self.perHour = perHour
        self.perDay = perDay
    }

    public static let minuteMs: Int64 = 60_000
    public static let hourMs: Int64 = 3_600_000
    public static let dayMs: Int64 = 86_400_000

    /// Each limit that is set, with the window it counts over.
    public var windows: [(windowMs: Int64, limit: Int)] {
        [(Self.minuteMs, perMinute), (Self.hourMs, perHour), (Self.dayMs, perDay)].compactMap { window, limit in
            limit.map { (window, max($0, 1)) }
        }
    }

    public var isUnlimited: Bool { windows.isEmpty }

    /// The gap between two slots, rounded up so the limits hold; 0 when unlimited.
    public var spacingMs: Int64 {
        windows.map { ($0.windowMs + Int64($0.limit) - 1) / Int64($0.limit) }.max() ?? 0
    }

    /// The slots that may be taken at `now`, at most `wanted`: on the even grid after `lastSlot` (a late
    /// worker keeps to the grid; after a pause the grid starts again at `now`, so there is never a burst), and within what each window has left
    /// (`taken[i]` slots already in the `i`th window of `windows`, those after `now - windowMs`).
    public func slots(now: Int64, lastSlot: Int64?, taken: [Int], wanted: Int) -> [Int64] {
        guard wanted > 0 else { return [] }
        guard !isUnlimited else { return Array(repeating: now, count: wanted) }
        let spacing = spacingMs
        var first = lastSlot.map { $0 + spacing } ?? now
        if first < now - spacing { first = now }
        guard first <= now else { return [] }
        var count = Int((now - first) / spacing) + 1
        for (index, window) in windows.enumerated() {
            count = min(count, window.limit - (index < taken.count ? taken[index] : 0))
        }
        count = min(count, wanted)
        guard count > 0 else { return [] }
        return (0..<count).map { first + Int64($0) * spacing }
    }

    /// When the next slot opens: the grid's next point, or later when a window is full (then its oldest slot,
    /// `oldest[i]`, must leave the window first). `now` when unlimited.
    public func nextSlot(now: Int64, lastSlot: Int64?, taken: [Int], oldest: [Int64?]) -> Int64 {
        guard !isUnlimited else { return now }
        var next = max(now, lastSlot.map { $0 + spacingMs } ?? now)
        for (index, window) in windows.enumerated() where index < taken.count && taken[index] >= window.limit {
            if index < oldest.count, let first = oldest[index] { next = max(next, first + window.windowMs + 1) }
        }
        return next
    }

    /// When `count` e-mails, the first sent at `start`, will all be sent at this pace.
    public func finish(start: Int64, count: Int) -> Int64 {
        start + Int64(max(count - 1, 0)) * spacingMs
    }
}
