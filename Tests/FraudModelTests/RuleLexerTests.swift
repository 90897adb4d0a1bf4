import Testing
@testable import FraudModel

@Suite("RuleLexer")
struct RuleLexerTests {
    private func lex(_ text: String) -> (lines: [RuleLogicalLine], diagnostics: [String]) {
        var lexer = RuleLexer(bytes: Array(text.utf8), file: "f")
        let lines = lexer.logicalLines(startingAt: 0)
        return (lines, lexer.diagnostics.map(\.description))
    }

    @Test func tokensCarryKindTextAndPosition() {
        let (lines, diagnostics) = lex("caller rule busy weight -1.5 = calls_out >= 10")
        #expect(diagnostics.isEmpty)
        let tokens = lines[0].tokens
        #expect(tokens.map(\.text) == ["caller", "rule", "busy", "weight", "-", "1.5", "=", "calls_out", ">=", "10"])
        #expect(tokens[5].kind == .number && tokens[5].value == 1.5)
        #expect(tokens[8].kind == .symbol)
        #expect(tokens[7].column == 32)
        #expect(tokens[8].start == 41 && tokens[8].end == 43)
    }

    @Test func durationsPercentagesAndExponents() {
        let (lines, diagnostics) = lex("x = 30s 10m 24h 2d 1h30m 1.5h 30% 1e-3 .5 1w")
        #expect(diagnostics.isEmpty)
        let values = lines[0].tokens.dropFirst(2).map(\.value)
        #expect(values == [30, 600, 86_400, 172_800, 5_400, 5_400, 0.3, 0.001, 0.5, 604_800])
    }

    @Test func numbersKeepHowTheyWereWritten() {
        let (lines, diagnostics) = lex("x = 2 0.5 1e-3 30s 1h30m 2d 30% .5%")
        #expect(diagnostics.isEmpty)
        let numbers = lines[0].tokens.dropFirst(2)
        #expect(numbers.map(\.form) == [.plain, .plain, .plain, .duration, .duration, .duration, .percent, .percent])
        #expect(numbers.map(\.numberLiteral.text) == ["2", "0.5", "1e-3", "30s", "1h30m", "2d", "30%", ".5%"])
        #expect(numbers.map(\.value) == [2, 0.5, 0.001, 30, 5_400, 172_800, 0.3, 0.005])
    }

    @Test func invalidNumbersAreReportedAtTheirStart() {
        #expect(lex("a = 3x").diagnostics == ["f:1:5: invalid number '3x' (durations use s, m, h, d, w, e.g. 90s or 1h30m)"])
        #expect(lex("a = 1h30").diagnostics.first?.hasPrefix("f:1:5: invalid number '1h30'") == true)
        #expect(lex("a = 1ms").diagnostics.first?.hasPrefix("f:1:5: invalid number '1ms'") == true)
    }

    @Test func indentedLinesAndOpenParenthesesContinueAStatement() {
        let text = """
            caller rule a weight 1 =
              calls_out > 1
            caller rule b weight 1 = min(calls_out,
            answer_rate)
            tier 1 = score > 0.5
            """
        let (lines, diagnostics) = lex(text)
        #expect(diagnostics.isEmpty)
        #expect(lines.count == 3)
        #expect(lines[0].tokens.last?.text == "1" && lines[0].tokens.last?.line == 2)
        #expect(lines[1].tokens.last?.text == ")")
        #expect(lines[2].line == 5)
    }

    @Test func anUnindentedStatementKeywordEndsAnUnclosedParenthesis() {
        let (lines, _) = lex("caller rule a weight 1 = min(calls_out,\ntier 1 = score")
        #expect(lines.count == 2)
        #expect(lines[1].tokens.first?.text == "tier")
    }

    @Test func commentsAndBlankLinesAreInvisible() {
        let text = "# header\n\nclass a = length > 3 # trailing\n  # comment inside\n\n  and international\nset x = 1\n"
        let (lines, diagnostics) = lex(text)
        #expect(diagnostics.isEmpty)
        #expect(lines.count == 2)
        #expect(lines[0].tokens.map(\.text) == ["class", "a", "=", "length", ">", "3", "and", "international"])
    }

    @Test func listItemsAreRawWords() {
        let (lines, _) = lex("list w = +85512345678, 008613912345678, 3fa9c0de, \"95588\", file")
        let items = lines[0].tokens.dropFirst(3).filter { !$0.isSymbol(",") }
        #expect(items.map(\.text) == ["+85512345678", "008613912345678", "3fa9c0de", "95588", "file"])
        #expect(items.map(\.kind) == [.word, .word, .word, .string, .word])
    }

    @Test func stringsUnescapeQuotesAndMustBeClosed() {
        let (lines, _) = lex(#"x = "say \"hi\" \\ c:\dir""#)
        #expect(lines[0].tokens.last?.text == #"say "hi" \ c:\dir"#)
        #expect(lex("x = \"open\ny = 2").diagnostics == ["f:1:5: unterminated string (strings must end with '\"' on the same line)"])
    }

    @Test func unexpectedCharactersCountColumnsInCharacters() {
        #expect(lex("x = a $ b").diagnostics == ["f:1:7: unexpected character '$'"])
        #expect(lex("x = a ! b").diagnostics == ["f:1:7: unexpected character '!'; write 'not' or '!='"])
        #expect(lex("x = a && b").diagnostics == ["f:1:7: unexpected character '&'; write 'and'"])
        // The label holds three 3-byte characters: columns count characters, not bytes.
        #expect(lex("r label \"长通话\" = a ？").diagnostics == ["f:1:19: unexpected character '？'"])
    }

    @Test func anErrorSkipsTheRestOfItsStatementOnly() {
        let (lines, diagnostics) = lex("x = $ $\n  more $\ny = 1")
        #expect(diagnostics.count == 1)
        #expect(lines.count == 2 && lines[0].failed && !lines[1].failed)
    }
}
