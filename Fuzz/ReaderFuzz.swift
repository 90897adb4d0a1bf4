// libFuzzer target for the call-file reader (CSV / JSON Lines, both layouts), built by
// scripts/fuzz.sh together with Sources/FraudModel as one module; never part of `swift build`.

@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    _ = HostileInput.read(UnsafeBufferPointer(start: data, count: size))
    return 0
}
