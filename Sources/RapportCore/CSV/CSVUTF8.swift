#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turning field bytes into strings, and locating bad UTF-8 for error messages.
enum CSVUTF8 {
    /// The string `bytes` encode, or nil if they are not valid UTF-8.
    ///
    /// `String(validating:as:)` would say the same, but it is generic and not inlined, and looking up its generic
    /// metadata cost more than the validation itself, for every field. `String(decoding:as:)` is specialised for
    /// byte buffers; it replaces bad bytes with U+FFFD, which changes the bytes (U+FFFD written as such in the
    /// input is valid and stays), so the input was valid exactly when the string's bytes equal it.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var value = String(decoding: bytes, as: UTF8.self)
        let unchanged = value.withUTF8 { decoded in
            guard decoded.count == bytes.count else { return false }
            guard let decodedBase = decoded.baseAddress, let base = bytes.baseAddress else { return true }
            return memcmp(decodedBase, base, bytes.count) == 0
        }
        return unchanged ? value : nil
    }

    /// The physical line of the first byte of `bytes` that is not valid UTF-8, given that `bytes` starts on
    /// `firstLine`. Only called once a field has failed validation, so it need not be fast.
    static func lineOfFirstInvalidByte(in bytes: some Collection<UInt8>, firstLine: Int) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var validCount = 0
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                validCount += scalar.count
            case .error, .emptyInput:
                break decoding
            }
        }
        // Quoted fields keep their line breaks, so the bytes before the bad one tell how far down it is.
        var line = firstLine
        var previous: UInt8 = 0
        for byte in bytes.prefix(validCount) {
            if byte == CSVByte.carriageReturn || (byte == CSVByte.lineFeed && previous != CSVByte.carriageReturn) {
                line += 1
            }
            previous = byte
        }
        return line
    }
}
