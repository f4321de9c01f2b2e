import Foundation

extension Process {
    /// Waits for the started child to end, reaping it with `waitpid` itself, and answers its exit status (128 plus
    /// the signal's number when a signal ended it).
    ///
    /// Foundation's `waitUntilExit` spins on its run loop until Foundation's own watch has seen the child end, and
    /// once in the test suite it never did: two children killed at the same moment stayed zombies, and the suite spun
    /// at full CPU until its time limit. `waitpid` returns as soon as the child has ended. When Foundation has reaped
    /// it first (`ECHILD`), Foundation has its status, and its wait then returns at once.
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while true {
            let waited = waitpid(processIdentifier, &status, 0)
            if waited == processIdentifier { break }
            if waited == -1, errno == EINTR { continue }
            waitUntilExit()
            return terminationReason == .exit ? terminationStatus : 128 + terminationStatus
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
