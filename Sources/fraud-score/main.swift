#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// Results go to stdout, diagnostics to stderr; a closed stdout ends the run quietly.
signal(SIGPIPE, SIG_IGN)
exit(FraudScore.main(Array(CommandLine.arguments.dropFirst())))
