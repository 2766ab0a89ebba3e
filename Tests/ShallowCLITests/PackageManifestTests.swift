import Foundation
import Testing

/// SwiftPM refuses a package with `unsafeFlags` as a (versioned) dependency of another package, so the engine could
/// not be reused. Checked by hand once with a consumer package depending on this one through a `file://` URL and
/// an exact version (it builds); this test keeps the cause from coming back.
@Suite struct PackageManifestTests {
    @Test func manifestHasNoUnsafeFlags() throws {
        let manifest = try String(contentsOf: Binary.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains("name: \"NeuralNet\""), "read the package's own manifest")
        let code = manifest.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        #expect(!code.contains { $0.contains("unsafeFlags") }, "Package.swift uses unsafeFlags")
    }
}
