import RapportCore

/// The results of `rapport bench --json FILE` as bytes: the command line writes them through here, so JSON
/// stays inside the server target.
public enum BenchResultsFile {
    /// One figure of the benchmark with its reference and target.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var label: String
        /// `sqlite` or `postgres`.
        public var backend: String
        public var rows: Int
        /// The median of the timed runs.
        public var seconds: Double
        public var runs: Int
        /// Each timed run's seconds, in the order they ran: how far apart they are says how much to trust the
        /// median on a noisy machine.
        public var samples: [Double] = []
        /// The reference it is compared with, as text (`B 1.890 s`, `merge engine alone 8600/s`); blank for none.
        public var reference = ""
        public var referenceValue: Double?
        public var ratio: Double?
        /// The target as text (`≤ 1.5x A`, `≥ 5000/s`); blank for none.
        public var target = ""
        /// Whether the target was met; nil when there is none, or its reference did not run.
        public var met: Bool?

        public init(key: String, label: String, backend: String, rows: Int, seconds: Double, runs: Int) {
            self.key = key
            self.label = label
            self.backend = backend
            self.rows = rows
            self.seconds = seconds
            self.runs = runs
        }
    }

    /// `{"rows": [{"key", "label", "backend", "rows", "seconds", "runs", "samples", "perSecond", "reference",
    /// "referenceValue", "ratio", "target", "met"}...], "peakMegabytes"}`; absent values are null.
    public static func write(_ rows: [Row], peakMegabytes: Double) -> [UInt8] {
        let items: [JSONValue] = rows.map { row in
            .object(
                JSONObject([
                    ("key", .string(row.key)), ("label", .string(row.label)), ("backend", .string(row.backend)),
                    ("rows", .number(Double(row.rows))), ("seconds", .number(row.seconds)),
                    ("runs", .number(Double(row.runs))), ("samples", .array(row.samples.map(JSONValue.number))),
                    ("perSecond", row.seconds > 0 ? .number(Double(row.rows) / row.seconds) : .null),
                    ("reference", .string(row.reference)),
                    ("referenceValue", row.referenceValue.map(JSONValue.number) ?? .null),
                    ("ratio", row.ratio.map(JSONValue.number) ?? .null), ("target", .string(row.target)),
                    ("met", row.met.map(JSONValue.bool) ?? .null),
                ]))
        }
        return JSONValue.object(JSONObject([("rows", .array(items)), ("peakMegabytes", .number(peakMegabytes))]))
            .serialized()
    }
}
