import Foundation
import Hummingbird
import NIOCore
import RapportCore

/// Large bodies go through temporary files, so memory stays flat whatever their size.
struct Spool {
    let path: String

    static func makePath() -> String {
        NSTemporaryDirectory() + "rapport-\(UUID().uuidString)"
    }

    /// Streams a request body to a temporary file, refusing it past `limit` bytes (413).
    static func receive(_ body: RequestBody, limit: Int, what: String) async throws -> Spool {
        let spool = Spool(path: makePath())
        guard FileManager.default.createFile(atPath: spool.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: spool.path)
        else { throw RapportError(.unavailable, "Cannot create a temporary file for the upload.") }
        defer { try? handle.close() }
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                guard size <= limit else {
                    throw RapportError(.payloadTooLarge, "The \(what) is larger than \(limit / (1024 * 1024)) MiB.")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
        } catch {
            spool.remove()
            throw error
        }
        return spool
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Answers with the file's bytes in chunks and removes the file afterwards.
    static func response(streaming path: String, contentType: String, fileName: String) -> Response {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var headers: HTTPFields = [
            .contentType: contentType, .contentDisposition: ContentDisposition.attachment(fileName),
        ]
        if let size { headers[.contentLength] = String(size) }
        let body = ResponseBody { writer in
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard let handle = FileHandle(forReadingAtPath: path) else { return try await writer.finish(nil) }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// `Content-Disposition` with an ASCII `filename` and a UTF-8 `filename*` (RFC 6266).
enum ContentDisposition {
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded =
            name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
