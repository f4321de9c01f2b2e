import Foundation
import Hummingbird
import RapportCore
import RapportStorage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file of an upload form, kept in a temporary file until the request is done.
struct WebUpload: Sendable {
    let path: String
    let fileName: String
    let size: Int

    func bytes() throws(RapportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RapportError(.unavailable, "The uploaded file could not be read back.")
        }
        return [UInt8](data)
    }
}

/// A `multipart/form-data` body (RFC 7578) with text fields and at most one file. The body is spooled
/// to disk first and read memory-mapped, so a large CSV costs no memory; the file part is copied out
/// to a file of its own for the use case that reads it.
struct WebMultipart: Sendable {
    var form = WebForm()
    var file: WebUpload?
    private var paths: [String] = []
    /// Where the body is spooled and the file part kept.
    private var directory = ""

    /// Receives the form into files in `directory`; when anything fails, nothing is left there.
    static func receive(_ request: Request, limit: Int, in directory: String) async throws -> WebMultipart {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.boundary(type)
        else { throw RapportError.malformed("Send the form as multipart/form-data.", field: "file") }
        let spool = try await Spool.receive(request.body, limit: limit, what: "upload", in: directory)
        defer { spool.remove() }
        var parsed = WebMultipart()
        parsed.directory = directory
        do {
            try parsed.parse(spool.path, boundary: boundary)
        } catch {
            parsed.remove()
            throw error
        }
        return parsed
    }

    func remove() {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    static func boundary(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    private mutating func parse(_ path: String, boundary: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n\r\n".utf8)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            guard let base = raw.baseAddress, raw.count > 0 else {
                throw RapportError.malformed("The form is empty.", field: "file")
            }
            // memchr finds candidates for the first byte fast; memcmp confirms the rest.
            func find(_ needle: [UInt8], from start: Int) -> Int? {
                var position = start
                while position + needle.count <= raw.count {
                    guard let hit = memchr(base + position, Int32(needle[0]), raw.count - position - needle.count + 1)
                    else { return nil }
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, needle, needle.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
            guard var position = find(delimiter, from: 0) else {
                throw RapportError.malformed("The form has no parts.", field: "file")
            }
            let next = Array("\r\n--\(boundary)".utf8)
            while true {
                position += delimiter.count
                // "--" after a delimiter closes the body.
                if position + 2 <= raw.count, raw[position] == 45, raw[position + 1] == 45 { break }
                guard let headerEnd = find(separator, from: position) else { break }
                let headers = String(decoding: raw[position..<headerEnd], as: UTF8.self)
                let contentStart = headerEnd + separator.count
                guard let contentEnd = find(next, from: contentStart) else {
                    throw RapportError.malformed("The form ends in the middle of a part.", field: "file")
                }
                let content = UnsafeRawBufferPointer(rebasing: raw[contentStart..<contentEnd])
                try take(headers: headers, content: content)
                position = contentEnd + 2
            }
        }
    }

    private mutating func take(headers: String, content: UnsafeRawBufferPointer) throws {
        guard
            let disposition = headers.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-disposition:")
            })
        else { return }
        let name = Self.parameter("name", in: String(disposition)) ?? ""
        if let fileName = Self.parameter("filename", in: String(disposition)) {
            guard file == nil, !fileName.isEmpty || content.count > 0 else { return }
            let path = Spool.makePath(in: directory)
            // The mapped bytes go to the file without a copy in memory; a failed write leaves no file.
            let bytes =
                content.baseAddress.map {
                    Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0), count: content.count, deallocator: .none)
                } ?? Data()
            try OutputFile.write(bytes, to: path, what: "the uploaded file")
            paths.append(path)
            file = WebUpload(path: path, fileName: fileName, size: content.count)
            try form.set(name, fileName)
        } else {
            try form.set(name, String(decoding: content, as: UTF8.self))
        }
    }

    /// `name="x"` in a Content-Disposition header (quoted, as browsers send it).
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.replacingOccurrences(of: "%22", with: "\"")
        }
        return nil
    }
}
