import Foundation
import Hummingbird
import NIOCore
import RapportCore
import RapportStorage

/// Large bodies go through temporary files, so memory stays flat whatever their size. Every write throws on
/// failure (a full disk is 507, `insufficientStorage`), and a file given up half-way is removed at once.
struct Spool {
    let path: String

    /// A new file name in `directory` (the services' temporary directory).
    static func makePath(in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent("rapport-\(UUID().uuidString)").path
    }

    /// Streams a request body to a temporary file in `directory`, refusing it past `limit` bytes (413).
    static func receive(_ body: RequestBody, limit: Int, what: String, in directory: String) async throws -> Spool {
        let file = try OutputFile(creating: makePath(in: directory), what: "the \(what)")
        var size = 0
        do {
            for try await buffer in body {
                size += buffer.readableBytes
                guard size <= limit else {
                    throw RapportError(.payloadTooLarge, "The \(what) is larger than \(limit / (1024 * 1024)) MiB.")
                }
                try file.write(buffer.readableBytesView)
            }
            try file.close()
        } catch {
            file.discard()
            throw error
        }
        return Spool(path: file.path)
    }

    /// Has `produce` write a file in `directory` (a download being built) and answers with it; when `produce`
    /// fails, whatever it wrote is removed.
    static func produce(
        in directory: String, contentType: String, _ produce: (String) async throws -> String
    ) async throws -> Response {
        let path = makePath(in: directory)
        do {
            let fileName = try await produce(path)
            return response(streaming: path, contentType: contentType, fileName: fileName)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
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
