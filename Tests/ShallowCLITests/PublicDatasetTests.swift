import Foundation
import Testing

/// Issue 10's acceptance run, as a new user would do it, on a public tabular data set the project has never
/// seen: scikit-learn's breast cancer data (569 examples, 30 features, classes malignant and benign), split by
/// scikit-learn into train.csv and test.csv (the test file's columns in another order). Every number shallow
/// prints is checked against scikit-learn's metrics on shallow's own predictions, and those predictions
/// against a numpy forward pass of the saved model.
@Suite struct PublicDatasetTests {
    static let prepare = """
    import sys
    import numpy as np
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split
    folder = sys.argv[1]
    data = load_breast_cancer()
    names = [n.replace(' ', '_') for n in data.feature_names]
    labels = data.target_names[data.target]
    X_train, X_test, y_train, y_test = train_test_split(data.data, labels, test_size=0.2, random_state=0, stratify=labels)
    def write(path, X, y, order):
        with open(path, 'w') as f:
            f.write(','.join([names[j] for j in order] + ['diagnosis']) + '\\n')
            for row, label in zip(X, y):
                f.write(','.join(repr(float(row[j])) for j in order) + ',' + label + '\\n')
    write(folder + '/train.csv', X_train, y_train, range(30))
    write(folder + '/test.csv', X_test, y_test, list(reversed(range(30))))
    """

    /// scikit-learn's metrics on shallow's predictions (pred.csv), and a numpy forward pass of m.json.
    static let check = """
    import sys, json, csv
    import numpy as np
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
    folder = sys.argv[1]
    rows = list(csv.reader(open(folder + '/pred.csv')))
    header, body = rows[0], rows[1:]
    truth = [r[header.index('diagnosis')] for r in body]
    predicted = [r[header.index('predicted')] for r in body]
    model = json.load(open(folder + '/m.json'))
    classes = model['classes']
    features = model['features']
    X = np.array([[float(r[header.index(n)]) for n in features] for r in body]).T
    s = model['scaling']
    A = (X - np.array(s['offset'])[:, None]) / np.array(s['scale'])[:, None]
    for l, layer in enumerate(model['layers']):
        Z = np.array(layer['W']) @ A + np.array(layer['b'])[:, None]
        A = np.tanh(Z) if l + 1 < len(model['layers']) else 1 / (1 + np.exp(-Z))
    numpy_predicted = [classes[int(p > 0.5)] for p in A[0]]
    p, r, f, support = precision_recall_fscore_support(truth, predicted, labels=classes, zero_division=0)
    print(json.dumps({
        'correct': int(round(accuracy_score(truth, predicted) * len(truth))), 'total': len(truth),
        'accuracy': '%.2f %%' % (accuracy_score(truth, predicted) * 100),
        'matrix': confusion_matrix(truth, predicted, labels=classes).tolist(), 'classes': classes,
        'rows': {c: ['%.2f' % p[k], '%.2f' % r[k], '%.2f' % f[k], str(support[k])] for k, c in enumerate(classes)},
        'numpy_agrees': numpy_predicted == predicted,
        'majority': '%.2f %%' % (100 * truth.count('benign') / len(truth)),
    }))
    """

    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "python", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "python failed (scripts/test installs numpy and scikit-learn): \(error)"])
        }
        return text
    }

    @Test func aNewUserOnBreastCancerGetsTheRightLabelledTestFigures() throws {
        let folder = try Binary.temporaryDirectory()
        _ = try Self.python(Self.prepare, [folder.path])
        let script = """
        load train.csv
        scale standard
        set hidden 4
        init
        train 10000
        load test test.csv
        accuracy test
        report test
        save model m.json
        predict test.csv to pred.csv
        """
        let result = try Binary.run(["-e", script.replacingOccurrences(of: "\n", with: "; ")], directory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        let reference = try JSONSerialization.jsonObject(with: Data(try Self.python(Self.check, [folder.path]).utf8)) as? [String: Any]
        let expected = try #require(reference)
        #expect(expected["numpy_agrees"] as? Bool == true, "shallow's predictions differ from a numpy forward pass of the saved model")

        // The test file's columns came in reverse order: matched by name, and said so.
        #expect(lines.contains { $0.contains("test.csv") && $0.contains("by name") }, "\(lines.filter { $0.contains("test") })")
        let correct = try #require(expected["correct"] as? Int), total = try #require(expected["total"] as? Int)
        let accuracy = try #require(expected["accuracy"] as? String)
        #expect(total == 114)
        // The majority class of the training part is benign (286 of 455); its share of the test set is the baseline.
        let majority = try #require(expected["majority"] as? String)
        #expect(lines.contains("test accuracy: \(accuracy) (\(correct)/\(total)) · majority class \(majority)"),
                "\(lines.filter { $0.contains("accuracy") })")
        #expect(correct >= 108, "a 4-unit network reaches scikit-learn's ~95–98 % on this split")

        // The report: the confusion matrix and each class's row as scikit-learn computes them.
        let classes = try #require(expected["classes"] as? [String])
        let matrix = try #require(expected["matrix"] as? [[Int]])
        let header = try #require(lines.firstIndex { $0.hasPrefix("confusion matrix on the test set test.csv ") })
        #expect(lines[header].contains("(114 examples)"))
        for (k, name) in classes.enumerated() {
            let row = lines[header + 2 + k].split(separator: " ").map(String.init)
            #expect(row == [name] + matrix[k].map(String.init), "matrix row \(name)")
            let scores = try #require((expected["rows"] as? [String: [String]])?[name])
            let printed = try #require(lines.dropFirst(header + 2 + classes.count).first { $0.drop { $0 == " " }.hasPrefix(name + " ") })
            #expect(printed.split(separator: " ").map(String.init) == [name] + scores, "report row \(name)")
        }
    }
}
