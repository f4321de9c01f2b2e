import Foundation
import Hummingbird
import RapportCore
import RapportStorage

/// List, create, edit and delete pages for any resource the catalog describes (salespeople, mailing
/// groups, campaigns, users...): the same description that drives the API drives the forms.
struct ResourcePages: Sendable {
    let web: WebRoutes
    let service: ResourceService
    /// Where the pages live (`/setup/salespeople`).
    let base: String
    let writeRole: Role
    /// The page that shows one record, when it is not the generic edit page (templates).
    var recordPath: (@Sendable (String) -> String)?
    /// A record page with more than the form (a user's tokens): its template and what it shows.
    var editTemplate = "resource-edit"
    var extra: (@Sendable (WebRequest, String) async throws -> [String: Any])?

    var spec: ResourceSpec { service.spec }
    var codec: ResourceCodec { ResourceCodec(spec) }

    /// The fields a form edits: stored, writable, not child collections.
    var formNames: [String] {
        spec.fields.filter { field in
            guard field.isWritable else { return false }
            if case .children = field.kind { return false }
            return true
        }.map(\.name)
    }

    /// A few columns for the list: the key and the next three simple fields.
    var columns: [String] {
        Array(
            spec.fields.filter { field in
                switch field.kind {
                case .children, .secret: false
                default: true
                }
            }.map(\.name).prefix(5))
    }

    func register(_ pages: WebPageTable) {
        pages.get(base, "list-\(spec.path)", "\(spec.capitalizedLabel) list.") { page in
            try await list(page)
        }
        pages.post(base, "create-\(spec.path)", "Create a \(spec.label).", role: writeRole) { page in
            let fields = WebFields(spec: spec, names: formNames)
            do {
                let record = try codec.complete(WebFields.nest(fields.body(page.form, omittingBlanks: true)))
                let created = try await service.create(record, by: page.user)
                let key = spec.keyText(of: created)
                return await page.redirect(path(key), notice: "\(spec.capitalizedLabel) \(key) was created.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await list(page, form: page.form, error: error)
            }
        }
        pages.get(base + "/{key}", "edit-\(spec.path)", "One \(spec.label).") { page in
            try await edit(page)
        }
        pages.post(base + "/{key}", "update-\(spec.path)", "Change a \(spec.label).", role: writeRole) { page in
            let key = try page.parameter("key")
            let names = formNames.filter { $0 != spec.keyName }
            do {
                let patch = try codec.sent(WebFields.nest(WebFields(spec: spec, names: names).body(page.form)))
                _ = try await service.update(key, .patch(patch), by: page.user)
                return await page.redirect(path(key), notice: "\(spec.capitalizedLabel) \(key) was saved.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await edit(page, form: page.form, error: error)
            }
        }
        pages.post(base + "/{key}/delete", "delete-\(spec.path)", "Delete a \(spec.label).", role: writeRole) { page in
            let key = try page.parameter("key")
            do {
                try await service.delete(key, by: page.user)
                return await page.redirect(base, notice: "\(spec.capitalizedLabel) \(key) was deleted.")
            } catch let error as RapportError where error.kind != .notFound {
                return try await edit(page, error: error)
            }
        }
    }

    func path(_ key: String) -> String {
        recordPath?(key) ?? base + "/" + WebRoutes.segment(key)
    }

    func list(_ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil) async throws -> Response {
        let textFilters = spec.fields.filter { field in
            if case .text = field.kind { return field.isColumn }
            return false
        }.prefix(1).map(\.name)
        var data = await WebList(service: service, filterNames: [spec.keyName] + textFilters, limit: 100)
            .load(page, path: base)
        let columns = self.columns
        data["columns"] = columns.map { ["label": WebFields.label($0)] }
        data["rows"] = (data["items"] as? [Any] ?? []).compactMap { item -> [String: Any]? in
            guard let record = item as? [String: Any] else { return nil }
            let key = record[spec.keyName] as? String ?? ""
            return [
                "path": path(key), "key": key,
                "cells": columns.dropFirst().map { ["value": Self.cell(record[$0])] },
            ]
        }
        let fields = WebFields(spec: spec, names: formNames, choices: try await web.choices(spec, formNames))
        data["create"] = fields.views(values: nil, form: form, error: error)
        if let error, !fields.places(error) { data["createError"] = error.message }
        data["canWrite"] = page.user.role >= writeRole
        data["label"] = spec.label
        data["heading"] = Self.heading(spec)
        data["base"] = base
        return page.render(
            "resource-list", title: Self.heading(spec), data: data,
            status: error.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }

    func edit(_ page: WebRequest, form: WebForm? = nil, error: RapportError? = nil) async throws -> Response {
        let key = try page.parameter("key")
        let record = WebFields.flatten(codec.encode(try await service.get(key)))
        let names = formNames.filter { $0 != spec.keyName }
        let fields = WebFields(spec: spec, names: names, choices: try await web.choices(spec, names))
        var data: [String: Any] = [
            "key": key, "fields": fields.views(values: record, form: form, error: error), "path": path(key),
            "base": base, "label": spec.capitalizedLabel, "heading": Self.heading(spec),
            "canWrite": page.user.role >= writeRole,
        ]
        if let error, !fields.places(error) { data["error"] = error.message }
        if let statistics = StatisticsPages.subjects.first(where: { $0.recordBase == base }) {
            data["statisticsPath"] = statistics.path.replacingOccurrences(
                of: "{\(statistics.parameter)}", with: WebRoutes.segment(key))
        }
        if let extra { data.merge(try await extra(page, key)) { $1 } }
        return page.render(
            editTemplate, title: "\(spec.capitalizedLabel) \(key)", data: data,
            status: error.map { WebRoutes.status(for: $0.kind) } ?? .ok)
    }

    static func cell(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        case let flag as Bool: flag ? "yes" : ""
        case let items as [Any]: items.compactMap { $0 as? String }.joined(separator: ", ")
        default: ""
        }
    }

    /// `mailing-groups` → `Mailing groups`.
    static func heading(_ spec: ResourceSpec) -> String {
        let words = spec.path.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

extension WebFields {
    /// `{smtp: {host}}` → `{"smtp.host"}`: the dotted names forms use.
    static func flatten(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        var flat = JSONObject()
        for member in object.members {
            if case .object(let inner) = member.value {
                for child in inner.members { flat["\(member.key).\(child.key)"] = child.value }
            } else {
                flat[member.key] = member.value
            }
        }
        return .object(flat)
    }

    /// `{"smtp.host"}` → `{smtp: {host}}`: the nested objects the API reads.
    static func nest(_ body: JSONObject) -> JSONValue {
        var nested = JSONObject()
        for member in body.members {
            let parts = member.key.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                nested[member.key] = member.value
                continue
            }
            var inner = nested[parts[0]]?.objectValue ?? JSONObject()
            inner[parts[1]] = member.value
            nested[parts[0]] = .object(inner)
        }
        return .object(nested)
    }
}
