import Testing
@testable import Notebook

@Suite struct LexerTests {
    @Test func splitsStatementsAndDropsComments() throws {
        let statements = try Lexer.statements("load flower; set lr 1.2 # the lecture's rate")
        #expect(statements.map(\.text) == ["load flower", "set lr 1.2"])
        #expect(statements[1].tokens.map(\.text) == ["set", "lr", "1.2"])
    }

    @Test func quotedArgumentsKeepSpacesSemicolonsAndHashes() throws {
        let tokens = try Lexer.statements(#"plot cost to "my plots/a;b#c.png""#)[0].tokens
        #expect(tokens.last == Token("my plots/a;b#c.png", quoted: true, column: 14))
        let single = try Lexer.statements(#"plot cost to 'it\s "x".png'"#)[0].tokens
        #expect(single.last?.text == #"it\s "x".png"#)
        let escaped = try Lexer.statements(#"plot cost to "a\"b\\c.png""#)[0].tokens
        #expect(escaped.last?.text == #"a"b\c.png"#)
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: NotebookError.self) { try Lexer.statements("plot cost to \"oops") }
    }

    @Test func quoteIfNeededRoundTrips() throws {
        for text in ["plain", "with space", "semi;colon", "it's", #"both ' and ""#, "back\\slash"] {
            let token = try Lexer.statements("x " + quoteIfNeeded(text))[0].tokens[1]
            #expect(token.text == text)
        }
    }
}

@Suite struct ParserTests {
    let parser = Parser()

    func error(_ line: String) -> String {
        do {
            _ = try parser.parse(line: line)
            return "no error"
        } catch let error as NotebookError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func parsesTheLectureCommands() throws {
        let commands = try parser.parse(line: "load flower; set hidden 4; set activation tanh; set lr 1.2; init random scale=0.01 seed=2; train 10000 every=1000")
        #expect(commands.map(\.spec.name) == ["load", "set hidden", "set activation", "set lr", "init", "train"])
        #expect(commands[4].arguments.number("scale") == 0.01)
        #expect(commands[4].arguments.integer("seed") == 2)
        #expect(commands[5].arguments.integer("N") == 10000)
        #expect(commands[5].arguments.integer("every") == 1000)
    }

    @Test func parsesListsChoicesWithParametersAndFlags() throws {
        let hidden = try parser.parse(line: "set hidden 8 4")[0]
        #expect(hidden.arguments.integers("SIZES") == [8, 4])
        let leaky = try parser.parse(line: "set activation leaky=0.02")[0]
        #expect(leaky.arguments.choice("NAME")?.word == "leaky")
        #expect(leaky.arguments.choice("NAME")?.parameter == 0.02)
        let loop = try parser.parse(line: "train 5 loop")[0]
        #expect(loop.arguments.has("loop"))
        let predict = try parser.parse(line: "predict 1.5 -0.3")[0]
        #expect(predict.arguments.numbers("X") == [1.5, -0.3])
    }

    @Test func errorsNameTheOffendingTokenAndWhatWasExpected() {
        #expect(error("trian 100") == "unknown command 'trian'; did you mean 'train'?")
        #expect(error("frobnicate") == "unknown command 'frobnicate'; type 'help' for the list of commands")
        #expect(error("train abc") == "train: found 'abc', expected a whole number from 0 to 100000000")
        #expect(error("train") == "train: missing N (a whole number from 0 to 100000000); usage: train N [every=N] [patience=N] [animate=…] [frames=N] [features=…] [loop] [live]")
        #expect(error("train 10 evry=2") == "train: unknown option 'evry=' (did you mean 'every='?); expected every=, patience=, animate=, frames=, features=")
        #expect(error("set lr -1") == "set lr: -1 is out of range, expected a number from 0 to 1000000")
        #expect(error("set lr nan") == "set lr: found 'nan', expected a number from 0 to 1000000")
        #expect(error("set activation tanhh") == "set activation: found 'tanhh', expected one of sigmoid, tanh, relu, leaky[=X], linear; did you mean 'tanh'?")
        #expect(error("show shap") == "show: unknown 'shap', expected one of data, shapes, settings, history, params; did you mean 'show shapes'?")
        #expect(error("set") .hasPrefix("set: expected one of hidden, activation"))
        #expect(error("train 10 20") == "train: unexpected '20'; usage: train N [every=N] [patience=N] [animate=…] [frames=N] [features=…] [loop] [live]")
    }

    @Test func quotedWordsAreNeverKeywords() throws {
        // A file literally named `to` or `every=3` stays a value.
        #expect(error("train \"10\"") == "no error")
        #expect(error("\"train\" 10").hasPrefix("unknown command"))
    }

    @Test func editDistanceCountsTranspositionsAsOneEdit() {
        #expect(editDistance("trian", "train") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(nearest("acuracy", among: ["accuracy", "cost"]) == "accuracy")
    }
}
