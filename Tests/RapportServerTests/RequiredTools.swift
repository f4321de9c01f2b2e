import Foundation
import Testing

@testable import RapportServer

/// Programs some tests need besides Swift. On a machine without one, those tests are skipped and say why;
/// `scripts/test` sets `RAPPORT_REQUIRE_TOOLS=1`, under which they run anyway and fail on the missing tool,
/// so CI never passes by skipping them.
enum RequiredTools {
    static let areRequired = ProcessInfo.processInfo.environment["RAPPORT_REQUIRE_TOOLS"] == "1"

    /// Whether every named program is on the PATH.
    static func available(_ names: String...) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return names.allSatisfy { name in
            path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
    }

    /// LibreOffice, which turns .docx into PDF.
    static let hasLibreOffice = available("soffice")
}
