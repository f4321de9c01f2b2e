import Foundation
import RapportCore

/// Every `rapport serve` option can also come from the environment as `RAPPORT_<OPTION>` (`--db` from
/// `RAPPORT_DB`, `--trusted-proxy` from `RAPPORT_TRUSTED_PROXY`), as container platforms and service managers
/// configure programs; a value on the command line wins. The environment is turned into the options it
/// stands for before parsing, so the parser checks both the same way.
public enum ServeEnvironment {
    /// How an option takes its value.
    public enum Kind: Sendable {
        /// `--port 8080`.
        case value
        /// `--demo`: set by `1`, `true`, `yes` or `on`; left off by `0`, `false`, `no`, `off` or empty.
        case flag
        /// `--trusted-proxy A --trusted-proxy B`: comma-separated in the environment.
        case list
    }

    /// The options of `serve` and their kinds; `ServeCommand`'s test checks that none is missing.
    public static let options: [(name: String, kind: Kind)] = [
        ("db", .value), ("host", .value), ("port", .value), ("admin-token", .value), ("demo", .flag),
        ("no-delivery", .flag), ("metrics-token", .value), ("trusted-proxy", .list),
    ]

    /// `RAPPORT_` and the option's name in capitals, dashes as underscores.
    public static func variable(for option: String) -> String {
        "RAPPORT_" + option.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// `arguments` (what follows `serve`) with the options the environment gives and the command line does
    /// not; throws naming the variable when a flag's value is neither yes nor no.
    public static func arguments(
        _ arguments: [String], environment: [String: String]
    ) throws(RapportError) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let given = arguments[..<end]
        var added: [String] = []
        for (name, kind) in options {
            let option = "--" + name
            guard !given.contains(where: { $0 == option || $0.hasPrefix(option + "=") }),
                let text = environment[variable(for: name)]
            else { continue }
            switch kind {
            case .value:
                if !text.isEmpty { added += [option, text] }
            case .flag:
                if try isOn(text, variable: variable(for: name)) { added.append(option) }
            case .list:
                for item in text.split(separator: ",") {
                    let trimmed = item.trimmingCharacters(in: .whitespaces)
                    if !trimmed.isEmpty { added += [option, trimmed] }
                }
            }
        }
        return Array(given) + added + arguments[end...]
    }

    static func isOn(_ text: String, variable: String) throws(RapportError) -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "", "0", "false", "no", "off": return false
        default:
            throw RapportError.validation(variable, "\(variable) must be true or false (1/0, yes/no), not '\(text)'.")
        }
    }
}
