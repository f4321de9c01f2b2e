/// The byte layout of the headers and end records written by `ZIPWriter`.
extension ZIPWriter {
    /// The local header. `zip64` (for streamed entries, whose sizes are not known yet) adds a ZIP64 extra field with
    /// zero sizes; entries of known size get one when their sizes need it.
    mutating func appendLocalHeader(_ header: LocalHeader, zip64: Bool) {
        let wide =
            zip64 || forceZIP64 || header.compressedSize >= ZIPFormat.max32
            || header.uncompressedSize >= ZIPFormat.max32
        let name = Array(header.name.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ZIPFormat.localHeaderSize + name.count + 20)
        bytes.appendLE32(ZIPFormat.localHeaderSignature)
        bytes.appendLE16(wide ? ZIPFormat.versionZIP64 : ZIPFormat.versionDeflate)
        bytes.appendLE16(header.flags | ZIPFormat.flagUTF8)
        bytes.appendLE16(header.method.rawValue)
        bytes.appendLE16(header.dosTime)
        bytes.appendLE16(header.dosDate)
        bytes.appendLE32(header.crc32)
        bytes.appendLE32(wide ? UInt32(ZIPFormat.max32) : UInt32(header.compressedSize))
        bytes.appendLE32(wide ? UInt32(ZIPFormat.max32) : UInt32(header.uncompressedSize))
        bytes.appendLE16(UInt16(name.count))
        bytes.appendLE16(wide ? 20 : 0)
        bytes.append(contentsOf: name)
        if wide {
            bytes.appendLE16(ZIPFormat.zip64ExtraID)
            bytes.appendLE16(16)
            bytes.appendLE64(UInt64(header.uncompressedSize))
            bytes.appendLE64(UInt64(header.compressedSize))
        }
        buffer.append(contentsOf: bytes)
    }

    /// The central directory header, kept in memory until `finish()`.
    func centralHeader(_ header: LocalHeader, localOffset: Int) -> [UInt8] {
        let wideUncompressed = forceZIP64 || header.uncompressedSize >= ZIPFormat.max32
        let wideCompressed = forceZIP64 || header.compressedSize >= ZIPFormat.max32
        let wideOffset = forceZIP64 || localOffset >= ZIPFormat.max32
        let extraBody = (wideUncompressed ? 8 : 0) + (wideCompressed ? 8 : 0) + (wideOffset ? 8 : 0)
        let name = Array(header.name.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ZIPFormat.centralHeaderSize + name.count + 28)
        bytes.appendLE32(ZIPFormat.centralHeaderSignature)
        let version = extraBody > 0 ? ZIPFormat.versionZIP64 : ZIPFormat.versionDeflate
        bytes.appendLE16(version)  // made by: MS-DOS host (upper byte 0), so external attributes are plain
        bytes.appendLE16(version)
        bytes.appendLE16(header.flags | ZIPFormat.flagUTF8)
        bytes.appendLE16(header.method.rawValue)
        bytes.appendLE16(header.dosTime)
        bytes.appendLE16(header.dosDate)
        bytes.appendLE32(header.crc32)
        bytes.appendLE32(wideCompressed ? UInt32(ZIPFormat.max32) : UInt32(header.compressedSize))
        bytes.appendLE32(wideUncompressed ? UInt32(ZIPFormat.max32) : UInt32(header.uncompressedSize))
        bytes.appendLE16(UInt16(name.count))
        bytes.appendLE16(UInt16(extraBody > 0 ? extraBody + 4 : 0))
        bytes.appendLE16(0)  // comment
        bytes.appendLE16(0)  // disk number
        bytes.appendLE16(0)  // internal attributes
        bytes.appendLE32(0)  // external attributes
        bytes.appendLE32(wideOffset ? UInt32(ZIPFormat.max32) : UInt32(localOffset))
        bytes.append(contentsOf: name)
        if extraBody > 0 {
            bytes.appendLE16(ZIPFormat.zip64ExtraID)
            bytes.appendLE16(UInt16(extraBody))
            if wideUncompressed { bytes.appendLE64(UInt64(header.uncompressedSize)) }
            if wideCompressed { bytes.appendLE64(UInt64(header.compressedSize)) }
            if wideOffset { bytes.appendLE64(UInt64(localOffset)) }
        }
        return bytes
    }

    /// The ZIP64 end record and locator when needed, then the classic end record.
    func endRecords(entryCount count: Int, directoryOffset: Int, directorySize: Int, at position: Int) -> [UInt8] {
        let wide =
            forceZIP64 || count >= ZIPFormat.max16 || directoryOffset >= ZIPFormat.max32
            || directorySize >= ZIPFormat.max32
        var bytes: [UInt8] = []
        if wide {
            bytes.appendLE32(ZIPFormat.zip64EndOfCentralDirectorySignature)
            bytes.appendLE64(UInt64(ZIPFormat.zip64EndOfCentralDirectorySize - 12))
            bytes.appendLE16(ZIPFormat.versionZIP64)
            bytes.appendLE16(ZIPFormat.versionZIP64)
            bytes.appendLE32(0)
            bytes.appendLE32(0)
            bytes.appendLE64(UInt64(count))
            bytes.appendLE64(UInt64(count))
            bytes.appendLE64(UInt64(directorySize))
            bytes.appendLE64(UInt64(directoryOffset))
            bytes.appendLE32(ZIPFormat.zip64LocatorSignature)
            bytes.appendLE32(0)
            bytes.appendLE64(UInt64(position))
            bytes.appendLE32(1)
        }
        let countField = wide && (forceZIP64 || count >= ZIPFormat.max16) ? UInt16(ZIPFormat.max16) : UInt16(count)
        bytes.appendLE32(ZIPFormat.endOfCentralDirectorySignature)
        bytes.appendLE16(0)
        bytes.appendLE16(0)
        bytes.appendLE16(countField)
        bytes.appendLE16(countField)
        bytes.appendLE32(
            forceZIP64 || directorySize >= ZIPFormat.max32 ? UInt32(ZIPFormat.max32) : UInt32(directorySize))
        bytes.appendLE32(
            forceZIP64 || directoryOffset >= ZIPFormat.max32 ? UInt32(ZIPFormat.max32) : UInt32(directoryOffset))
        bytes.appendLE16(0)
        return bytes
    }
}
