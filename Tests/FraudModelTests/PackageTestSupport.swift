import Foundation

/// The package root, from the path of the calling file (one in `Tests/FraudModelTests`).
func packageRoot(_ file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)                                   // Tests/FraudModelTests/<file>
    return parts.joined(separator: "/")
}
