import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RapportCore

/// Every list page exports what it shows as CSV: the same rows (filters and page included), every field
/// of the list's resource as a column, nested values as `deliveries.sent`, lists joined with `;`, and
/// each cell guarded against spreadsheet formulas as the contact export is.
enum WebCSV {
    /// The CSV of a list page's `items`, with `columns` in the resource's order; nil when the page is not
    /// a list.
    static func response(_ data: [String: Any], name: String) -> Response? {
        guard let columns = data["csvColumns"] as? [String], let items = data["items"] as? [Any] else { return nil }
        let rows = items.compactMap { $0 as? [String: Any] }
        var header: [(name: String, inner: String?)] = []
        for column in columns {
            let nested = rows.compactMap { $0[column] as? [String: Any] }.first
            if let nested {
                header += nested.keys.sorted().map { (column, $0) }
            } else if rows.contains(where: { $0[column] != nil }) || rows.isEmpty {
                header.append((column, nil))
            }
        }
        var writer = CSVWriter(byteOrderMark: true)
        writer.append(header.map { column in column.inner.map { column.name + "." + $0 } ?? column.name })
        for row in rows {
            writer.append(
                header.map { column in
                    var value = row[column.name]
                    if let inner = column.inner { value = (value as? [String: Any])?[inner] }
                    return CSVFormulaGuard.escape(text(value))
                })
        }
        let fileName = name.isEmpty ? "list.csv" : name + ".csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: writer.take())))
    }

    static func text(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        case let flag as Bool: flag ? "true" : "false"
        case let items as [Any]: items.map { text($0) }.joined(separator: ";")
        case let object as [String: Any]:
            object.keys.sorted().map { "\($0)=\(text(object[$0]))" }.joined(separator: ";")
        default: ""
        }
    }

    /// The file name of a list page's export: its last path component (`/setup/salespeople` → salespeople).
    static func name(path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? "list"
    }
}
