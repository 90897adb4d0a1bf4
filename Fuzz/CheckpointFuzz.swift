// libFuzzer target for the stream checkpoint parser, built by scripts/fuzz.sh together with
// Sources/FraudModel as one module; never part of `swift build`.
#if canImport(Glibc)
import Glibc
#endif

/// Writes the seed, a checkpoint of the current format (``HostileInput/sampleCheckpoint()``),
/// into the first corpus directory on the command line, so the corpus never holds a
/// checkpoint of a format the parser no longer reads.
@_cdecl("LLVMFuzzerInitialize")
public func checkpointFuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?,
                                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    guard let argc, argc.pointee > 1, let argv = argv?.pointee else { return 0 }
    for i in 1..<Int(argc.pointee) {
        guard let arg = argv[i], arg.pointee != 0x2D else { continue }    // not a -flag
        let seed = HostileInput.sampleCheckpoint()
        guard let f = fopen(String(cString: arg) + "/seed-sample", "wb") else { return 0 }
        _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        return 0
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func checkpointFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    _ = HostileInput.restoreCheckpoint(UnsafeBufferPointer(start: data, count: size))
    return 0
}
