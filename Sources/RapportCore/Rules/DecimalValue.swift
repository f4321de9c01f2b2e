import Foundation

extension Decimal {
    /// A stored decimal (money, minutes) as the decimal it was written as: the database keeps them as binary
    /// floating point, so `0.1 + 0.2` reads back as `0.30000000000000004` until rounded to the field's scale.
    /// A value too small to show at `scale` is zero: Decimal's exponent stops at -128, and a double such as
    /// 1.47e-197 became NaN, which the API wrote as null (the contract check's fuzzing).
    public init(stored value: Double, scale: Int) {
        guard value.magnitude >= 0.5 * pow(10, -Double(scale)) else {
            self = 0
            return
        }
        var exact = Decimal(value)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, scale, .plain)
        self = rounded
    }

    /// The value for a JSON number or a chart.
    public var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}

extension Record {
    /// A decimal field (cost, duration, unit cost) at the scale the API shows; zero when blank.
    public func decimal(_ name: String, scale: Int = Decimal.apiScale) -> Decimal {
        Decimal(stored: self[name].doubleValue ?? 0, scale: scale)
    }
}

extension Decimal {
    /// The places the contract's decimals keep (BC's Decimal: up to five for amounts per unit).
    public static let apiScale = 5
}
