import RapportCore

/// `CaseFold.fold` for the many cells of one import, remembering the folds of non-ASCII text.
///
/// ASCII folds cheaply; other text goes through Foundation, which costs microseconds a cell, and a file repeats
/// its names and cities. The memo is bounded (it starts over when full), so memory stays flat. A hit is used only
/// when its bytes match: `String` equality is canonical equivalence, and the fold must keep the input's bytes
/// (a precomposed "é" and "e" + U+0301 fold differently).
struct CaseFoldMemo {
    static let capacity = 50_000
    private var folds: [String: (source: String, fold: String)] = [:]

    mutating func fold(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return CaseFold.fold(text) }
        if let known = folds[text], known.source.utf8.elementsEqual(text.utf8) { return known.fold }
        if folds.count >= Self.capacity { folds.removeAll(keepingCapacity: true) }
        let fold = CaseFold.fold(text)
        folds[text] = (text, fold)
        return fold
    }
}
