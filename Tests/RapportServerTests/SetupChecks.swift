import Testing

@testable import RapportServer

/// Records an issue unless a set-up request succeeded (any 2xx), with the answer: a test's set-up calls are
/// checked like its assertions, so a failing step shows where it failed, not three steps later.
func expectSuccess(_ result: APIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect((200..<300).contains(result.status), "\(result.status): \(result.text)", sourceLocation: sourceLocation)
}
