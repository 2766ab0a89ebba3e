// Public doors for the fuzz targets in Fuzz/ (a separate package, which sees only public API).
// Each runs exactly the product's own code path; nothing here checks or repairs anything.

/// Entry points used by the libFuzzer targets in `Fuzz/`.
public enum FuzzEntryPoints {
    /// What `load model FILE` does with the file's text before it touches the session: decode and
    /// validate (ModelFile.decode), then build the network and the model from it.
    /// - Throws: the same NotebookError that `load model` reports.
    public static func loadModel(text: String, path: String = "fuzz.json") throws {
        let file = try ModelFile.decode(text, path: path)
        let network = file.network()
        let model = Model(network: network, seed: 1, initialization: file.training.initialization,
                          featureNames: file.features, classNames: file.classes, labelName: file.label)
        _ = model
    }
}
