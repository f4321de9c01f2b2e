import RapportCore

/// SplitMix64 with the few draws the demo data generator needs.
///
/// The demo data must be byte-identical for a seed on every platform and Swift release, so the
/// bounded draws are written out here: the standard library's `random(in:using:)` does not promise
/// to keep its algorithm, and `SystemRandomNumberGenerator` is not seeded at all.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose whole sequence is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<bound`, or 0 when `bound` is not positive.
    ///
    /// The high half of a 128-bit product (Lemire) spreads the bits without a division; its bias of
    /// at most `bound / 2^64` does not matter for demo data.
    mutating func below(_ bound: Int) -> Int {
        guard bound > 0 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with a probability of `percent` in 100 (fractions allowed, e.g. 2.5).
    mutating func chance(_ percent: Double) -> Bool {
        // 53 bits make an exactly representable fraction in 0..<1, the same on every platform.
        let unit = Double(next() >> 11) / Double(UInt64(1) << 53)
        return unit * 100 < percent
    }

    /// One element of `items`, or nil when it is empty.
    mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[below(items.count)]
    }

    /// One element of `items`, each as likely as its weight; nil when there is nothing to pick.
    mutating func pick<T>(weighted items: [(T, Int)]) -> T? {
        let total = items.reduce(0) { $0 + max(0, $1.1) }
        var roll = below(total)
        for (item, weight) in items where weight > 0 {
            if roll < weight { return item }
            roll -= weight
        }
        return nil
    }

    /// `count` decimal digits, leading zeros kept (phone numbers, post codes).
    mutating func digits(_ count: Int) -> String {
        String((0..<max(0, count)).map { _ in Character(String(below(10))) })
    }
}
