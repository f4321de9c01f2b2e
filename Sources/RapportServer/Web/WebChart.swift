import Foundation
import RapportCore

/// A bar chart drawn on the server as inline SVG (no script, no style attribute: the colours come from
/// the stylesheet's `series-N` classes, so the dark scheme recolours it), with its figures as a table for
/// the "Show data" toggle, the chart's text alternative.
struct WebChart {
    /// One coloured set of bars.
    struct Series {
        var name: String
        var values: [Double]
    }

    enum Layout {
        /// Categories along the bottom (weeks), series stacked upwards.
        case columns
        /// One row per category (a campaign, a run), series stacked to the right.
        case rows
    }

    var id: String
    var title: String
    var categories: [String]
    var series: [Series]
    var layout: Layout
    /// How a value is written in the table and the labels (`12`, `€3.50`).
    var format: (Double) -> String = WebChart.integer

    static func integer(_ value: Double) -> String { String(Int64(value.rounded())) }
    static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }

    var isEmpty: Bool { categories.isEmpty || series.allSatisfy { $0.values.allSatisfy { $0 == 0 } } }

    /// The view the `chart` partial renders.
    var view: [String: Any] {
        [
            "id": id, "title": title, "svg": isEmpty ? "" : svg, "isEmpty": isEmpty,
            "legend": series.enumerated().map { ["name": $0.element.name, "index": $0.offset % Self.colours] },
            "headers": [layout == .columns ? "Week" : "Name"] + series.map(\.name),
            "rows": categories.enumerated().map { index, category in
                [
                    "label": category,
                    "cells": series.map { format($0.values.indices.contains(index) ? $0.values[index] : 0) },
                ] as [String: Any]
            },
        ]
    }

    static let colours = 6

    // MARK: - Drawing

    var svg: String {
        switch layout {
        case .columns: columns()
        case .rows: rows()
        }
    }

    private func total(_ index: Int) -> Double {
        series.reduce(0) { $0 + ($1.values.indices.contains(index) ? max($1.values[index], 0) : 0) }
    }

    private func open(width: Int, height: Int) -> String {
        let summary = "\(title): \(categories.count) bars; the figures are in the table under Show data."
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"\(id)-svg-title\" class=\"chart-svg\"><title id=\"\(id)-svg-title\">"
            + Self.escape(summary) + "</title>"
    }

    private func columns() -> String {
        let width = 480.0
        let height = 220.0
        let left = 40.0
        let bottom = 36.0
        let top = 10.0
        let plot = height - bottom - top
        let peak = Self.niceCeiling(categories.indices.map(total).max() ?? 0)
        let step = (width - left - 8) / Double(max(categories.count, 1))
        var out = open(width: Int(width), height: Int(height))
        for tick in [0.0, 0.5, 1.0] {
            let y = top + plot - plot * tick
            out += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - 4)\" y1=\"\(Self.n(y))\" y2=\"\(Self.n(y))\"/>"
            out +=
                "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(Self.n(y + 4))\" text-anchor=\"end\">"
                + Self.escape(format(peak * tick)) + "</text>"
        }
        let labelEvery = max(1, Int((Double(categories.count) / 6).rounded(.up)))
        for (index, category) in categories.enumerated() {
            var y = top + plot
            let x = left + Double(index) * step + step * 0.15
            for (number, series) in series.enumerated() {
                let value = series.values.indices.contains(index) ? max(series.values[index], 0) : 0
                guard value > 0, peak > 0 else { continue }
                let barHeight = plot * value / peak
                y -= barHeight
                out +=
                    "<rect class=\"series-\(number % Self.colours)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" "
                    + "width=\"\(Self.n(step * 0.7))\" height=\"\(Self.n(barHeight))\"/>"
            }
            if index % labelEvery == 0 {
                out +=
                    "<text class=\"axis\" x=\"\(Self.n(x + step * 0.35))\" y=\"\(Self.n(height - bottom + 16))\" "
                    + "text-anchor=\"middle\">" + Self.escape(String(category.suffix(5))) + "</text>"
            }
        }
        return out + "</svg>"
    }

    private func rows() -> String {
        let width = 480.0
        let row = 26.0
        let left = 170.0
        let right = 56.0
        let height = Double(categories.count) * row + 8
        let peak = categories.indices.map(total).max() ?? 0
        var out = open(width: Int(width), height: Int(height))
        for (index, category) in categories.enumerated() {
            let y = 4 + Double(index) * row
            let name = category.count > 19 ? String(category.prefix(18)) + "…" : category
            out +=
                "<text class=\"axis\" x=\"\(left - 8)\" y=\"\(Self.n(y + row * 0.62))\" text-anchor=\"end\">"
                + Self.escape(name) + "</text>"
            var x = left
            for (number, series) in series.enumerated() {
                let value = series.values.indices.contains(index) ? max(series.values[index], 0) : 0
                guard value > 0, peak > 0 else { continue }
                let barWidth = (width - left - right) * value / peak
                out +=
                    "<rect class=\"series-\(number % Self.colours)\" x=\"\(Self.n(x))\" y=\"\(Self.n(y + 3))\" "
                    + "width=\"\(Self.n(barWidth))\" height=\"\(Self.n(row - 8))\"/>"
                x += barWidth
            }
            out +=
                "<text class=\"axis\" x=\"\(Self.n(x + 6))\" y=\"\(Self.n(y + row * 0.62))\">"
                + Self.escape(format(total(index))) + "</text>"
        }
        return out + "</svg>"
    }

    /// 1, 2, 5 × 10ⁿ at or above `value`, so the axis reads in round numbers.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Text inside the SVG: the chart is inserted unescaped, so every text is escaped here.
    static func escape(_ text: String) -> String {
        HTMLText.escape(text)
    }
}
