// libFuzzer target for the stream over a hostile live feed, built by scripts/fuzz.sh together
// with Sources/FraudModel as one module; never part of `swift build`.

@_cdecl("LLVMFuzzerTestOneInput")
public func streamFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    _ = HostileInput.stream(UnsafeBufferPointer(start: data, count: size))
    return 0
}
