#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// Results go to stdout, diagnostics to stderr; a closed stdout ends the run quietly.
signal(SIGPIPE, SIG_IGN)
// Blocks of 1 MiB and more always get their own mapping, returned to the system when freed.
// Without this, glibc raises the threshold after the first large free, and the per-thread
// parse state then stays resident in its arena through the analysis (about 30 MB here).
// (`mallopt` is in <malloc.h>, which the Glibc module does not export, so it is looked up
// with its C calling convention; M_MMAP_THRESHOLD = -3. Without it nothing breaks, it only
// costs memory.)
if let symbol = dlsym(nil, "mallopt") {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    _ = unsafeBitCast(symbol, to: Mallopt.self)(-3, 1 << 20)
}
exit(FraudScore.main(Array(CommandLine.arguments.dropFirst())))
